import { useLayoutEffect, useState, type RefObject } from 'react';

/** Width used before measuring and where ResizeObserver is missing (jsdom, old browsers). */
export const FALLBACK_WIDTH = 600;

/**
 * The content width of a container, measured before the first paint and kept up to date by a
 * ResizeObserver. Rounded to whole pixels so sub-pixel jitter does not re-render the plot.
 */
export function useContainerWidth(
  ref: RefObject<HTMLElement | null>,
  fallback = FALLBACK_WIDTH,
): number {
  const [width, setWidth] = useState(fallback);
  // A layout effect: the first measurement lands before the browser paints or runs another task,
  // so a plot never shows (or widens the page with) the fallback width on a narrow screen.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.clientWidth > 0) setWidth(Math.round(el.clientWidth));
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      // jsdom and hidden containers report 0: keep the previous width rather than collapsing.
      if (w > 0) setWidth(Math.round(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
