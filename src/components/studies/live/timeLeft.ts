/**
 * How long a live run has left, in words, from the pace it keeps in the reader's own browser: no
 * guess from another machine, and nothing until the pace has been measured. Machines differ by
 * more than ten times, so the figures promise no duration before a run. Two ways in, one way of
 * saying it (timeLeftWords):
 * - a run of equal steps (the thousand-layer pair) times its steps (timeLeftText);
 * - a run of unequal phases (training, then measuring) notes when its progress was first and
 *   last reported, in its progress bar's units (a RunClock, kept by WorkerRunner), and the time
 *   left is the work left at the pace between the two (secondsLeft). The first report comes once
 *   the worker has loaded tfjs and started work, so loading does not count.
 * Pure, so that tests give it numbers instead of a clock.
 */

/**
 * `seconds` in words: "about 4 s left" under 10 s, "about 40 s left" (to 5 s) under a minute,
 * "about 1 min left" under 90 s, then whole minutes, so that the line does not flicker with each
 * report; nothing without an estimate, or with nothing left.
 */
export function timeLeftWords(seconds: number | null, { atMost = false } = {}): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return '';
  // "at most" where the work left is a cap the run usually stops short of (a net trained to a
  // target loss within a step limit).
  const about = atMost ? 'at most' : 'about';
  if (seconds < 10) return `${about} ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 60) return `${about} ${Math.min(55, 5 * Math.round(seconds / 5))} s left`;
  if (seconds < 90) return `${about} 1 min left`;
  return `${about} ${Math.round(seconds / 60)} min left`;
}

/**
 * "about 40 s left" or "about 3 min left" after `stepsDone` of `steps` steps took `elapsedMs`
 * together; "" before 2 steps (one step is too noisy to extrapolate from) and once no step is
 * left.
 */
export function timeLeftText(stepsDone: number, steps: number, elapsedMs: number): string {
  if (stepsDone < 2 || stepsDone >= steps || !(elapsedMs > 0)) return '';
  return timeLeftWords(((steps - stepsDone) * elapsedMs) / stepsDone / 1000);
}

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
