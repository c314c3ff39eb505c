import type { ReactNode, RefObject } from 'react';
import { AxisBottom, AxisLeft, NoDataNote, type AxisTick } from './Axes';
import { PLOT_FONT } from './colors';
import { Legend, type LegendItem } from './Legend';

/** Props of {@link AxesSvg}. */
export interface AxesSvgProps {
  svgRef: RefObject<SVGSVGElement | null>;
  /** The accessible name of the graphic (role="img"). */
  label: string;
  width: number;
  height: number;
  margin: { top: number; left: number };
  innerW: number;
  innerH: number;
  legend: readonly LegendItem[];
  /** y of the legend row (4 unless the plot puts something above it). */
  legendTop?: number;
  xTicks: readonly AxisTick[];
  yTicks: readonly AxisTick[];
  xLabel: string;
  yLabel: string;
  /** x of the rotated y label, relative to the axis. */
  yLabelX?: number;
  /** Shows "No data yet" in the plot area. */
  empty?: boolean;
  /** The marks, drawn in plot-area coordinates over the axes and grid. */
  children: ReactNode;
}

/** The SVG of a plot with x and y axes: legend, grid, axes and the marks given as children. */
export function AxesSvg({
  svgRef,
  label,
  width,
  height,
  margin,
  innerW,
  innerH,
  legend,
  legendTop = 4,
  xTicks,
  yTicks,
  xLabel,
  yLabel,
  yLabelX = -44,
  empty = false,
  children,
}: AxesSvgProps) {
  return (
    <svg
      ref={svgRef}
      role="img"
      aria-label={label}
      width={width}
      height={height}
      fontFamily={PLOT_FONT}
      className="plot-svg"
    >
      <g transform={`translate(${margin.left},${legendTop})`}>
        <Legend items={legend} width={innerW} />
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <AxisLeft
          ticks={yTicks}
          height={innerH}
          gridWidth={innerW}
          label={yLabel}
          labelX={yLabelX}
        />
        <AxisBottom ticks={xTicks} width={innerW} height={innerH} label={xLabel} labelY={36} />
        {empty ? <NoDataNote width={innerW} height={innerH} /> : null}
        {children}
      </g>
    </svg>
  );
}
