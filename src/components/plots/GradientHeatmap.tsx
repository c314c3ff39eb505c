import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { AxisBottom, AxisLeft, NoDataNote } from './parts/Axes';
import { ColorLegend } from './parts/ColorLegend';
import { formatValue } from './geometry/format';
import { heatmapPixels, heatmapScale } from './geometry/heatmapColor';
import { heatmapLayout, heatmapTable } from './geometry/heatmapLayout';
import { RasterPlotFrame, type RasterImage } from './parts/RasterPlotFrame';
import { SeriesReadout } from './parts/Readout';
import { useContainerWidth } from './parts/useContainerWidth';

/** Props of {@link GradientHeatmap}. */
export interface GradientHeatmapProps {
  title: string;
  /** One label per layer, input side first. */
  layerLabels: string[];
  /** The recorded step numbers (columns). */
  steps: ArrayLike<number>;
  /** steps.length × layerLabels.length values, row-major by step. */
  values: Float32Array;
  ariaLabel?: string;
  height?: number;
  /** What the colours show, for the colour bar (default "‖∂L/∂W‖"; e.g. "‖∂L/∂x_l‖"). */
  valueLabel?: string;
  /**
   * The log colour scale's [min, max]; by default this plot's own range. Heatmaps shown side
   * by side pass one shared domain, so that a colour means the same value in each.
   */
  colorDomain?: [number, number];
}

interface Cell {
  j: number;
  l: number;
}

/**
 * Gradient norm per layer × step as a canvas heatmap with a log colour scale (viridis), input
 * side at the bottom. One focusable cursor: arrow keys move between steps and layers.
 */
export function GradientHeatmap({
  title,
  layerLabels,
  steps,
  values,
  ariaLabel,
  height = 320,
  valueLabel = '‖∂L/∂W‖',
  colorDomain,
}: GradientHeatmapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(containerRef);
  const [cell, setCell] = useState<Cell | null>(null);
  const [focused, setFocused] = useState(false);
  const [announce, setAnnounce] = useState('');
  const lay = useMemo(
    () => heatmapLayout(layerLabels, steps, width, height),
    [layerLabels, steps, width, height],
  );
  const { margin, innerW, innerH, n, L } = lay;
  const lo = colorDomain?.[0];
  const hi = colorDomain?.[1];
  const scale = useMemo(
    () =>
      heatmapScale(
        values.subarray(0, n * L),
        lo !== undefined && hi !== undefined ? [lo, hi] : undefined,
      ),
    [values, n, L, lo, hi],
  );
  const table = useMemo(
    () => heatmapTable(layerLabels, steps, values),
    [layerLabels, steps, values],
  );

  // Columns are capped at one per pixel of the plot; cells are data, so they stay sharp.
  const image = useMemo((): RasterImage => {
    const cols = Math.max(1, Math.min(n, Math.round(innerW)));
    const pixels = heatmapPixels(values, n, L, cols, scale);
    return { pixels, cols: n ? cols : 0, rows: L, smooth: false };
  }, [values, n, L, scale, innerW]);

  const valueAt = (c: Cell) => {
    const idx = c.j * L + c.l;
    return idx < values.length ? (values[idx] as number) : Number.NaN;
  };
  const describe = (c: Cell) =>
    `step ${formatValue(steps[c.j] as number, { zero: 'plain' })}, ${layerLabels[c.l]}: ${formatValue(valueAt(c))}`;
  const valid = cell && cell.j < n && cell.l < L ? cell : null;

  const onPointerMove = ({ x: px, y: py }: { x: number; y: number }) => {
    if (!n || !L) return;
    if (px < 0 || py < 0 || px > innerW || py > innerH) return setCell(null);
    const j = Math.min(n - 1, Math.floor((px / innerW) * n));
    const l = Math.min(L - 1, L - 1 - Math.floor((py / innerH) * L));
    setCell({ j, l: Math.max(0, l) });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!n || !L) return;
    const c = valid ?? { j: n - 1, l: 0 };
    const big = e.shiftKey ? 10 : 1;
    const moves: Record<string, Cell> = {
      ArrowLeft: { j: c.j - big, l: c.l },
      ArrowRight: { j: c.j + big, l: c.l },
      ArrowUp: { j: c.j, l: c.l + 1 },
      ArrowDown: { j: c.j, l: c.l - 1 },
      Home: { j: 0, l: c.l },
      End: { j: n - 1, l: c.l },
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const next = { j: Math.max(0, Math.min(n - 1, m.j)), l: Math.max(0, Math.min(L - 1, m.l)) };
    setCell(next);
    setAnnounce(describe(next));
  };

  const cw = n ? innerW / n : 0;
  const ch = L ? innerH / L : 0;
  const label =
    ariaLabel ??
    `${title}: ${valueLabel} for each of ${L} layers (input at the bottom) over ${n} recorded steps, log colour scale from ${formatValue(scale.domain[0])} to ${formatValue(scale.domain[1])}.`;
  return (
    <RasterPlotFrame
      title={title}
      containerRef={containerRef}
      table={table}
      ariaLabel={label}
      width={width}
      height={height}
      area={{ x: margin.left, y: margin.top, width: innerW, height: innerH }}
      image={image}
      cursor={{
        label: `${title}: ${valid ? describe(valid) : 'no cell selected'}. Arrow keys move between steps and layers.`,
        onFocus: () => {
          setFocused(true);
          if (!valid && n && L) setCell({ j: n - 1, l: 0 });
        },
        onBlur: () => {
          setFocused(false);
          setCell(null);
        },
        onKeyDown,
      }}
      marker={
        valid ? (
          <rect
            x={valid.j * cw - 1}
            y={(L - 1 - valid.l) * ch - 1}
            width={Math.max(3, cw) + 2}
            height={Math.max(3, ch) + 2}
            fill="none"
            stroke="#ffffff"
            strokeWidth={1.5}
            pointerEvents="none"
          />
        ) : null
      }
      onPointerMove={onPointerMove}
      onPointerLeave={() => !focused && setCell(null)}
      announce={announce}
      readout={
        valid ? (
          <SeriesReadout
            x={margin.left + (valid.j + 0.5) * cw}
            y={margin.top + (L - 0.5 - valid.l) * ch}
            containerWidth={width}
            containerHeight={height}
            head={`step ${formatValue(steps[valid.j] as number, { zero: 'plain' })}`}
            rows={[
              {
                id: 'cell',
                color: scale.color(valueAt(valid)),
                text: `${layerLabels[valid.l]}: ${formatValue(valueAt(valid))}`,
              },
            ]}
          />
        ) : null
      }
    >
      <g transform={`translate(${margin.left},22)`}>
        <ColorLegend scale={scale} width={innerW} label={`${valueLabel} (log colour scale)`} />
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <AxisLeft
          ticks={lay.yTicks}
          height={innerH}
          gridWidth={0}
          label="Layer (input at bottom)"
          labelX={-margin.left + 12}
        />
        <AxisBottom
          ticks={lay.xTicks}
          width={innerW}
          height={innerH}
          label="Training step"
          labelY={34}
        />
        {n === 0 ? <NoDataNote width={innerW} height={innerH} /> : null}
      </g>
    </RasterPlotFrame>
  );
}
