import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisBottom, AxisLeft } from './Axes';
import { PLOT_COLORS, PLOT_FONT } from './colors';
import { curveGeometry, nearestIndex } from './curveGeometry';
import { curveTableRows } from './curveTable';
import { DataTable } from './DataTable';
import { formatValue } from './format';
import { Legend, strokeStyle } from './Legend';
import { nextMark, type MarkPos } from './markKeys';
import { PlotFrame } from './PlotFrame';
import { Readout } from './Readout';
import type { CurveSeries, YScaleKind } from './types';
import { useContainerWidth } from './useContainerWidth';

/** Props of {@link CurvePlot}. */
export interface CurvePlotProps {
  title: string;
  xLabel: string;
  yLabel: string;
  series: CurveSeries[];
  yScale?: YScaleKind;
  /** Fixed y domain, e.g. [0, 1] for accuracy; otherwise fitted to the data. */
  yDomain?: [number, number];
  ariaLabel?: string;
  height?: number;
}

const fmt = (v: number) => formatValue(v, { zero: 'plain' });
const lengthOf = (s: CurveSeries | undefined) => (s ? Math.min(s.x.length, s.y.length) : 0);

/**
 * Curves over training steps (loss, accuracy; train solid and test dashed; twin runs in two
 * colours). Each series ends in a focusable marker; ←/→ walk along the curve, ↑/↓ switch curves.
 */
export function CurvePlot({
  title,
  xLabel,
  yLabel,
  series,
  yScale = 'linear',
  yDomain,
  ariaLabel,
  height = 260,
}: CurvePlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useContainerWidth(containerRef);
  const [active, setActive] = useState<MarkPos | null>(null);
  const [cursor, setCursorState] = useState<MarkPos | null>(null);
  // Mirror of the cursor for focus handlers that run before React re-renders (series switch).
  const cursorRef = useRef<MarkPos | null>(null);
  const setCursor = (p: MarkPos | null) => {
    cursorRef.current = p;
    setCursorState(p);
  };
  const [announce, setAnnounce] = useState('');
  const y0 = yDomain?.[0];
  const y1 = yDomain?.[1];
  const g = useMemo(
    () =>
      curveGeometry(
        series,
        width,
        height,
        yScale,
        y0 !== undefined && y1 !== undefined ? [y0, y1] : undefined,
      ),
    [series, width, height, yScale, y0, y1],
  );
  const { margin, innerW, innerH } = g;
  const table = useMemo(() => curveTableRows(series, xLabel), [series, xLabel]);
  const label =
    ariaLabel ??
    `${title}: ${yLabel} against ${xLabel}, ${yScale} scale. Series: ${
      series.map((s) => s.label).join(', ') || 'none yet'
    }.`;

  const describe = (p: MarkPos) => {
    const s = series[p.s];
    if (!s) return '';
    return `${s.label}, ${xLabel} ${fmt(s.x[p.i] as number)}: ${fmt(s.y[p.i] as number)}`;
  };
  /** Where series s's focusable marker sits: at the keyboard cursor, else at its last point. */
  const markIndex = (s: number) => (cursor && cursor.s === s ? cursor.i : lengthOf(series[s]) - 1);

  const onKeyDown = (s: number) => (e: KeyboardEvent) => {
    const from = { s, i: markIndex(s) };
    const next = nextMark(e.key, from, series.length, (k) => lengthOf(series[k]));
    if (!next) return;
    e.preventDefault();
    if (next.s !== s) {
      // Switching curves moves focus to the other curve's marker at the same step.
      const target = series[next.s];
      const i = target ? nearestIndex(target.x, series[s]?.x[from.i] as number) : 0;
      const p = { s: next.s, i };
      setCursor(p);
      setActive(p);
      svgOverlay.current
        ?.querySelector<SVGElement>(`.plot-mark[data-s="${next.s}"]`)
        ?.focus({ preventScroll: true });
      setAnnounce(describe(p));
      return;
    }
    setCursor(next);
    setActive(next);
    setAnnounce(describe(next));
  };
  const svgOverlay = useRef<SVGSVGElement>(null);
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (g.empty) return;
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - margin.left;
    const py = e.clientY - box.top - margin.top;
    const xv = g.xAtPixel(px);
    let best: MarkPos | null = null;
    let bestD = Infinity;
    series.forEach((s, si) => {
      const i = nearestIndex(s.x, xv);
      const p = i >= 0 ? g.at(si, i) : null;
      if (p && Math.abs(p.y - py) + Math.abs(p.x - px) < bestD) {
        bestD = Math.abs(p.y - py) + Math.abs(p.x - px);
        best = { s: si, i };
      }
    });
    setActive(best);
  };

  const actPos = active ? g.at(active.s, active.i) : null;
  const actX = active ? (series[active.s]?.x[active.i] as number) : Number.NaN;
  return (
    <PlotFrame
      title={title}
      svgRef={svgRef}
      containerRef={containerRef}
      table={
        <DataTable label={title} columns={table.columns} rows={table.rows} note={table.note} />
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
        <g transform={`translate(${margin.left},4)`}>
          <Legend items={g.legend} width={innerW} />
        </g>
        <g transform={`translate(${margin.left},${margin.top})`}>
          <AxisLeft
            ticks={g.yTicks}
            height={innerH}
            gridWidth={innerW}
            label={yLabel}
            labelX={-44}
          />
          <AxisBottom ticks={g.xTicks} width={innerW} height={innerH} label={xLabel} labelY={36} />
          {g.empty ? (
            <text
              x={innerW / 2}
              y={innerH / 2}
              textAnchor="middle"
              fontSize={12}
              fill={PLOT_COLORS.muted}
            >
              No data yet
            </text>
          ) : null}
          {series.map((s, si) => {
            const end = g.at(si, lengthOf(s) - 1);
            return (
              <g key={s.id} className="plot-series" data-series={s.id}>
                <path
                  className="plot-line"
                  d={g.paths[si]}
                  fill="none"
                  stroke={s.color}
                  {...strokeStyle(s)}
                />
                {end ? (
                  <circle className="plot-end" cx={end.x} cy={end.y} r={3} fill={s.color} />
                ) : null}
              </g>
            );
          })}
        </g>
      </svg>
      <svg
        ref={svgOverlay}
        className="plot-overlay"
        width={width}
        height={height}
        role="group"
        aria-label={`${title}: latest points. Arrow keys move along a curve; up and down switch curves.`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <rect className="plot-hit" width={innerW} height={innerH} fill="transparent" />
          {actPos ? (
            <>
              <line
                x1={actPos.x}
                x2={actPos.x}
                y2={innerH}
                stroke={PLOT_COLORS.muted}
                strokeDasharray="2 3"
              />
              <circle
                cx={actPos.x}
                cy={actPos.y}
                r={5.5}
                fill="none"
                stroke={PLOT_COLORS.ink}
                strokeWidth={1.5}
              />
            </>
          ) : null}
          {series.map((s, si) => {
            const i = markIndex(si);
            const p = g.at(si, i);
            if (!p) return null;
            return (
              <circle
                key={s.id}
                className="plot-mark"
                role="graphics-symbol"
                data-s={si}
                data-i={i}
                cx={p.x}
                cy={p.y}
                r={7}
                fill="transparent"
                tabIndex={0}
                aria-label={describe({ s: si, i })}
                onFocus={() => {
                  const c = cursorRef.current;
                  setActive(c && c.s === si ? c : { s: si, i });
                }}
                onBlur={(e) => {
                  // Moving to another curve's marker keeps the cursor; leaving the plot drops it.
                  const to = e.relatedTarget;
                  if (to instanceof Element && to.classList.contains('plot-mark')) return;
                  setActive(null);
                  setCursor(null);
                }}
                onKeyDown={onKeyDown(si)}
              />
            );
          })}
        </g>
      </svg>
      <div className="plot-sr-only" aria-live="polite">
        {announce}
      </div>
      {actPos && active ? (
        <Readout
          x={actPos.x + margin.left}
          y={actPos.y + margin.top}
          containerWidth={width}
          containerHeight={height}
        >
          <div className="plot-readout-head">
            {xLabel} {fmt(actX)}
          </div>
          {series.map((s, si) => {
            const i = si === active.s ? active.i : nearestIndex(s.x, actX);
            const same = i >= 0 && (s.x[i] as number) === actX;
            return (
              <div
                key={s.id}
                className={si === active.s ? 'plot-readout-row is-active' : 'plot-readout-row'}
              >
                <span className="plot-swatch" style={{ background: s.color }} />
                {s.label}: {same ? fmt(s.y[i] as number) : '—'}
              </div>
            );
          })}
        </Readout>
      ) : null}
    </PlotFrame>
  );
}
