/**
 * How long a live run has left, in words, from the time its steps took in the reader's own
 * browser: no guess from another machine, and nothing until two steps have been timed (one step
 * is too noisy to extrapolate from). Pure, so that tests give it numbers instead of a clock.
 */

/**
 * "about 40 s left" or "about 3 min left" after `stepsDone` of `steps` steps took `elapsedMs`
 * together; "" before 2 steps and once no step is left. Seconds are rounded to 5 above 10 s, and
 * from 90 s on the time is in whole minutes, so that the line does not flicker with each step.
 */
export function timeLeftText(stepsDone: number, steps: number, elapsedMs: number): string {
  if (stepsDone < 2 || stepsDone >= steps || !(elapsedMs > 0)) return '';
  const seconds = ((steps - stepsDone) * elapsedMs) / stepsDone / 1000;
  if (seconds < 10) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 60) return `about ${Math.min(55, 5 * Math.round(seconds / 5))} s left`;
  if (seconds < 90) return 'about 1 min left';
  return `about ${Math.round(seconds / 60)} min left`;
}
