import type { FocusEvent, KeyboardEvent, PointerEvent, ReactNode } from 'react';
import type { PlotBox } from './AxesSvg';
import { PLOT_COLORS } from '../geometry/colors';
import type { MarkPos } from '../geometry/markKeys';
import { SeriesReadout, type ReadoutRow } from './Readout';
import type { KeyboardCursor } from './useKeyboardCursor';

/** Props of {@link MarkOverlay}. */
export interface MarkOverlayProps {
  /** The plot's SVG size (the overlay covers it exactly) and the plot area's offset and size. */
  box: PlotBox;
  /** Accessible name of the group of focusable marks, with the keys that move between them. */
  label: string;
  /** The pointer's position in plot-area coordinates. */
  onPointerMove: (p: { x: number; y: number }) => void;
  /** The plot's keyboard cursor: the pointer leaving clears its highlight; its moves are announced. */
  cursor: Pick<KeyboardCursor, 'setActive' | 'announce'>;
  /** The highlighted point in plot-area coordinates, ringed; null for none. */
  highlight: { x: number; y: number } | null;
  /** Also draw a dashed guide from the highlighted point down to the x axis. */
  guide?: boolean;
  /** What the readout next to the highlighted point says; null for no readout. */
  readout: { head?: string; rows: ReadoutRow[] } | null;
  /** The focusable marks, in plot-area coordinates. */
  children: ReactNode;
}

/**
 * The interactive layer over a line plot: a transparent SVG (not exported) with the pointer hit
 * area, the ring around the highlighted point and the plot's focusable marks, the live region
 * that announces keyboard moves, and the readout at the highlighted point.
 */
export function MarkOverlay(props: MarkOverlayProps) {
  const { highlight: h, cursor, readout } = props;
  const { width, height, margin, innerW, innerH } = props.box;
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    props.onPointerMove({
      x: e.clientX - box.left - margin.left,
      y: e.clientY - box.top - margin.top,
    });
  };
  return (
    <>
      <svg
        className="plot-overlay"
        width={width}
        height={height}
        role="group"
        aria-label={props.label}
        onPointerMove={onPointerMove}
        onPointerLeave={() => cursor.setActive(null)}
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <rect className="plot-hit" width={innerW} height={innerH} fill="transparent" />
          {h && props.guide ? (
            <line x1={h.x} x2={h.x} y2={innerH} stroke={PLOT_COLORS.muted} strokeDasharray="2 3" />
          ) : null}
          {h ? (
            <circle
              cx={h.x}
              cy={h.y}
              r={5.5}
              fill="none"
              stroke={PLOT_COLORS.ink}
              strokeWidth={1.5}
            />
          ) : null}
          {props.children}
        </g>
      </svg>
      <div className="plot-sr-only" aria-live="polite">
        {cursor.announce}
      </div>
      {h && readout ? (
        <SeriesReadout
          x={h.x + margin.left}
          y={h.y + margin.top}
          containerWidth={width}
          containerHeight={height}
          head={readout.head}
          rows={readout.rows}
        />
      ) : null}
    </>
  );
}

/** Props of {@link FocusMark}. */
export interface FocusMarkProps {
  /** The mark's series and index, as data-s and data-i (the keyboard handlers find marks by them). */
  pos: MarkPos;
  /** Where it sits, in plot-area coordinates. */
  at: { x: number; y: number };
  r: number;
  /** Its accessible name: the series, the point and its value. */
  label: string;
  onFocus: () => void;
  onBlur: (e: FocusEvent<SVGCircleElement>) => void;
  onKeyDown: (e: KeyboardEvent<SVGElement>) => void;
}

/** A focusable mark of a {@link MarkOverlay}: a transparent circle that is one tab stop. */
export function FocusMark({ pos, at, r, label, onFocus, onBlur, onKeyDown }: FocusMarkProps) {
  return (
    <circle
      className="plot-mark"
      role="graphics-symbol"
      data-s={pos.s}
      data-i={pos.i}
      cx={at.x}
      cy={at.y}
      r={r}
      fill="transparent"
      tabIndex={0}
      aria-label={label}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    />
  );
}
