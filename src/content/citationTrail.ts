/**
 * Where the reader last followed each citation from, so that the reference list can link back
 * to that place. A tiny store for `useSyncExternalStore`: the citations write it on click, the
 * reference list reads it. One per page, made by the app (App.tsx) and provided to both, so that
 * two pages (or two tests) never share one.
 */
import { createContext, useContext } from 'react';
import type { RefId } from './references';

export class CitationTrail {
  private readonly last = new Map<RefId, string>();
  private readonly listeners = new Set<() => void>();
  private count = 0;

  /** Records that the citation with element id `from` led to `ref`. */
  readonly follow = (ref: RefId, from: string): void => {
    this.last.set(ref, from);
    this.count += 1;
    this.listeners.forEach((l) => l());
  };

  /** The element id of the citation that last led to `ref`, if any. */
  from(ref: RefId): string | undefined {
    return this.last.get(ref);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly version = (): number => this.count;
}

/** The page's trail; null where nothing provides one (a citation then records nothing). */
export const CitationTrailContext = createContext<CitationTrail | null>(null);

export function useCitationTrail(): CitationTrail | null {
  return useContext(CitationTrailContext);
}
