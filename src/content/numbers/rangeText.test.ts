import { describe, expect, it } from 'vitest';
import { percentRange, rangeText, signed, span } from './rangeText';

describe('ranges as the article writes them', () => {
  it('write one number when both ends read alike, else "a to b"', () => {
    expect(span('3', '7')).toBe('3 to 7');
    expect(span('0.50', '0.50')).toBe('0.50');
    expect(rangeText([0.504, 0.496, 0.5], (v) => v.toFixed(2))).toBe('0.50');
    expect(rangeText([3, 1, 2], String)).toBe('1 to 3');
  });

  it('put one percent sign at the end of a range of shares, whole percents', () => {
    expect(percentRange([0.71, 0.818])).toBe('71 to 82%');
    expect(percentRange([0.032, 0.066])).toBe('3 to 7%');
    expect(percentRange([0.444, 0.436])).toBe('44%');
  });

  it('write a minus sign, not a hyphen', () => {
    expect(signed('-0.16')).toBe('−0.16');
    expect(signed('0.16')).toBe('0.16');
  });
});
