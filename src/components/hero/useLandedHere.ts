/**
 * Whether the page has settled on the top, where the opening figure is: at once for a plain
 * visit, and for a link that lands elsewhere (a `#…` other than the figure's own anchor, or a
 * shared `?lab=`) only once the anchor keeper has let go of its target (anchorKeeper.ts leaves
 * why on the root element). Until then the figure sits at the top of a page that is about to
 * scroll away, and "near" would start its worker for nothing: a shared link to the last lab
 * would start two workers instead of one.
 */
import { useEffect, useState } from 'react';

/** The keeper's states that mean it is done (anything but holding). */
const DONE = new Set(['settled', 'timeout', 'reader', 'detached']);

/** Whether `location` names a target other than the opening figure. */
export function landsElsewhere(location: Pick<Location, 'hash' | 'search'>): boolean {
  const hash = location.hash.length > 1 && location.hash !== '#opening';
  return hash || new URLSearchParams(location.search).has('lab');
}

/** The id a hash names, or null for none. */
function decodeHash(hash: string): string | null {
  if (hash.length < 2) return null;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

export function useLandedHere(): boolean {
  const [done, setDone] = useState(() => {
    if (typeof window === 'undefined' || !landsElsewhere(window.location)) return true;
    // An anchor that names nothing is never held: the page stays at the top.
    const id = decodeHash(window.location.hash);
    return id !== null && !document.getElementById(id) && !window.location.search.includes('lab=');
  });
  useEffect(() => {
    if (done) return;
    const root = document.documentElement;
    const check = () => {
      if (DONE.has(root.dataset.anchor ?? '')) setDone(true);
    };
    const watch = new MutationObserver(check);
    watch.observe(root, { attributes: true, attributeFilter: ['data-anchor'] });
    check();
    return () => watch.disconnect();
  }, [done]);
  return done;
}
