/**
 * One lab trains at a time. Each lab's worker competes for the same few cores (two on a small
 * laptop, fewer on a phone). The reader's Train takes the token from whichever lab holds it; a
 * lab that scrolls into view and wants to start on its own waits until the token is free. One
 * per page (labPage.ts).
 */
export class TrainingToken {
  private readonly training = new Map<symbol, () => void>();
  private readonly waiting = new Map<symbol, () => void>();
  /** Holders that give way to any lab that asks (the page's idle backend comparison). */
  private readonly yielding = new Set<symbol>();

  /** Whether some lab (or the idle comparison) is using the cores now. */
  get busy(): boolean {
    return this.training.size > 0;
  }

  /**
   * Background work `me` takes the token when it is free, and gives it up (through `stop`) to
   * the first lab that claims or requests it: no lab ever waits for it. False when it is taken.
   */
  claimYielding(me: symbol, stop: () => void): boolean {
    if (this.training.size > 0) return false;
    this.training.set(me, stop);
    this.yielding.add(me);
    return true;
  }

  /** Stops every yielding holder, so that a lab may start now. */
  private displaceYielding(): void {
    for (const me of [...this.yielding]) {
      const stop = this.training.get(me);
      this.training.delete(me);
      this.yielding.delete(me);
      stop?.();
    }
  }

  /** Lab `me` starts training: every other training lab is stopped through its `stop`. */
  claim(me: symbol, stop: () => void): void {
    this.waiting.delete(me);
    this.displaceYielding();
    const others = [...this.training].filter(([lab]) => lab !== me);
    // `me` holds the token before the others hear of it: a stopped lab that asks to go on (from
    // its `stop`) must find the token taken and wait, not start again beside `me`.
    this.training.set(me, stop);
    for (const [lab, stopOther] of others) {
      this.training.delete(lab);
      stopOther();
    }
  }

  /** Lab `me` would like to start on its own: `start` runs now if no lab trains, else later. */
  request(me: symbol, start: () => void): void {
    this.displaceYielding();
    if (this.training.size === 0 || this.training.has(me)) start();
    else this.waiting.set(me, start);
  }

  /** Lab `me` no longer wants to start on its own (it left the screen, or the reader acted). */
  cancel(me: symbol): void {
    this.waiting.delete(me);
  }

  /** Lab `me` stopped training (paused, stepped, reset or gone); a waiting lab may start. */
  release(me: symbol): void {
    this.yielding.delete(me);
    this.training.delete(me);
    this.waiting.delete(me);
    if (this.training.size > 0) return;
    const next = [...this.waiting].pop();
    if (next) {
      this.waiting.delete(next[0]);
      next[1]();
    }
  }
}
