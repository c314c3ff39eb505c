// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatDecade, formatValue, summariseRatio, ZERO_TEXT } from './format';
import { classifyForLog, decadeTicks, linearDomain, logDomain, thinLabels } from './scales';

describe('logDomain', () => {
  it('pads to whole decades across all series, ignoring 0 and non-finite values', () => {
    const a = [3e-32, 0, NaN, 5];
    const b = new Float32Array([2e5, Infinity]);
    expect(logDomain([a, b])).toEqual([1e-32, 1e6]);
  });
  it('gives a flat profile at least two decades', () => {
    expect(logDomain([[1, 1, 1]])).toEqual([0.1, 10]);
    const [lo, hi] = logDomain([[3, 4]]);
    expect(Math.log10(hi) - Math.log10(lo)).toBeGreaterThanOrEqual(2);
    expect(lo).toBeLessThanOrEqual(3);
    expect(hi).toBeGreaterThanOrEqual(4);
  });
  it('falls back when no value can be shown on a log axis', () => {
    expect(logDomain([[0, NaN, -1]])).toEqual([1e-3, 10]);
  });
});

describe('decadeTicks', () => {
  it('labels a 38-decade domain with few ticks that include 10^0', () => {
    const ticks = decadeTicks([1e-32, 1e6], 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks).toContain(0);
    expect(ticks.every((e) => e >= -32 && e <= 6)).toBe(true);
    const step = (ticks[1] as number) - (ticks[0] as number);
    expect(ticks.every((e, i) => i === 0 || e - (ticks[i - 1] as number) === step)).toBe(true);
  });
  it('gives one tick per decade on a short domain', () => {
    expect(decadeTicks([1e-3, 10], 8)).toEqual([-3, -2, -1, 0, 1]);
  });
  it('formats decade labels with superscripts', () => {
    expect(formatDecade(-32)).toBe('10⁻³²');
    expect(formatDecade(6)).toBe('10⁶');
  });
});

describe('linearDomain and thinLabels', () => {
  it('starts at 0 for non-negative data and is nice', () => {
    expect(linearDomain([[0.3, 1.7, NaN]])).toEqual([0, 2]);
    expect(linearDomain([[]])).toEqual([0, 1]);
  });
  it('keeps first and last labels and respects spacing', () => {
    const shown = thinLabels(202, 3, 30);
    expect(shown[0]).toBe(0);
    expect(shown[shown.length - 1]).toBe(201);
    for (let k = 1; k < shown.length; k++) {
      expect(((shown[k] as number) - (shown[k - 1] as number)) * 3).toBeGreaterThanOrEqual(
        k === shown.length - 1 ? 3 : 30,
      );
    }
  });
});

describe('formatValue', () => {
  it('uses 3 significant digits and exponent notation outside [1e-3, 1e4)', () => {
    expect(formatValue(0.012345)).toBe('0.0123');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(12345)).toBe('1.23e4');
    expect(formatValue(3.2e-32)).toBe('3.2e-32');
    expect(formatValue(1e-4)).toBe('1e-4');
    expect(formatValue(-0.5)).toBe('-0.5');
  });
  it('names zero and non-finite values', () => {
    expect(formatValue(0)).toBe(ZERO_TEXT);
    expect(formatValue(0, { zero: 'plain' })).toBe('0');
    expect(formatValue(NaN)).toBe('not finite');
    expect(formatValue(-Infinity)).toBe('not finite');
    expect(classifyForLog(0)).toBe('zero');
    expect(classifyForLog(NaN)).toBe('nonfinite');
    expect(classifyForLog(1e-40)).toBe('ok');
  });
});

describe('summariseRatio', () => {
  it('divides first by last', () => {
    const r = summariseRatio(new Float32Array([1e-6, 0.5, 1e-2]));
    expect(r.kind).toBe('ok');
    expect(r.value).toBeCloseTo(1e-4, 8);
    expect(r.text).toBe('1e-4');
  });
  it('handles zeros, non-finite values and empty profiles', () => {
    expect(summariseRatio([0, 1]).kind).toBe('zero');
    expect(summariseRatio([0, 1]).text).toContain('below float32 range');
    expect(summariseRatio([1, 0]).value).toBe(Infinity);
    expect(summariseRatio([0, 0]).value).toBeNaN();
    expect(summariseRatio([NaN, 1]).text).toBe('not finite');
    expect(summariseRatio([]).kind).toBe('empty');
  });
});
