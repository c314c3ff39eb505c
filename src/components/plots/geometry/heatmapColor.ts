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
  /** Flat RGB lookup table (LUT_SIZE × 3) and the log10 range it spans, for the pixel loop. */
  lut: Uint8Array;
  log0: number;
  logSpan: number;
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
export function heatmapScale(
  values: ArrayLike<number>,
  domain: [number, number] = logDomain([values]),
): HeatmapScale {
  const scale = scaleSequentialLog(interpolateViridis).domain(domain).clamp(true);
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) lut.set(toRgb(interpolateViridis(k / (LUT_SIZE - 1))), k * 3);
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
    lut,
    log0: l0,
    logSpan: span,
    color: (v) =>
      v === 0 ? PLOT_COLORS.zero : v > 0 && v < Infinity ? scale(v) : PLOT_COLORS.nonFinite,
    rgbOf: (v) => {
      if (v === 0) return zero;
      if (!(v > 0 && v < Infinity)) return bad;
      const t = (Math.log10(v) - l0) / span;
      const k = Math.round(Math.max(0, Math.min(1, t)) * (LUT_SIZE - 1)) * 3;
      return [lut[k] as number, lut[k + 1] as number, lut[k + 2] as number];
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
  // Inlined lookup (no tuple per pixel): this loop runs on every training update.
  const { lut, log0, logSpan } = scale;
  const kMax = LUT_SIZE - 1;
  const [zr, zg, zb] = scale.rgbOf(0);
  const [br, bg, bb] = scale.rgbOf(Number.NaN);
  for (let c = 0; c < cols; c++) {
    const j = Math.min(steps - 1, Math.floor((c * steps) / cols));
    for (let l = 0; l < layers; l++) {
      const idx = j * layers + l;
      const v = idx < values.length ? (values[idx] as number) : Number.NaN;
      const o = ((layers - 1 - l) * cols + c) * 4;
      if (v > 0 && v < Infinity) {
        let t = (Math.log10(v) - log0) / logSpan;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const k = Math.round(t * kMax) * 3;
        px[o] = lut[k] as number;
        px[o + 1] = lut[k + 1] as number;
        px[o + 2] = lut[k + 2] as number;
      } else if (v === 0) {
        px[o] = zr;
        px[o + 1] = zg;
        px[o + 2] = zb;
      } else {
        px[o] = br;
        px[o + 1] = bg;
        px[o + 2] = bb;
      }
      px[o + 3] = 255;
    }
  }
  return px;
}
