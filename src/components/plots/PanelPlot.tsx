import { useMemo, useRef } from 'react';
import { PLOT_COLORS, PLOT_FONT } from './geometry/colors';
import { curveTableRows } from './geometry/curveTable';
import { Legend, type LegendItem } from './parts/Legend';
import { panelGeometry, type CurvePanel, type PanelLayoutOptions } from './geometry/panelGeometry';
import { PlotFrame } from './parts/PlotFrame';
import { SeriesLine } from './parts/SeriesLine';
import { useContainerWidth } from './parts/useContainerWidth';

/** Props of {@link PanelPlot}. */
export interface PanelPlotProps extends Partial<PanelLayoutOptions> {
  title: string;
  xLabel: string;
  yLabel: string;
  panels: CurvePanel[];
  note?: string;
  /** The legend, when the series' own (each id once) would not say it best. */
  legend?: LegendItem[];
}

/**
 * Small multiples: one panel per `panels` entry, in a grid as wide as the container allows, all
 * on the same x and y scales, so that panels compare by position rather than by colour. One
 * legend, one SVG (exported whole) and one data table, whose columns are "panel: series".
 */
export function PanelPlot({
  title,
  xLabel,
  yLabel,
  panels,
  note,
  panelHeight = 110,
  minPanelWidth = 130,
  maxColumns = 4,
  yDomain,
  legend,
}: PanelPlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useContainerWidth(containerRef);
  const y0 = yDomain?.[0];
  const y1 = yDomain?.[1];
  const g = useMemo(
    () =>
      panelGeometry(panels, width, {
        panelHeight,
        minPanelWidth,
        maxColumns,
        yDomain: y0 !== undefined && y1 !== undefined ? [y0, y1] : undefined,
        legend,
      }),
    [panels, width, panelHeight, minPanelWidth, maxColumns, y0, y1, legend],
  );
  const table = useMemo(
    () =>
      curveTableRows(
        panels.flatMap((p) => p.series.map((s) => ({ ...s, label: `${p.title}: ${s.label}` }))),
        xLabel,
      ),
    [panels, xLabel],
  );
  const series = [...new Set(panels.flatMap((p) => p.series.map((s) => s.label)))];
  const label =
    `${title}: ${yLabel} against ${xLabel}, ${panels.length} panels on shared axes ` +
    `(${panels.map((p) => p.title).join('; ')}). Series: ${series.join(', ') || 'none'}.`;
  const { panelW, panelH } = g;
  return (
    <PlotFrame title={title} svgRef={svgRef} containerRef={containerRef} note={note} table={table}>
      <svg
        ref={svgRef}
        role="img"
        aria-label={label}
        width={g.width}
        height={g.height}
        viewBox={`0 0 ${g.width} ${g.height}`}
        fontFamily={PLOT_FONT}
        className="plot-svg"
      >
        <g transform={`translate(${g.left},${g.legendTop})`}>
          <Legend items={g.legend} width={g.innerW} />
        </g>
        {panels.map((p, i) => {
          const box = g.panels[i]!;
          return (
            <g
              key={p.id}
              className="plot-panel"
              data-panel={p.id}
              transform={`translate(${box.x},${box.y})`}
            >
              <text y={-5} fontSize={12} fontWeight={600} fill={PLOT_COLORS.ink}>
                {p.title}
              </text>
              {g.yTicks.map((t) => (
                <g key={t.label} transform={`translate(0,${t.pos})`}>
                  <line x2={panelW} stroke={PLOT_COLORS.grid} />
                  {box.firstColumn ? (
                    <text
                      x={-6}
                      dy="0.32em"
                      textAnchor="end"
                      fontSize={11}
                      fill={PLOT_COLORS.muted}
                    >
                      {t.label}
                    </text>
                  ) : null}
                </g>
              ))}
              <line y2={panelH} stroke={PLOT_COLORS.muted} />
              <g transform={`translate(0,${panelH})`}>
                <line x2={panelW} stroke={PLOT_COLORS.muted} />
                {g.xTicks.map((t) => (
                  <g key={t.label} transform={`translate(${t.pos},0)`}>
                    <line y2={4} stroke={PLOT_COLORS.muted} />
                    <text y={14} textAnchor="middle" fontSize={10} fill={PLOT_COLORS.muted}>
                      {t.label}
                    </text>
                  </g>
                ))}
              </g>
              {p.series.map((s, si) => (
                <SeriesLine
                  key={s.id}
                  series={s}
                  path={box.paths[si]}
                  markers={box.markers[si]}
                  zeros={undefined}
                />
              ))}
              {!p.series.length ? (
                <text
                  x={panelW / 2}
                  y={panelH / 2}
                  textAnchor="middle"
                  fontSize={11}
                  fill={PLOT_COLORS.muted}
                >
                  No data
                </text>
              ) : null}
            </g>
          );
        })}
        <text
          transform={`translate(14,${(g.panels[0]?.y ?? 0) + (g.xLabelY - (g.panels[0]?.y ?? 0)) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill={PLOT_COLORS.ink}
        >
          {yLabel}
        </text>
        <text
          x={g.left + g.innerW / 2}
          y={g.xLabelY}
          textAnchor="middle"
          fontSize={12}
          fill={PLOT_COLORS.ink}
        >
          {xLabel}
        </text>
      </svg>
    </PlotFrame>
  );
}
