import { scaleLog } from 'd3';
import { PLOT_COLORS } from '../geometry/colors';
import { formatDecade } from '../geometry/format';
import type { HeatmapScale } from '../geometry/heatmapColor';
import { decadeTicks } from '../geometry/scales';

const STEPS = 48;
const BAR_H = 10;

/**
 * Colour bar with decade ticks for a log colour scale, drawn as small rects (no gradient defs)
 * so exports and the PNG painter need nothing special. Adds swatches for 0 and non-finite.
 */
export function ColorLegend({
  scale,
  width,
  label,
}: {
  scale: HeatmapScale;
  width: number;
  label: string;
}) {
  const barW = Math.max(120, Math.min(260, width - 170));
  const pos = scaleLog().domain(scale.domain).range([0, barW]);
  const [lo, hi] = scale.domain;
  const ticks = decadeTicks(scale.domain, Math.max(3, Math.floor(barW / 42)));
  const cell = barW / STEPS;
  const extras: { text: string; color: string }[] = [];
  if (scale.hasZero) extras.push({ text: '0', color: PLOT_COLORS.zero });
  if (scale.hasNonFinite) extras.push({ text: 'not finite', color: PLOT_COLORS.nonFinite });
  return (
    <g className="plot-color-legend">
      <text y={-4} fontSize={11} fill={PLOT_COLORS.ink}>
        {label}
      </text>
      {Array.from({ length: STEPS }, (_, k) => {
        // Colour at the centre of each cell, geometric between the ends.
        const v = lo * Math.pow(hi / lo, (k + 0.5) / STEPS);
        return (
          <rect
            key={k}
            x={k * cell}
            width={cell + 0.5}
            height={BAR_H}
            fill={scale.color(v)}
            stroke="none"
          />
        );
      })}
      {ticks.map((e) => (
        <g key={e} transform={`translate(${pos(Number(`1e${e}`))},${BAR_H})`}>
          <line y2={4} stroke={PLOT_COLORS.muted} />
          <text y={6} dy="0.71em" textAnchor="middle" fontSize={10} fill={PLOT_COLORS.muted}>
            {formatDecade(e)}
          </text>
        </g>
      ))}
      {extras.map((x, i) => (
        <g key={x.text} transform={`translate(${barW + 14 + i * 78},0)`}>
          <rect width={BAR_H} height={BAR_H} fill={x.color} stroke={PLOT_COLORS.muted} />
          <text x={BAR_H + 4} dy="0.8em" fontSize={11} fill={PLOT_COLORS.ink}>
            {x.text}
          </text>
        </g>
      ))}
    </g>
  );
}
