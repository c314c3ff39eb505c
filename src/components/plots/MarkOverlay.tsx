import type { PointerEvent, ReactNode } from 'react';
import { PLOT_COLORS } from './colors';

/** Props of {@link MarkOverlay}. */
export interface MarkOverlayProps {
  /** The plot's SVG size (the overlay covers it exactly) and the plot area's offset and size. */
  box: {
    width: number;
    height: number;
    margin: { left: number; top: number };
    innerW: number;
    innerH: number;
  };
  /** Accessible name of the group of focusable marks, with the keys that move between them. */
  label: string;
  onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
  onPointerLeave: () => void;
  /** The highlighted point in plot-area coordinates, ringed; null for none. */
  highlight: { x: number; y: number } | null;
  /** Also draw a dashed guide from the highlighted point down to the x axis. */
  guide?: boolean;
  /** Text of the polite live region (the last keyboard move). */
  announce: string;
  /** The focusable marks, in plot-area coordinates. */
  children: ReactNode;
}

/**
 * The interactive layer over a line plot: a transparent SVG (not exported) with the pointer hit
 * area, the ring around the highlighted point and the plot's focusable marks, and the live
 * region that announces keyboard moves.
 */
export function MarkOverlay(props: MarkOverlayProps) {
  const { highlight: h } = props;
  const { width, height, margin, innerW, innerH } = props.box;
  return (
    <>
      <svg
        className="plot-overlay"
        width={width}
        height={height}
        role="group"
        aria-label={props.label}
        onPointerMove={props.onPointerMove}
        onPointerLeave={props.onPointerLeave}
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
        {props.announce}
      </div>
    </>
  );
}
