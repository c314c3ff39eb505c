import {
  useCallback,
  useEffect,
  useRef,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { PLOT_FONT } from '../geometry/colors';
import type { DataTableProps } from './DataTable';
import type { RasterLayer } from './exporting';
import { PlotFrame } from './PlotFrame';

/** An RGBA image of `cols` × `rows` pixels, scaled up to fill the plot area. */
export interface RasterImage {
  pixels: Uint8ClampedArray<ArrayBuffer>;
  cols: number;
  rows: number;
  /** Smooth for a continuous field (probabilities); sharp for cells that are data (heatmap). */
  smooth: boolean;
}

/** Where the raster sits inside the SVG, in px. */
export interface RasterArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The single focusable cursor over the raster: one tab stop that arrow keys move. */
export interface RasterCursor {
  /** Accessible name: what the cursor points at and which keys move it. */
  label: string;
  onFocus: () => void;
  onBlur: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
}

/** Props of {@link RasterPlotFrame}. */
export interface RasterPlotFrameProps {
  title: string;
  /** The element whose width the plot follows (the caller measures it for its layout). */
  containerRef: RefObject<HTMLDivElement | null>;
  /** The data-table alternative (its label is the title). */
  table: Pick<DataTableProps, 'columns' | 'rows' | 'note'>;
  /** What the plot shows, for the role="img" element. */
  ariaLabel: string;
  /** Size of the SVG (and of the overlay). */
  width: number;
  height: number;
  /** A fixed width for the graphic; by default it fills its container. */
  frameWidth?: number;
  area: RasterArea;
  image: RasterImage;
  /** The vector drawing over the raster: axes, legend, marks. */
  children: ReactNode;
  cursor: RasterCursor;
  /** The cursor's mark (ring, outline), drawn in plot-area coordinates. */
  marker: ReactNode;
  /** The pointer's position in plot-area coordinates (relative to `area`). */
  onPointerMove: (p: { x: number; y: number }) => void;
  onPointerLeave: () => void;
  /** Text for the polite live region (keyboard moves). */
  announce: string;
  readout: ReactNode;
}

/**
 * Draws `image` into `canvas` at device resolution, scaled to w × h CSS px. Setting the canvas
 * size clears it, so an empty image leaves a blank canvas. No-op without a 2D context (jsdom).
 */
export function paintRaster(
  canvas: HTMLCanvasElement,
  image: RasterImage,
  w: number,
  h: number,
): void {
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  canvas.width = Math.max(1, Math.round(w * dpr));
  canvas.height = Math.max(1, Math.round(h * dpr));
  const { pixels, cols, rows } = image;
  const ctx = canvas.getContext('2d');
  if (!ctx || cols < 1 || rows < 1 || typeof ImageData === 'undefined') return;
  const img = document.createElement('canvas');
  img.width = cols;
  img.height = rows;
  const ictx = img.getContext('2d');
  if (!ictx) return;
  ictx.putImageData(new ImageData(pixels, cols, rows), 0, 0);
  ctx.imageSmoothingEnabled = image.smooth;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
}

/**
 * The frame of a raster plot (heatmap, decision boundary): a canvas for the dense image under an
 * SVG with the vector parts (the SVG is what gets exported, with the canvas embedded), a
 * transparent overlay with one focusable cursor, a live region for keyboard moves and the
 * readout. Canvas and SVG share one role="img" element so that they read as one graphic.
 */
export function RasterPlotFrame(props: RasterPlotFrameProps) {
  const { title, area, image, width, height, cursor } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // Redraw only when the image or the area size change: not on hover or focus.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas) paintRaster(canvas, image, area.width, area.height);
  }, [image, area.width, area.height]);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    props.onPointerMove({ x: e.clientX - box.left - area.x, y: e.clientY - box.top - area.y });
  };

  const getRaster = useCallback((): RasterLayer | null => {
    const canvas = canvasRef.current;
    return canvas ? { canvas, x: area.x, y: area.y, width: area.width, height: area.height } : null;
  }, [area.x, area.y, area.width, area.height]);

  return (
    <PlotFrame
      title={title}
      svgRef={svgRef}
      containerRef={props.containerRef}
      getRaster={getRaster}
      table={props.table}
    >
      <div
        role="img"
        aria-label={props.ariaLabel}
        className="plot-raster"
        style={props.frameWidth === undefined ? undefined : { width: props.frameWidth }}
      >
        <canvas
          ref={canvasRef}
          className="plot-canvas"
          style={{ left: area.x, top: area.y, width: area.width, height: area.height }}
        />
        <svg ref={svgRef} width={width} height={height} fontFamily={PLOT_FONT} className="plot-svg">
          <rect
            data-raster=""
            x={area.x}
            y={area.y}
            width={area.width}
            height={area.height}
            fill="none"
          />
          {props.children}
        </svg>
      </div>
      <svg
        className="plot-overlay"
        width={width}
        height={height}
        onPointerMove={onPointerMove}
        onPointerLeave={props.onPointerLeave}
      >
        <g transform={`translate(${area.x},${area.y})`}>
          <rect
            className="plot-cursor plot-hit"
            role="graphics-symbol"
            width={area.width}
            height={area.height}
            fill="transparent"
            tabIndex={0}
            aria-label={cursor.label}
            onFocus={cursor.onFocus}
            onBlur={cursor.onBlur}
            onKeyDown={cursor.onKeyDown}
          />
          {props.marker}
        </g>
      </svg>
      <div className="plot-sr-only" aria-live="polite">
        {props.announce}
      </div>
      {props.readout}
    </PlotFrame>
  );
}
