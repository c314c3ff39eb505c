/**
 * How long a live run has left, from the pace it keeps in the reader's own browser: the runner
 * notes when its progress was first reported and when last (a RunClock), and the time left is
 * the work left at the pace between the two. The first report comes once the worker has loaded
 * tfjs and started work, so loading does not count. Machines differ by more than ten times, so
 * the figures promise no duration before a run; once it has run a little, they say this.
 */

/** How far a run was (in its progress bar's units) at a time (ms, any clock). */
export interface ProgressSample {
  ms: number;
  value: number;
}

/** A run's first and latest progress reports. */
export interface RunClock {
  first: ProgressSample;
  last: ProgressSample;
}

/** Least time measured before the pace is trusted, ms: the first steps include warm-up. */
export const LEAST_MEASURED_MS = 1500;

/** `clock` with `sample` as its latest report (its first when there is no clock yet). */
export function tick(clock: RunClock | null | undefined, sample: ProgressSample): RunClock {
  return clock ? { first: clock.first, last: sample } : { first: sample, last: sample };
}

/**
 * Seconds left to reach `max` at the pace between the clock's first and latest reports; null
 * until LEAST_MEASURED_MS have passed with some progress.
 */
export function secondsLeft(clock: RunClock | null | undefined, max: number): number | null {
  if (!clock) return null;
  const ms = clock.last.ms - clock.first.ms;
  const made = clock.last.value - clock.first.value;
  if (ms < LEAST_MEASURED_MS || !(made > 0)) return null;
  const left = Math.max(0, max - clock.last.value);
  return (left * ms) / made / 1000;
}

/**
 * `seconds` in words, rounded as far as such an estimate deserves: "a few seconds left" under
 * 5 s, "about 40 s left" (to 5 s) under 90 s, then "about 3 min left"; nothing without one.
 */
export function timeLeftText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 90) return `about ${5 * Math.round(seconds / 5)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
