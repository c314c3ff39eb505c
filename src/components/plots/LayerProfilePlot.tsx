import { useMemo, useRef, type KeyboardEvent } from 'react';
import { AxesSvg } from './parts/AxesSvg';
import { formatValue } from './geometry/format';
import { nearestMark, type MarkPos } from './geometry/markKeys';
import { FocusMark, MarkOverlay } from './parts/MarkOverlay';
import { PlotFrame } from './parts/PlotFrame';
import { profileGeometry } from './geometry/profileGeometry';
import { SeriesLine } from './parts/SeriesLine';
import type { Series, YScaleKind } from './types';
import { useContainerWidth } from './parts/useContainerWidth';
import { useKeyboardCursor } from './parts/useKeyboardCursor';

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
  /**
   * A line under the title that the data table carries as its caption too, e.g. where the
   * values come from when they were not measured here.
   */
  note?: string;
  /**
   * Draws at this width and leaves the scaling to CSS instead of measuring the container: a
   * prerendered plot that hydrates without a second render (a lab's placeholder, which the lab
   * replaces within moments).
   */
  fixedWidth?: number;
  /** Shares its measured width with alike plots (see useContainerWidth's `sharedAs`). */
  widthSharedAs?: string;
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
  note,
  fixedWidth,
  widthSharedAs,
}: LayerProfilePlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useContainerWidth(containerRef, fixedWidth, {
    measure: fixedWidth === undefined,
    sharedAs: widthSharedAs,
  });
  const g = useMemo(
    () => profileGeometry(layerLabels, series, width, height, yScale),
    [layerLabels, series, width, height, yScale],
  );
  const { innerW, marks } = g;
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
  const onPointerMove = (p: { x: number; y: number }) => {
    const i = Math.round((p.x - g.xOf(0)) / Math.max(1e-6, g.xOf(1) - g.xOf(0) || innerW));
    const candidates = marks.map((row) => row[Math.max(0, Math.min(row.length - 1, i))]);
    setActive(nearestMark(candidates, (m) => Math.abs(m.y - p.y)));
  };

  // Every series' value at the active layer.
  const readout = active && {
    head: layerLabels[active.i],
    rows: series.map((s, si) => {
      const v = active.i < s.values.length ? fmt(s.values[active.i] as number) : '—';
      return { id: s.id, color: s.color, text: `${s.label}: ${v}`, active: si === active.s };
    }),
  };
  const act = active ? marks[active.s]?.[active.i] : undefined;
  const stopMark = marks[stop.s]?.[stop.i];
  return (
    <PlotFrame
      title={title}
      svgRef={svgRef}
      containerRef={containerRef}
      table={{ columns: ['Layer', ...series.map((s) => s.label)], rows, caption: note }}
      note={note}
    >
      <AxesSvg svgRef={svgRef} label={label} layout={g} xLabel={xLabel} yLabel={yLabel}>
        {series.map((s, si) => (
          <SeriesLine
            key={s.id}
            series={s}
            path={g.paths[si]}
            dots={s.faint ? undefined : g.dots[si]}
            zeros={g.zeros[si]}
          >
            {g.crosses[si] ? (
              <path
                className="plot-nonfinite"
                d={g.crosses[si]}
                fill="none"
                stroke={s.color}
                strokeWidth={1.5}
              />
            ) : null}
          </SeriesLine>
        ))}
      </AxesSvg>
      <MarkOverlay
        box={g}
        label={`${title}: data points. Use arrow keys to move between layers and series.`}
        onPointerMove={onPointerMove}
        cursor={kc}
        highlight={act ?? null}
        readout={readout}
      >
        {stopMark ? (
          <FocusMark
            pos={stop}
            at={stopMark}
            r={6}
            label={describe(stop)}
            onFocus={() => setActive(stop)}
            onBlur={() => setActive(null)}
            onKeyDown={onKeyDown}
          />
        ) : null}
      </MarkOverlay>
    </PlotFrame>
  );
}
