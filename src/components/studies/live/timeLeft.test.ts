import { describe, expect, it } from 'vitest';
import { LEAST_MEASURED_MS, secondsLeft, tick, timeLeftText, timeLeftWords } from './timeLeft';

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

describe('the time left of a run of unequal phases', () => {
  it('is the work left at the pace between the first and the latest report', () => {
    // 0.5 of 3 units done in 10 s after the first report at 0.25: 2.5 units left at 0.025/s.
    const clock = tick(tick(null, { ms: 5_000, value: 0.25 }), { ms: 15_000, value: 0.5 });
    expect(clock.first).toEqual({ ms: 5_000, value: 0.25 });
    expect(secondsLeft(clock, 3)).toBeCloseTo(100, 9);
    expect(timeLeftWords(secondsLeft(clock, 3))).toBe('about 2 min left');
    // A later report keeps the first one.
    expect(tick(clock, { ms: 20_000, value: 1 }).first.ms).toBe(5_000);
  });

  it('waits for some progress over a measured while', () => {
    expect(secondsLeft(null, 3)).toBeNull();
    const first = { ms: 0, value: 0.1 };
    expect(secondsLeft(tick(null, first), 3)).toBeNull();
    expect(secondsLeft({ first, last: { ms: LEAST_MEASURED_MS - 1, value: 0.5 } }, 3)).toBeNull();
    expect(secondsLeft({ first, last: { ms: 60_000, value: 0.1 } }, 3)).toBeNull();
    expect(secondsLeft({ first, last: { ms: LEAST_MEASURED_MS, value: 0.2 } }, 3)).toBeCloseTo(
      42,
      9,
    );
    // Done is nothing left, and says nothing.
    expect(secondsLeft({ first, last: { ms: 9_000, value: 3 } }, 3)).toBe(0);
    expect(timeLeftWords(0)).toBe('');
    // Where the work left is a cap the run usually stops short of.
    expect(timeLeftWords(500, { atMost: true })).toBe('at most 8 min left');
    expect(timeLeftWords(7, { atMost: true })).toBe('at most 7 s left');
  });

  it('is said as the step-timed runs say it', () => {
    expect(timeLeftWords(null)).toBe('');
    expect(timeLeftWords(Infinity)).toBe('');
    expect(timeLeftWords(0.2)).toBe('about 1 s left');
    expect(timeLeftWords(7.6)).toBe('about 8 s left');
    expect(timeLeftWords(41)).toBe('about 40 s left');
    expect(timeLeftWords(59)).toBe('about 55 s left');
    expect(timeLeftWords(88)).toBe('about 1 min left');
    expect(timeLeftWords(1800)).toBe('about 30 min left');
  });
});
