import type { ReactNode, RefObject } from 'react';
import { AxisBottom, AxisLeft, NoDataNote, type AxisTick } from './Axes';
import { PLOT_COLORS, PLOT_FONT } from '../geometry/colors';
import { Legend, type LegendItem } from './Legend';

/** A plot's SVG size and where its plot area sits in it, in px. */
export interface PlotBox {
  width: number;
  height: number;
  margin: { top: number; left: number };
  innerW: number;
  innerH: number;
}

/**
 * Everything {@link AxesSvg} draws besides the marks, as a plot's geometry computes it (the
 * curve, profile and depth geometries are AxesLayouts).
 */
export interface AxesLayout extends PlotBox {
  legend: readonly LegendItem[];
  /** y of the legend row (4 unless the plot puts something above it). */
  legendTop?: number;
  xTicks: readonly AxisTick[];
  yTicks: readonly AxisTick[];
  /** Rotate the x tick labels (long categorical labels). */
  rotateX?: boolean;
  /** x of the rotated y label, relative to the axis (default -44). */
  yLabelX?: number;
  /** y of the x label, relative to the axis line (default 36). */
  xLabelY?: number;
  /** Height of the strip under a log axis where exact zeros sit; its top is drawn dashed. */
  zeroBand?: number;
  /** Shows "No data yet" in the plot area. */
  empty?: boolean;
}

/** Props of {@link AxesSvg}. */
export interface AxesSvgProps {
  svgRef: RefObject<SVGSVGElement | null>;
  /** The accessible name of the graphic (role="img"). */
  label: string;
  layout: AxesLayout;
  xLabel: string;
  yLabel: string;
  /** The marks, drawn in plot-area coordinates over the axes and grid. */
  children: ReactNode;
}

/**
 * The SVG of a plot with x and y axes: legend, grid, axes, the top of the zero strip and the
 * marks given as children.
 */
export function AxesSvg({ svgRef, label, layout, xLabel, yLabel, children }: AxesSvgProps) {
  const { margin, innerW, innerH, xTicks, yTicks, zeroBand = 0 } = layout;
  return (
    <svg
      ref={svgRef}
      role="img"
      aria-label={label}
      width={layout.width}
      height={layout.height}
      // Scales with its box where CSS narrows it (a prerendered plot before it has measured).
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      fontFamily={PLOT_FONT}
      className="plot-svg"
    >
      <g transform={`translate(${margin.left},${layout.legendTop ?? 4})`}>
        <Legend items={layout.legend} width={innerW} />
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <AxisLeft
          ticks={yTicks}
          height={innerH}
          gridWidth={innerW}
          label={yLabel}
          labelX={layout.yLabelX ?? -44}
        />
        <AxisBottom
          ticks={xTicks}
          width={innerW}
          height={innerH}
          label={xLabel}
          labelY={layout.xLabelY ?? 36}
          rotate={layout.rotateX}
        />
        {layout.empty ? <NoDataNote width={innerW} height={innerH} /> : null}
        {zeroBand > 0 ? (
          <line
            y1={innerH - zeroBand}
            y2={innerH - zeroBand}
            x2={innerW}
            stroke={PLOT_COLORS.muted}
            strokeDasharray="2 3"
          />
        ) : null}
        {children}
      </g>
    </svg>
  );
}
