import { useMemo, useRef } from 'react';
import { AxesSvg } from './parts/AxesSvg';
import { depthGeometry } from './geometry/depthGeometry';
import { formatValue } from './geometry/format';
import { PlotFrame } from './parts/PlotFrame';
import type { DepthGroup } from './types';
import { useContainerWidth } from './parts/useContainerWidth';

/** Props of {@link DepthPlot}. */
export interface DepthPlotProps {
  title: string;
  xLabel: string;
  yLabel: string;
  groups: DepthGroup[];
  yDomain: [number, number];
  note?: string;
  height?: number;
  /** Header of the data table's column of single runs (each listed as "label: value"). */
  runsLabel?: string;
}

const fmt = (v: number) => (Number.isFinite(v) ? formatValue(v, { zero: 'plain' }) : 'failed');

/**
 * A value against depth on a log axis: one dot per run, a line through each group's medians.
 * The data table lists, per depth, each group's median and its runs.
 */
export function DepthPlot({
  title,
  xLabel,
  yLabel,
  groups,
  yDomain,
  note,
  height = 280,
  runsLabel = 'runs',
}: DepthPlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useContainerWidth(containerRef);
  const g = useMemo(
    () => depthGeometry(groups, width, height, yDomain),
    [groups, width, height, yDomain],
  );
  const table = useMemo(() => {
    const depths = [...new Set(groups.flatMap((s) => s.medians.map((m) => m.x)))].sort(
      (a, b) => a - b,
    );
    const columns = [
      xLabel,
      ...groups.flatMap((s) => [`${s.label}: median`, `${s.label}: ${runsLabel}`]),
    ];
    const rows = depths.map((d) => [
      String(d),
      ...groups.flatMap((s) => [
        fmt(s.medians.find((m) => m.x === d)?.y ?? NaN),
        s.points
          .filter((p) => p.x === d)
          .map((p) => `${p.label}: ${fmt(p.y)}`)
          .join(', '),
      ]),
    ]);
    return { columns, rows };
  }, [groups, xLabel, runsLabel]);
  const label = `${title}: ${yLabel} against ${xLabel} on a log scale, one dot per run and a line through the medians. Groups: ${groups.map((s) => s.label).join(', ')}.`;
  return (
    <PlotFrame title={title} svgRef={svgRef} containerRef={containerRef} note={note} table={table}>
      <AxesSvg svgRef={svgRef} label={label} layout={g} xLabel={xLabel} yLabel={yLabel}>
        {groups.map((s, si) => (
          <g key={s.id} className="plot-series" data-series={s.id}>
            <path
              className="plot-line"
              d={g.groups[si]?.path}
              fill="none"
              stroke={s.color}
              strokeWidth={s.hollow ? 1.5 : 2}
            />
            {g.groups[si]?.points.map((p, pi) => (
              <circle
                key={pi}
                className="plot-dot"
                cx={p.x}
                cy={p.y}
                r={3.5}
                fill={s.hollow ? 'none' : s.color}
                fillOpacity={s.hollow ? undefined : 0.55}
                stroke={s.hollow ? s.color : undefined}
                strokeWidth={s.hollow ? 1.5 : undefined}
              />
            ))}
          </g>
        ))}
      </AxesSvg>
    </PlotFrame>
  );
}
