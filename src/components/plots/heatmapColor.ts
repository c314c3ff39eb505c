import { interpolateViridis, rgb, scaleSequentialLog } from 'd3';
import { PLOT_COLORS } from './colors';
import { logDomain } from './scales';

/** A colour scale for gradient norms: log, perceptual (viridis), with zero/non-finite colours. */
export interface HeatmapScale {
  domain: [number, number];
  /** CSS colour of a value; 0 and non-finite values get their own colours. */
  color: (v: number) => string;
  /** The same colour as [r, g, b] 0-255, from a lookup table (fast enough per pixel). */
  rgbOf: (v: number) => [number, number, number];
  hasZero: boolean;
  hasNonFinite: boolean;
}

const LUT_SIZE = 256;
const toRgb = (c: string): [number, number, number] => {
  const o = rgb(c);
  return [Math.round(o.r), Math.round(o.g), Math.round(o.b)];
};

/**
 * Builds the heatmap colour scale over all positive finite values (decade-padded). Negative values
 * cannot occur for norms; they are treated like non-finite ones rather than silently clamped.
 */
export function heatmapScale(values: ArrayLike<number>): HeatmapScale {
  const domain = logDomain([values]);
  const scale = scaleSequentialLog(interpolateViridis).domain(domain).clamp(true);
  const lut: [number, number, number][] = Array.from({ length: LUT_SIZE }, (_, k) =>
    toRgb(interpolateViridis(k / (LUT_SIZE - 1))),
  );
  const zero = toRgb(PLOT_COLORS.zero);
  const bad = toRgb(PLOT_COLORS.nonFinite);
  const l0 = Math.log10(domain[0]);
  const span = Math.log10(domain[1]) - l0;
  let hasZero = false;
  let hasNonFinite = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === 0) hasZero = true;
    else if (!(v > 0 && v < Infinity)) hasNonFinite = true;
  }
  return {
    domain,
    hasZero,
    hasNonFinite,
    color: (v) =>
      v === 0 ? PLOT_COLORS.zero : v > 0 && v < Infinity ? scale(v) : PLOT_COLORS.nonFinite,
    rgbOf: (v) => {
      if (v === 0) return zero;
      if (!(v > 0 && v < Infinity)) return bad;
      const t = (Math.log10(v) - l0) / span;
      const k = Math.round(Math.max(0, Math.min(1, t)) * (LUT_SIZE - 1));
      return lut[k] as [number, number, number];
    },
  };
}

/**
 * Fills RGBA pixels for a heatmap image `cols` × `rows`: column c samples step
 * floor(c · steps / cols); row 0 of the image is the last layer, so the input side is at the
 * bottom. Returns the pixel buffer so it can be tested without a canvas.
 */
export function heatmapPixels(
  values: ArrayLike<number>,
  steps: number,
  layers: number,
  cols: number,
  scale: HeatmapScale,
): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(cols * layers * 4);
  for (let c = 0; c < cols; c++) {
    const j = Math.min(steps - 1, Math.floor((c * steps) / cols));
    for (let l = 0; l < layers; l++) {
      const idx = j * layers + l;
      const v = idx < values.length ? (values[idx] as number) : Number.NaN;
      const [r, g, b] = scale.rgbOf(v);
      const o = ((layers - 1 - l) * cols + c) * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 255;
    }
  }
  return px;
}
