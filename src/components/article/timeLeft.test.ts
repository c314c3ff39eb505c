import { describe, expect, it } from 'vitest';
import { LEAST_MEASURED_MS, secondsLeft, tick, timeLeftText } from './timeLeft';

describe('the time left', () => {
  it('is the work left at the pace between the first and the latest report', () => {
    // 0.5 of 3 units done in 10 s after the first report at 0.25: 2.5 units left at 0.025/s.
    const clock = tick(tick(null, { ms: 5_000, value: 0.25 }), { ms: 15_000, value: 0.5 });
    expect(clock.first).toEqual({ ms: 5_000, value: 0.25 });
    expect(secondsLeft(clock, 3)).toBeCloseTo(100, 9);
    expect(timeLeftText(secondsLeft(clock, 3))).toBe('about 2 min left');
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
    // Done is nothing left.
    expect(secondsLeft({ first, last: { ms: 9_000, value: 3 } }, 3)).toBe(0);
  });

  it('rounds as far as an estimate deserves', () => {
    expect(timeLeftText(null)).toBe('');
    expect(timeLeftText(0)).toBe('a few seconds left');
    expect(timeLeftText(4.9)).toBe('a few seconds left');
    expect(timeLeftText(7.6)).toBe('about 10 s left');
    expect(timeLeftText(41)).toBe('about 40 s left');
    expect(timeLeftText(88)).toBe('about 90 s left');
    expect(timeLeftText(95)).toBe('about 2 min left');
    expect(timeLeftText(1800)).toBe('about 30 min left');
  });
});
