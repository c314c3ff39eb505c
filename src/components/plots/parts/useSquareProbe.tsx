import { useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { RasterPlotFrameProps } from './RasterPlotFrame';
import { SeriesReadout } from './Readout';
import { useContainerWidth } from './useContainerWidth';

/**
 * A cell of a square grid: its column from the left, and its row from the top or, where rows
 * count upwards (`rowsUp`), from the bottom.
 */
export interface GridCell {
  col: number;
  row: number;
}

/** What the probe reads at a cell: the text of readout, cursor and live region, and a swatch. */
export interface ProbeReading {
  text: string;
  color: string;
}

/** The options of {@link useSquareProbe}. */
export interface SquareProbeOptions {
  /** Largest side of the square plot area in px; it shrinks to fit the container (not below 120). */
  size: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Cells per side of the grid. */
  cells: number;
  /** Rows count from the bottom (a plane whose second coordinate grows upwards). */
  rowsUp: boolean;
  /** Where focusing the plot puts the probe, and where the arrow keys start when there is none. */
  start: GridCell;
}

/** What {@link SquareProbe.frameProps} needs from the plot. */
export interface ProbeFrameOptions {
  title: string;
  /** The cursor's name while nothing is probed, e.g. "probe the plane". */
  idleLabel: string;
  /** The probe ring's colour: one that stands out on the image. */
  ringColor: string;
  read: (cell: GridCell) => ProbeReading;
  /** Whether a cell shows (a cell left from a larger grid may not); every cell by default. */
  shows?: (cell: GridCell) => boolean;
}

/** What {@link useSquareProbe} returns. */
export interface SquareProbe {
  containerRef: RefObject<HTMLDivElement | null>;
  /** Side of the square plot area in px. */
  side: number;
  /** Centre of a cell in plot-area px. */
  centreOf: (cell: GridCell) => { x: number; y: number };
  /** The props of the RasterPlotFrame that carry the probe: everything but the plot's content. */
  frameProps: (
    o: ProbeFrameOptions,
  ) => Omit<RasterPlotFrameProps, 'title' | 'table' | 'ariaLabel' | 'image' | 'children'>;
}

/**
 * A probe over a square raster plot (decision boundary, loss landscape): the plot area's size
 * from the container's width, one cell under the pointer or moved by the arrow keys (Shift:
 * an eighth of the grid), ringed, read out and announced.
 */
export function useSquareProbe({
  size,
  margin,
  cells,
  rowsUp,
  start,
}: SquareProbeOptions): SquareProbe {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(containerRef);
  const [cell, setCell] = useState<GridCell | null>(null);
  const [announce, setAnnounce] = useState('');
  const side = Math.max(120, Math.min(size, width - margin.left - margin.right));
  const svgW = side + margin.left + margin.right;
  const svgH = side + margin.top + margin.bottom;

  const centreOf = (c: GridCell) => ({
    x: ((c.col + 0.5) * side) / cells,
    y: ((rowsUp ? cells - 1 - c.row + 0.5 : c.row + 0.5) * side) / cells,
  });
  const onPointerMove = (p: { x: number; y: number }) => {
    if (p.x < 0 || p.y < 0 || p.x >= side || p.y >= side) return setCell(null);
    const down = Math.floor((p.y / side) * cells);
    setCell({ col: Math.floor((p.x / side) * cells), row: rowsUp ? cells - 1 - down : down });
  };
  const keyTarget = (e: KeyboardEvent): GridCell | null => {
    const c = cell ?? start;
    const step = e.shiftKey ? Math.max(1, Math.round(cells / 8)) : 1;
    const up = rowsUp ? step : -step;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, up],
      ArrowDown: [0, -up],
    };
    const m = moves[e.key];
    if (!m) return null;
    e.preventDefault();
    const clamp = (v: number) => Math.max(0, Math.min(cells - 1, v));
    return { col: clamp(c.col + m[0]), row: clamp(c.row + m[1]) };
  };

  const frameProps = ({ title, idleLabel, ringColor, read, shows }: ProbeFrameOptions) => {
    const reading = cell && (!shows || shows(cell)) ? read(cell) : null;
    const at = cell && reading ? centreOf(cell) : null;
    return {
      containerRef,
      width: svgW,
      height: svgH,
      frameWidth: svgW,
      area: { x: margin.left, y: margin.top, width: side, height: side },
      cursor: {
        label: `${title}: ${reading ? reading.text : idleLabel}. Arrow keys move the probe.`,
        onFocus: () => !cell && setCell(start),
        onBlur: () => setCell(null),
        onKeyDown: (e: KeyboardEvent) => {
          const next = keyTarget(e);
          if (!next) return;
          setCell(next);
          setAnnounce(read(next).text);
        },
      },
      marker: at ? (
        <circle
          cx={at.x}
          cy={at.y}
          r={5}
          fill="none"
          stroke={ringColor}
          strokeWidth={1.5}
          pointerEvents="none"
        />
      ) : null,
      onPointerMove,
      onPointerLeave: () => setCell(null),
      announce,
      readout:
        at && reading ? (
          <SeriesReadout
            x={margin.left + at.x}
            y={margin.top + at.y}
            containerWidth={width}
            containerHeight={svgH}
            rows={[{ id: 'probe', color: reading.color, text: reading.text }]}
          />
        ) : null,
    };
  };
  return { containerRef, side, centreOf, frameProps };
}
