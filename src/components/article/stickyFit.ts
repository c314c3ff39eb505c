import { useEffect, type RefObject } from 'react';

/** The largest share of the viewport's height a sticky diagram may take. */
export const STICKY_MAX_SHARE = 0.4;

/**
 * Keeps a sticky element from hiding what scrolls under it. Measures `sticky` and writes to
 * `root`: `data-sticky="on"` only while the element takes at most STICKY_MAX_SHARE of the
 * viewport's height (a tall diagram on a short screen would cover most of the list it serves),
 * and `--sticky-h`, its height, which the list's items use as their scroll margin so that a term
 * reached with the keyboard scrolls into view below the diagram rather than under it.
 */
export function useStickyFit(
  root: RefObject<HTMLElement | null>,
  sticky: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const r = root.current;
    const s = sticky.current;
    if (!r || !s || typeof ResizeObserver === 'undefined') return;
    const update = () => {
      const h = s.getBoundingClientRect().height;
      const fits = h > 0 && h <= STICKY_MAX_SHARE * window.innerHeight;
      r.setAttribute('data-sticky', fits ? 'on' : 'off');
      r.style.setProperty('--sticky-h', fits ? `${Math.ceil(h)}px` : '0px');
    };
    const observer = new ResizeObserver(update);
    observer.observe(s);
    window.addEventListener('resize', update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [root, sticky]);
}
