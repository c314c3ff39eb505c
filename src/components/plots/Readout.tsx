import type { ReactNode } from 'react';

/**
 * The hover/focus readout: a small box next to the active mark, flipped to the left near the
 * right edge. Hidden from assistive technology because the focused mark's aria-label already
 * carries the same text.
 */
export function Readout({
  x,
  y,
  containerWidth,
  containerHeight,
  children,
}: {
  x: number;
  y: number;
  containerWidth: number;
  /** When given, the box goes above the mark in the lower half so it does not hide the x axis. */
  containerHeight?: number;
  children: ReactNode;
}) {
  const flip = x > containerWidth - 190;
  const above = containerHeight !== undefined && y > containerHeight / 2;
  return (
    <div
      className="plot-readout"
      aria-hidden="true"
      style={{
        left: flip ? undefined : x + 12,
        right: flip ? containerWidth - x + 12 : undefined,
        top: above ? undefined : Math.max(0, y - 12),
        bottom: above && containerHeight !== undefined ? containerHeight - y + 10 : undefined,
      }}
    >
      {children}
    </div>
  );
}
