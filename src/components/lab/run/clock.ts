/**
 * The timers of the lab layer, behind one interface so that tests run the lab controller and the
 * watchdog on fake time (fakeClock.ts) instead of waiting for real seconds.
 */

/** Timers and a monotonic clock. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `run` before the next paint (requestAnimationFrame in a browser). */
  frame(run: () => void): void;
}

/** The page's timers, looked up at each call so that test runners can replace them. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  frame: (run) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else setTimeout(run, 0);
  },
};
