/**
 * KaTeX, loaded on demand. The prerendered page already holds every equation it opens with, so
 * the browser needs KaTeX only to typeset a new one (the depth explorer at another depth, or the
 * dev server's unrendered page). Loading it lazily keeps about a third of the script out of the
 * page's first load. The build's prerender and the unit tests load it first (`loadKatex()`), so
 * that `loadedKatex()` is there when they render.
 */
import type Katex from 'katex';

type KatexModule = typeof Katex;

let loaded: KatexModule | null = null;
let pending: Promise<KatexModule> | null = null;

/** KaTeX once loaded; the same promise on every call. */
export function loadKatex(): Promise<KatexModule> {
  pending ??= import('katex').then((m) => (loaded = m.default));
  return pending;
}

/** KaTeX if it has loaded, else null. */
export function loadedKatex(): KatexModule | null {
  return loaded;
}
