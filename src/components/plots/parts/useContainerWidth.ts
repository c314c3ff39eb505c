import { useLayoutEffect, useState, type RefObject } from 'react';

/** Width used before measuring and where ResizeObserver is missing (jsdom, old browsers). */
export const FALLBACK_WIDTH = 600;

/** Options of {@link useContainerWidth}. */
export interface ContainerWidthOptions {
  /** False keeps `fallback`: a plot drawn at a fixed width that CSS scales. */
  measure?: boolean;
  /**
   * Plots that sit in alike containers (every lab's first panel) share the last width measured
   * under this key: a new one starts at it instead of at `fallback`, so that its first render is
   * its only one (a lab's mount draws its profile once, not at 600 px and again at its width).
   */
  sharedAs?: string;
}

const lastWidths = new Map<string, number>();

/**
 * The content width of a container, measured before the first paint and kept up to date by a
 * ResizeObserver. Rounded to whole pixels so sub-pixel jitter does not re-render the plot.
 */
export function useContainerWidth(
  ref: RefObject<HTMLElement | null>,
  fallback = FALLBACK_WIDTH,
  { measure = true, sharedAs }: ContainerWidthOptions = {},
): number {
  const [width, setWidth] = useState(() =>
    measure && sharedAs ? (lastWidths.get(sharedAs) ?? fallback) : fallback,
  );
  // A layout effect: the first measurement lands before the browser paints or runs another task,
  // so a plot never shows (or widens the page with) the fallback width on a narrow screen.
  useLayoutEffect(() => {
    const el = ref.current;
    const seen = (w: number) => {
      // jsdom and hidden containers report 0: keep the previous width rather than collapsing.
      if (w <= 0) return;
      if (sharedAs) lastWidths.set(sharedAs, Math.round(w));
      if (measure) setWidth(Math.round(w));
    };
    if (el) seen(el.clientWidth);
    if (!measure || !el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => seen(entries[0]?.contentRect.width ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, measure, sharedAs]);
  return width;
}
