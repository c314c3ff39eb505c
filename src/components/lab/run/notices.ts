/**
 * A lab's notices to its listeners (React renders), throttled: at most one per RENDER_INTERVAL_MS
 * however many worker messages arrive, each before a paint, and a version that bumps with each.
 * A step 0 skips the wait (it is what the reader waits for after a change).
 */
import type { Clock } from './clock';

/** Minimum milliseconds between two notices to listeners (renders) caused by worker messages. */
export const RENDER_INTERVAL_MS = 100;

const FRAME_QUEUED = Symbol('frame queued');

export class Notices {
  private readonly listeners = new Set<() => void>();
  private count = 0;
  /** The timer of the notice on its way, FRAME_QUEUED once it waits only for a frame, or null. */
  private pending: unknown = null;
  private last = -Infinity;

  constructor(private readonly clock: Clock) {}

  /** Bumps with every notice. */
  get version(): number {
    return this.count;
  }

  /** Adds a listener; returns its removal. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A notice once the render interval since the last has passed (one already on its way stays). */
  readonly schedule = (): void => {
    if (this.pending !== null) return;
    const wait = Math.max(0, RENDER_INTERVAL_MS - (this.clock.now() - this.last));
    this.pending = this.clock.setTimeout(() => this.clock.frame(this.flush), wait);
  };

  /** A notice at the next frame, without waiting out the throttle. */
  atNextFrame(): void {
    this.cancel();
    // Marks the notice as on its way; `flush` clears the mark (there is no timer left to cancel).
    this.pending = FRAME_QUEUED;
    this.clock.frame(this.flush);
  }

  /** Drops a notice waiting for its timer (one queued for a frame still comes). */
  cancel(): void {
    if (this.pending !== null && this.pending !== FRAME_QUEUED)
      this.clock.clearTimeout(this.pending);
    this.pending = null;
  }

  private readonly flush = (): void => {
    this.pending = null;
    this.last = this.clock.now();
    this.count += 1;
    for (const listener of [...this.listeners]) listener();
  };
}
