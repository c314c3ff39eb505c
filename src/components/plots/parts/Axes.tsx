import { PLOT_COLORS } from '../geometry/colors';

/** A tick at a pixel position with its printed label. */
export interface AxisTick {
  pos: number;
  label: string;
}

const TICK_FONT = 11;

/** Left axis with horizontal grid lines across the plot width. */
export function AxisLeft({
  ticks,
  height,
  gridWidth,
  label,
  labelX,
}: {
  ticks: readonly AxisTick[];
  height: number;
  gridWidth: number;
  label: string;
  /** x of the rotated axis label, relative to the axis (negative). */
  labelX: number;
}) {
  return (
    <g className="plot-axis plot-axis-y">
      {ticks.map((t) => (
        <g key={t.label} transform={`translate(0,${t.pos})`}>
          <line x2={gridWidth} stroke={PLOT_COLORS.grid} />
          <line x1={-5} stroke={PLOT_COLORS.muted} />
          <text x={-8} dy="0.32em" textAnchor="end" fontSize={TICK_FONT} fill={PLOT_COLORS.muted}>
            {t.label}
          </text>
        </g>
      ))}
      <line y2={height} stroke={PLOT_COLORS.muted} />
      <text
        transform={`translate(${labelX},${height / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={12}
        fill={PLOT_COLORS.ink}
      >
        {label}
      </text>
    </g>
  );
}

/** Bottom axis; labels can be rotated when categorical labels are long. */
export function AxisBottom({
  ticks,
  width,
  height,
  label,
  labelY,
  rotate = false,
}: {
  ticks: readonly AxisTick[];
  width: number;
  /** y of the axis line (the plot height). */
  height: number;
  label: string;
  /** y of the axis label, relative to the axis line. */
  labelY: number;
  rotate?: boolean;
}) {
  return (
    <g className="plot-axis plot-axis-x" transform={`translate(0,${height})`}>
      <line x2={width} stroke={PLOT_COLORS.muted} />
      {ticks.map((t, i) => (
        <g key={`${i}-${t.label}`} transform={`translate(${t.pos},0)`}>
          <line y2={5} stroke={PLOT_COLORS.muted} />
          {rotate ? (
            <text
              transform="translate(0,9) rotate(-40)"
              dy="0.32em"
              textAnchor="end"
              fontSize={TICK_FONT}
              fill={PLOT_COLORS.muted}
            >
              {t.label}
            </text>
          ) : (
            <text
              y={8}
              dy="0.71em"
              textAnchor="middle"
              fontSize={TICK_FONT}
              fill={PLOT_COLORS.muted}
            >
              {t.label}
            </text>
          )}
        </g>
      ))}
      <text x={width / 2} y={labelY} textAnchor="middle" fontSize={12} fill={PLOT_COLORS.ink}>
        {label}
      </text>
    </g>
  );
}

/** "No data yet", centred in an empty plot area of `width` × `height`. */
export function NoDataNote({ width, height }: { width: number; height: number }) {
  return (
    <text x={width / 2} y={height / 2} textAnchor="middle" fontSize={12} fill={PLOT_COLORS.muted}>
      No data yet
    </text>
  );
}
