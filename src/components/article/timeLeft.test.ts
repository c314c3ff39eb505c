import { describe, expect, it } from 'vitest';
import { timeLeftText } from './timeLeft';

describe('timeLeftText', () => {
  it('says nothing before two steps are timed, or once none is left', () => {
    expect(timeLeftText(0, 150, 0)).toBe('');
    expect(timeLeftText(1, 150, 300)).toBe('');
    expect(timeLeftText(150, 150, 45_000)).toBe('');
    expect(timeLeftText(5, 150, 0)).toBe('');
  });

  it('extrapolates the mean step time measured so far', () => {
    // 10 steps in 3 s: 0.3 s a step, 140 steps to go: 42 s, rounded to 5 s.
    expect(timeLeftText(10, 150, 3000)).toBe('about 40 s left');
    // 2 steps in 2.4 s, 148 to go: 178 s.
    expect(timeLeftText(2, 150, 2400)).toBe('about 3 min left');
    // A reader saw step 67 of 150 at 3 minutes (a 500-block run): 3.7 min to go.
    expect(timeLeftText(67, 150, 180_000)).toBe('about 4 min left');
  });

  it('counts single seconds near the end, and whole minutes from 90 s', () => {
    expect(timeLeftText(148, 150, 148 * 2100)).toBe('about 4 s left');
    expect(timeLeftText(149, 150, 149 * 200)).toBe('about 1 s left');
    expect(timeLeftText(10, 70, 10 * 990)).toBe('about 55 s left');
    expect(timeLeftText(10, 80, 10 * 1000)).toBe('about 1 min left');
    expect(timeLeftText(10, 100, 10 * 1000)).toBe('about 2 min left');
  });
});
