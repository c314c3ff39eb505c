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
  children,
}: {
  x: number;
  y: number;
  containerWidth: number;
  children: ReactNode;
}) {
  const flip = x > containerWidth - 190;
  return (
    <div
      className="plot-readout"
      aria-hidden="true"
      style={{
        left: flip ? undefined : x + 12,
        right: flip ? containerWidth - x + 12 : undefined,
        top: Math.max(0, y - 12),
      }}
    >
      {children}
    </div>
  );
}
