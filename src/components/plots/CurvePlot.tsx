import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { AxesSvg } from './AxesSvg';
import { PLOT_COLORS } from './colors';
import { curveGeometry, nearestIndex } from './curveGeometry';
import { curveTableRows } from './curveTable';
import { DataTable } from './DataTable';
import { formatValue } from './format';
import { strokeStyle } from './Legend';
import type { MarkPos } from './markKeys';
import { MarkOverlay } from './MarkOverlay';
import { PlotFrame } from './PlotFrame';
import { SeriesReadout } from './Readout';
import type { CurveSeries, YScaleKind } from './types';
import { useContainerWidth } from './useContainerWidth';
import { useKeyboardCursor } from './useKeyboardCursor';

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
  const kc = useKeyboardCursor({
    seriesCount: series.length,
    lengthOf: (k) => lengthOf(series[k]),
    describe,
  });
  const { active, setActive, cursor } = kc;
  /** Where series s's focusable marker sits: at the keyboard cursor, else at its last point. */
  const markIndex = (s: number) => (cursor && cursor.s === s ? cursor.i : lengthOf(series[s]) - 1);

  const onKeyDown = (s: number) => (e: KeyboardEvent<SVGElement>) => {
    const from = { s, i: markIndex(s) };
    const next = kc.keyTarget(e, from);
    if (!next) return;
    if (next.s === s) return kc.moveTo(next);
    // Switching curves moves focus to the other curve's marker at the same step.
    const target = series[next.s];
    kc.moveTo({
      s: next.s,
      i: target ? nearestIndex(target.x, series[s]?.x[from.i] as number) : 0,
    });
    e.currentTarget
      .closest('svg')
      ?.querySelector<SVGElement>(`.plot-mark[data-s="${next.s}"]`)
      ?.focus({ preventScroll: true });
  };
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
      <AxesSvg
        svgRef={svgRef}
        label={label}
        width={width}
        height={height}
        margin={margin}
        innerW={innerW}
        innerH={innerH}
        legend={g.legend}
        xTicks={g.xTicks}
        yTicks={g.yTicks}
        xLabel={xLabel}
        yLabel={yLabel}
        empty={g.empty}
      >
        {g.zeroBand > 0 ? (
          <line
            y1={innerH - g.zeroBand}
            y2={innerH - g.zeroBand}
            x2={innerW}
            stroke={PLOT_COLORS.muted}
            strokeDasharray="2 3"
          />
        ) : null}
        {series.map((s, si) => {
          const last = lengthOf(s) - 1;
          const end = g.at(si, last);
          // A zero's end marker is the hollow one of the zero strip.
          const endIsZero = g.zeroBand > 0 && s.y[last] === 0;
          return (
            <g key={s.id} className="plot-series" data-series={s.id}>
              <path
                className="plot-line"
                d={g.paths[si]}
                fill="none"
                stroke={s.color}
                {...strokeStyle(s)}
              />
              {g.zeros[si] ? (
                <path
                  className="plot-zero"
                  d={g.zeros[si]}
                  fill="#ffffff"
                  stroke={s.color}
                  strokeWidth={1.5}
                />
              ) : null}
              {end && !endIsZero ? (
                <circle className="plot-end" cx={end.x} cy={end.y} r={3} fill={s.color} />
              ) : null}
            </g>
          );
        })}
      </AxesSvg>
      <MarkOverlay
        box={{ width, height, margin, innerW, innerH }}
        label={`${title}: latest points. Arrow keys move along a curve; up and down switch curves.`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
        highlight={actPos}
        guide
        announce={kc.announce}
      >
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
                const c = kc.cursorRef.current;
                setActive(c && c.s === si ? c : { s: si, i });
              }}
              onBlur={(e) => {
                // Moving to another curve's marker keeps the cursor; leaving the plot drops it.
                const to = e.relatedTarget;
                if (to instanceof Element && to.classList.contains('plot-mark')) return;
                setActive(null);
                kc.setCursor(null);
              }}
              onKeyDown={onKeyDown(si)}
            />
          );
        })}
      </MarkOverlay>
      {actPos && active ? (
        <SeriesReadout
          x={actPos.x + margin.left}
          y={actPos.y + margin.top}
          containerWidth={width}
          containerHeight={height}
          head={`${xLabel} ${fmt(actX)}`}
          rows={series.map((s, si) => {
            const i = si === active.s ? active.i : nearestIndex(s.x, actX);
            const same = i >= 0 && (s.x[i] as number) === actX;
            const text = `${s.label}: ${same ? fmt(s.y[i] as number) : '—'}`;
            return { id: s.id, color: s.color, text, active: si === active.s };
          })}
        />
      ) : null}
    </PlotFrame>
  );
}
