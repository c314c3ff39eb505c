/**
 * Where the reader last followed each citation from, so that the reference list can link back
 * to that place. A tiny store for `useSyncExternalStore`: the citations write it on click, the
 * reference list reads it.
 */
import type { RefId } from './references';

const last = new Map<RefId, string>();
const listeners = new Set<() => void>();
let version = 0;

export const citationTrail = {
  /** Records that the citation with element id `from` led to `ref`. */
  follow(ref: RefId, from: string): void {
    last.set(ref, from);
    version += 1;
    listeners.forEach((l) => l());
  },
  /** The element id of the citation that last led to `ref`, if any. */
  from(ref: RefId): string | undefined {
    return last.get(ref);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  version: () => version,
};
