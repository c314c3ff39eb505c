import type { ReactNode } from 'react';
import { strokeStyle } from './Legend';

/** Props of {@link SeriesLine}. */
export interface SeriesLineProps {
  /** The series: its id (data-series), colour and line style. */
  series: { id: string; color: string; dashed?: boolean; faint?: boolean; markers?: boolean };
  /** The line's path, in plot-area coordinates. */
  path: string | undefined;
  /** Dots at the data points, drawn over the line; none when empty or absent. */
  dots?: string;
  /** Hollow circles at (some of) the data points, for a series drawn with markers. */
  markers?: string;
  /** Hollow circles at the exact zeros, in the zero strip under a log axis; none when empty. */
  zeros: string | undefined;
  /** The plot's further marks for the series (end marker, × of non-finite values). */
  children?: ReactNode;
}

/**
 * One series of a line plot (curves, layer profiles): its line in the legend's stroke style,
 * then its dots or markers, the hollow markers of its zeros and the plot's own marks, in one group.
 */
export function SeriesLine({ series, path, dots, markers, zeros, children }: SeriesLineProps) {
  const { color } = series;
  return (
    <g className="plot-series" data-series={series.id}>
      <path className="plot-line" d={path} fill="none" stroke={color} {...strokeStyle(series)} />
      {dots ? <path className="plot-dots" d={dots} fill={color} /> : null}
      {markers ? (
        <path
          className="plot-markers"
          d={markers}
          fill="#ffffff"
          stroke={color}
          strokeWidth={1.5}
        />
      ) : null}
      {zeros ? (
        <path className="plot-zero" d={zeros} fill="#ffffff" stroke={color} strokeWidth={1.5} />
      ) : null}
      {children}
    </g>
  );
}
