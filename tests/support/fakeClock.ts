/**
 * A clock for tests: time moves only when the test calls `advance`, which runs every timer that
 * falls due on the way, in order, and lets promises settle between them (the controller awaits
 * the page's backend choice before it configures). `frame` callbacks run 16 ms later.
 */
import type { Clock } from '../../src/components/lab/run/clock';

interface Timer {
  id: number;
  due: number;
  run: () => void;
}

export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, due: this.time + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    // As a browser does: window.clearTimeout converts its handle to a number, and a Symbol throws.
    if (typeof handle === 'symbol')
      throw new TypeError('Cannot convert a Symbol value to a number');
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  frame(run: () => void): void {
    this.setTimeout(run, 16);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms`, running the timers that fall due, earliest (then oldest) first. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const next = this.timers
        .filter((t) => t.due <= end)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.due;
      next.run();
      await settle();
    }
    this.time = end;
  }
}

/** Lets pending promise callbacks run (a few rounds, for chains of awaits). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
