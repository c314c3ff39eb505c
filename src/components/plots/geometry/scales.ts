import { scaleLinear } from 'd3';

/** Where a value lands on a log axis. */
export type LogClass = 'ok' | 'zero' | 'negative' | 'nonfinite';

/** Classifies a value for a log axis: only positive finite values can be placed on it. */
export function classifyForLog(v: number): LogClass {
  if (!Number.isFinite(v)) return 'nonfinite';
  if (v === 0) return 'zero';
  return v < 0 ? 'negative' : 'ok';
}

/** Builds 10^e from the literal, so 1e-32 is exactly the double the reader expects. */
export function pow10(e: number): number {
  return Number(`1e${e}`);
}

/** Smallest and largest positive finite value over all arrays, or null if there is none. */
export function positiveExtent(arrays: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (v > 0 && v < Infinity) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Log-axis domain covering every positive finite value of every array, widened to whole decades
 * (at least two). Zeros and non-finite values are ignored here: the plots mark them separately.
 */
export function logDomain(
  arrays: readonly ArrayLike<number>[],
  fallback: [number, number] = [1e-3, 10],
): [number, number] {
  const ext = positiveExtent(arrays);
  if (!ext) return fallback;
  let a = Math.floor(Math.log10(ext[0]));
  let b = Math.ceil(Math.log10(ext[1]));
  if (b - a < 2) {
    // A flat profile would otherwise get a zero-height axis: give it a decade either side.
    if (b === a) b += 1;
    a -= 1;
    if (b - a < 2) b += 1;
  }
  return [pow10(a), pow10(b)];
}

const DECADE_STEPS = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 50, 100];

/**
 * Decade ticks (as exponents) for a log domain, at most `maxTicks` of them, at multiples of a
 * step so that 10⁰ is a tick whenever it is in range. Works for domains like 1e-32 … 1e6 where a
 * tick per decade would be illegible.
 */
export function decadeTicks(domain: [number, number], maxTicks = 8): number[] {
  const a = Math.round(Math.log10(domain[0]));
  const b = Math.round(Math.log10(domain[1]));
  const span = Math.max(1, b - a);
  const want = Math.max(2, maxTicks);
  const step = DECADE_STEPS.find((s) => span / s <= want - 1) ?? Math.ceil(span / (want - 1));
  const ticks: number[] = [];
  for (let e = Math.ceil(a / step) * step; e <= b; e += step) ticks.push(e);
  return ticks;
}

/** Linear domain over finite values, from 0 when all values are non-negative, made nice. */
export function linearDomain(
  arrays: readonly ArrayLike<number>[],
  fallback: [number, number] = [0, 1],
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(lo <= hi)) return fallback;
  if (lo >= 0) lo = 0;
  if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo);
  const nice = scaleLinear().domain([lo, hi]).nice(5).domain();
  return [nice[0] ?? lo, nice[1] ?? hi];
}

/**
 * Indices of categorical labels to print so that neighbours are at least `minSpacing` px apart;
 * the first and last (input and output side) are always kept.
 */
export function thinLabels(count: number, bandPx: number, minSpacing: number): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(minSpacing / Math.max(bandPx, 1e-6)));
  const out: number[] = [];
  for (let i = 0; i < count; i += every) out.push(i);
  const last = count - 1;
  if (out[out.length - 1] !== last) {
    // Replace the previous label if it would collide with the last one.
    if (out.length > 1 && last - (out[out.length - 1] as number) < every) out.pop();
    out.push(last);
  }
  return out;
}
