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

/** One line of a {@link SeriesReadout}: a colour swatch and its text. */
export interface ReadoutRow {
  id: string;
  color: string;
  text: string;
  /** The series the cursor is on; drawn bold. */
  active?: boolean;
}

/** A readout with an optional heading (the step or layer) and one swatch line per series. */
export function SeriesReadout({
  head,
  rows,
  ...place
}: {
  x: number;
  y: number;
  containerWidth: number;
  containerHeight?: number;
  head?: string;
  rows: ReadoutRow[];
}) {
  return (
    <Readout {...place}>
      {head !== undefined ? <div className="plot-readout-head">{head}</div> : null}
      {rows.map((r) => (
        <div key={r.id} className={r.active ? 'plot-readout-row is-active' : 'plot-readout-row'}>
          <span className="plot-swatch" style={{ background: r.color }} />
          {r.text}
        </div>
      ))}
    </Readout>
  );
}
