/**
 * A bounded series over steps: once it holds `cap` rows it drops every other row and from then
 * on keeps only every `stride`-th step, so long runs keep an evenly spaced, bounded history.
 */
export class Thinned<T> {
  steps: number[] = [];
  rows: T[] = [];
  stride = 1;

  constructor(private readonly cap: number) {}

  /** Adds the row of `step` unless the current stride skips it. */
  push(step: number, row: T): void {
    if (step % this.stride !== 0) return;
    this.steps.push(step);
    this.rows.push(row);
    if (this.rows.length > this.cap) {
      this.stride *= 2;
      const keep = this.steps.map((s, i) => (s % this.stride === 0 ? i : -1)).filter((i) => i >= 0);
      this.steps = keep.map((i) => this.steps[i]!);
      this.rows = keep.map((i) => this.rows[i]!);
    }
  }

  /** A copy that grows on its own (the rows themselves are shared: nothing changes a row). */
  clone(): Thinned<T> {
    const out = new Thinned<T>(this.cap);
    out.steps = [...this.steps];
    out.rows = [...this.rows];
    out.stride = this.stride;
    return out;
  }

  get length(): number {
    return this.rows.length;
  }
}
