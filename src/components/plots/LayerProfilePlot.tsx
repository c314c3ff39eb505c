import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisBottom, AxisLeft } from './Axes';
import { PLOT_COLORS, PLOT_FONT } from './colors';
import { DataTable } from './DataTable';
import { formatValue } from './format';
import { Legend, strokeStyle } from './Legend';
import type { MarkPos } from './markKeys';
import { MarkOverlay } from './MarkOverlay';
import { PlotFrame } from './PlotFrame';
import { profileGeometry } from './profileGeometry';
import { SeriesReadout } from './Readout';
import type { Series, YScaleKind } from './types';
import { useContainerWidth } from './useContainerWidth';
import { useKeyboardCursor } from './useKeyboardCursor';

/** Props of {@link LayerProfilePlot}. */
export interface LayerProfilePlotProps {
  title: string;
  /** One label per layer, input side first (drawn left to right). */
  layerLabels: string[];
  series: Series[];
  yLabel: string;
  xLabel?: string;
  ariaLabel?: string;
  height?: number;
  /** 'log' (default) for gradient norms; 'linear' e.g. for activation RMS. */
  yScale?: YScaleKind;
}

/**
 * A per-layer profile (gradient norm or activation scale per layer), input side on the left, one
 * line per series. On a log axis exact zeros sit in a strip under the axis as hollow markers and
 * non-finite values are left out of the lines and marked × above the plot.
 */
export function LayerProfilePlot({
  title,
  layerLabels,
  series,
  yLabel,
  xLabel = 'Layer (input → output)',
  ariaLabel,
  height = 300,
  yScale = 'log',
}: LayerProfilePlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useContainerWidth(containerRef);
  const g = useMemo(
    () => profileGeometry(layerLabels, series, width, height, yScale),
    [layerLabels, series, width, height, yScale],
  );
  const { margin, innerW, innerH, marks } = g;
  const fmt = (v: number) => formatValue(v, { zero: yScale === 'log' ? 'underflow' : 'plain' });
  const label =
    ariaLabel ??
    `${title}: ${yLabel} for each of ${layerLabels.length} layers, input side on the left, ` +
      `${yScale} scale. Series: ${series.map((s) => s.label).join(', ') || 'none'}.`;

  const rows = useMemo(
    () =>
      layerLabels.map((l, i) => [
        l,
        ...series.map((s) =>
          i < s.values.length
            ? formatValue(s.values[i] as number, { zero: yScale === 'log' ? 'underflow' : 'plain' })
            : '—',
        ),
      ]),
    [layerLabels, series, yScale],
  );

  const describe = (p: MarkPos) => {
    const s = series[p.s];
    const m = marks[p.s]?.[p.i];
    return s && m ? `${s.label}, ${layerLabels[p.i]}: ${fmt(m.value)}` : '';
  };
  const kc = useKeyboardCursor({
    seriesCount: marks.length,
    lengthOf: (s) => marks[s]?.length ?? 0,
    describe,
  });
  const { active, setActive, cursor } = kc;
  // One focusable mark (a single tab stop) that the arrow keys move across layers and series.
  // It survives data updates and blur; back to the first mark when the data shrink under it.
  const stop = cursor && marks[cursor.s]?.[cursor.i] ? cursor : { s: 0, i: 0 };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = kc.keyTarget(e, stop);
    if (next) kc.moveTo(next);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - margin.left;
    const py = e.clientY - box.top - margin.top;
    const i = Math.round((px - g.xOf(0)) / Math.max(1e-6, g.xOf(1) - g.xOf(0) || innerW));
    let best: MarkPos | null = null;
    let bestD = Infinity;
    marks.forEach((row, s) => {
      const m = row[Math.max(0, Math.min(row.length - 1, i))];
      if (m && Math.abs(m.y - py) < bestD) {
        bestD = Math.abs(m.y - py);
        best = { s, i: m.i };
      }
    });
    setActive(best);
  };

  const act = active ? marks[active.s]?.[active.i] : undefined;
  const stopMark = marks[stop.s]?.[stop.i];
  return (
    <PlotFrame
      title={title}
      svgRef={svgRef}
      containerRef={containerRef}
      table={
        <DataTable label={title} columns={['Layer', ...series.map((s) => s.label)]} rows={rows} />
      }
    >
      <svg
        ref={svgRef}
        role="img"
        aria-label={label}
        width={width}
        height={height}
        fontFamily={PLOT_FONT}
        className="plot-svg"
      >
        <g transform={`translate(${margin.left},${g.legendTop})`}>
          <Legend items={g.legend} width={innerW} />
        </g>
        <g transform={`translate(${margin.left},${margin.top})`}>
          <AxisLeft
            ticks={g.yTicks}
            height={innerH}
            gridWidth={innerW}
            label={yLabel}
            labelX={-margin.left + 14}
          />
          <AxisBottom
            ticks={g.xTicks}
            width={innerW}
            height={innerH}
            label={xLabel}
            labelY={margin.bottom - 8}
            rotate={g.rotateX}
          />
          {g.zeroBand > 0 ? (
            <line
              y1={innerH - g.zeroBand}
              y2={innerH - g.zeroBand}
              x2={innerW}
              stroke={PLOT_COLORS.muted}
              strokeDasharray="2 3"
            />
          ) : null}
          {series.map((s, si) => (
            <g key={s.id} className="plot-series" data-series={s.id}>
              <path
                className="plot-line"
                d={g.paths[si]}
                fill="none"
                stroke={s.color}
                {...strokeStyle(s)}
              />
              {g.dots[si] && !s.faint ? (
                <path className="plot-dots" d={g.dots[si]} fill={s.color} />
              ) : null}
              {g.zeros[si] ? (
                <path
                  className="plot-zero"
                  d={g.zeros[si]}
                  fill="#ffffff"
                  stroke={s.color}
                  strokeWidth={1.5}
                />
              ) : null}
              {g.crosses[si] ? (
                <path
                  className="plot-nonfinite"
                  d={g.crosses[si]}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={1.5}
                />
              ) : null}
            </g>
          ))}
        </g>
      </svg>
      <MarkOverlay
        box={{ width, height, margin, innerW, innerH }}
        label={`${title}: data points. Use arrow keys to move between layers and series.`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
        highlight={act ?? null}
        announce={kc.announce}
      >
        {stopMark ? (
          <circle
            className="plot-mark"
            role="graphics-symbol"
            data-s={stop.s}
            data-i={stop.i}
            cx={stopMark.x}
            cy={stopMark.y}
            r={6}
            fill="transparent"
            tabIndex={0}
            aria-label={describe(stop)}
            onFocus={() => setActive(stop)}
            onBlur={() => setActive(null)}
            onKeyDown={onKeyDown}
          />
        ) : null}
      </MarkOverlay>
      {act && active ? (
        <SeriesReadout
          x={act.x + margin.left}
          y={act.y + margin.top}
          containerWidth={width}
          containerHeight={height}
          head={layerLabels[active.i]}
          rows={series.map((s, si) => {
            const v = active.i < s.values.length ? fmt(s.values[active.i] as number) : '—';
            return { id: s.id, color: s.color, text: `${s.label}: ${v}`, active: si === active.s };
          })}
        />
      ) : null}
    </PlotFrame>
  );
}
