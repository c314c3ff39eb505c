/**
 * One lab trains at a time. Each lab's worker competes for the same few cores (two on a small
 * laptop, fewer on a phone). The reader's Train takes the token from whichever lab holds it; a
 * lab that scrolls into view and wants to start on its own waits until the token is free. One
 * per page (labPage.ts).
 */
export class TrainingToken {
  private readonly training = new Map<symbol, () => void>();
  private readonly waiting = new Map<symbol, () => void>();

  /** Lab `me` starts training: every other training lab is stopped through its `stop`. */
  claim(me: symbol, stop: () => void): void {
    this.waiting.delete(me);
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
    if (this.training.size === 0 || this.training.has(me)) start();
    else this.waiting.set(me, start);
  }

  /** Lab `me` no longer wants to start on its own (it left the screen, or the reader acted). */
  cancel(me: symbol): void {
    this.waiting.delete(me);
  }

  /** Lab `me` stopped training (paused, stepped, reset or gone); a waiting lab may start. */
  release(me: symbol): void {
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
