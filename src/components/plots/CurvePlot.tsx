import { useMemo, useRef, type KeyboardEvent } from 'react';
import { AxesSvg } from './parts/AxesSvg';
import { curveGeometry, nearestIndex } from './geometry/curveGeometry';
import { curveTableRows } from './geometry/curveTable';
import { formatValue } from './geometry/format';
import { nearestMark, type MarkPos } from './geometry/markKeys';
import { FocusMark, MarkOverlay } from './parts/MarkOverlay';
import { PlotFrame } from './parts/PlotFrame';
import { SeriesLine } from './parts/SeriesLine';
import type { CurveSeries, YScaleKind } from './types';
import { useContainerWidth } from './parts/useContainerWidth';
import { useKeyboardCursor } from './parts/useKeyboardCursor';

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
  /** A line under the plot (what differs between the series shown, say). */
  note?: string;
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
  note,
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
  const onPointerMove = (p: { x: number; y: number }) => {
    if (g.empty) return;
    const xv = g.xAtPixel(p.x);
    const candidates = series.map((s, si) => {
      const i = nearestIndex(s.x, xv);
      const at = i >= 0 ? g.at(si, i) : null;
      return at && { s: si, i, ...at };
    });
    setActive(nearestMark(candidates, (m) => Math.abs(m.y - p.y) + Math.abs(m.x - p.x)));
  };

  const actPos = active ? g.at(active.s, active.i) : null;
  const actX = active ? (series[active.s]?.x[active.i] as number) : Number.NaN;
  // Every curve's value at the active point's step; '—' where a curve has no point there.
  const readout = active && {
    head: `${xLabel} ${fmt(actX)}`,
    rows: series.map((s, si) => {
      const i = si === active.s ? active.i : nearestIndex(s.x, actX);
      const same = i >= 0 && (s.x[i] as number) === actX;
      const text = `${s.label}: ${same ? fmt(s.y[i] as number) : '—'}`;
      return { id: s.id, color: s.color, text, active: si === active.s };
    }),
  };
  return (
    <PlotFrame title={title} svgRef={svgRef} containerRef={containerRef} table={table} note={note}>
      <AxesSvg svgRef={svgRef} label={label} layout={g} xLabel={xLabel} yLabel={yLabel}>
        {series.map((s, si) => {
          const last = lengthOf(s) - 1;
          const end = g.at(si, last);
          // A zero's end marker is the hollow one of the zero strip.
          const endIsZero = g.zeroBand > 0 && s.y[last] === 0;
          return (
            <SeriesLine
              key={s.id}
              series={s}
              path={g.paths[si]}
              markers={g.markers[si]}
              zeros={g.zeros[si]}
            >
              {end && !endIsZero ? (
                <circle className="plot-end" cx={end.x} cy={end.y} r={3} fill={s.color} />
              ) : null}
            </SeriesLine>
          );
        })}
      </AxesSvg>
      <MarkOverlay
        box={g}
        label={`${title}: latest points. Arrow keys move along a curve; up and down switch curves.`}
        onPointerMove={onPointerMove}
        cursor={kc}
        highlight={actPos}
        guide
        readout={readout}
      >
        {series.map((s, si) => {
          const i = markIndex(si);
          const p = g.at(si, i);
          if (!p) return null;
          return (
            <FocusMark
              key={s.id}
              pos={{ s: si, i }}
              at={p}
              r={7}
              label={describe({ s: si, i })}
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
    </PlotFrame>
  );
}
