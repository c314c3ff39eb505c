/** Text shown for an exact zero where a log scale (or float32) cannot show the value. */
export const ZERO_TEXT = '0 (below float32 range)';
/** Text shown for NaN and ±Infinity. */
export const NON_FINITE_TEXT = 'not finite';

/** Options for {@link formatValue}. */
export interface FormatOptions {
  /**
   * How to write an exact 0: `'underflow'` (default) for gradient norms, where 0 means the value
   * fell below float32 range; `'plain'` for quantities where 0 is an ordinary value (accuracy).
   */
  zero?: 'underflow' | 'plain';
}

/**
 * Formats a number for tooltips, tables and readouts: 3 significant digits, exponent notation
 * outside [1e-3, 1e4), "0 (below float32 range)" for 0 and "not finite" for NaN/±Infinity.
 */
export function formatValue(v: number, options: FormatOptions = {}): string {
  if (!Number.isFinite(v)) return NON_FINITE_TEXT;
  if (v === 0) return options.zero === 'plain' ? '0' : ZERO_TEXT;
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e4) {
    // toExponential(2) keeps 3 significant digits; drop trailing zeros of the mantissa.
    const [mantissa = '', exponent = ''] = v.toExponential(2).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${m}e${exponent.replace('+', '')}`;
  }
  // Round to 3 significant digits, then print without exponent and without trailing zeros.
  return String(Number(v.toPrecision(3)));
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** "10⁻³²" for exponent -32: decade tick labels that stay short on a log axis. */
export function formatDecade(exponent: number): string {
  const digits = String(Math.round(exponent))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `10${digits}`;
}

/** Result of {@link summariseRatio}. */
export interface RatioSummary {
  /** values[0] / values[last]; NaN when undefined (empty, non-finite, 0/0). */
  value: number;
  /** Human-readable text for a readout. */
  text: string;
  kind: 'ok' | 'zero' | 'infinite' | 'not-finite' | 'empty';
}

/**
 * First-to-last ratio of a per-layer profile (values[0] / values[last]), e.g. how much smaller the
 * input-side gradient is than the output-side one. Zeros (float32 underflow) and non-finite values
 * get explicit text instead of a misleading number.
 */
export function summariseRatio(values: ArrayLike<number>): RatioSummary {
  const n = values.length;
  if (n === 0) return { value: Number.NaN, text: 'no data', kind: 'empty' };
  const first = values[0] as number;
  const last = values[n - 1] as number;
  if (!Number.isFinite(first) || !Number.isFinite(last)) {
    return { value: Number.NaN, text: NON_FINITE_TEXT, kind: 'not-finite' };
  }
  if (first === 0 && last === 0) {
    return { value: Number.NaN, text: '0 / 0 (both below float32 range)', kind: 'zero' };
  }
  if (first === 0) return { value: 0, text: '0 (first value below float32 range)', kind: 'zero' };
  if (last === 0) {
    return { value: Infinity, text: '∞ (last value below float32 range)', kind: 'infinite' };
  }
  // Computed in float64, so ratios of float32 values cannot overflow here.
  const value = first / last;
  return { value, text: formatValue(value), kind: 'ok' };
}
