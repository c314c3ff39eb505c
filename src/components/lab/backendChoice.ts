/**
 * The backend the first lab's worker chose by measurement. Later labs on the page try it first
 * instead of measuring again, and wait for it (up to `BACKEND_WAIT_MS`) rather than measure at
 * the same time: on a two-core machine concurrent measurements take seconds. One per page
 * (labPage.ts).
 */
export const BACKEND_WAIT_MS = 15_000;

export class BackendChoice {
  /** The chosen backend, once the first lab's worker reported it. */
  name: string | undefined;
  /** Whether a lab is measuring (the others wait). */
  private claimed = false;
  private waiters: (() => void)[] = [];

  /** Whether a lab that asks now will wait: another lab is measuring and nothing is known. */
  get busy(): boolean {
    return this.name === undefined && this.claimed;
  }

  /** Resolves when a lab may configure: at once for the first, else once a backend is known. */
  wait(): Promise<void> {
    if (this.name !== undefined || !this.claimed) {
      this.claimed = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, BACKEND_WAIT_MS);
    });
  }

  /**
   * `wait`, and while it waits `status.waitingForBackend` is true (the lab's RunHistory) and
   * `changed` has been called: on a busy two-core machine the first lab's measurement can take
   * many seconds, and the waiting lab should say why nothing happens.
   */
  async waitSaying(status: { waitingForBackend: boolean }, changed: () => void): Promise<void> {
    if (this.busy) {
      status.waitingForBackend = true;
      changed();
    }
    await this.wait();
    status.waitingForBackend = false;
  }

  /** Records the first lab's backend (or its failure: `name` undefined) and releases the waiters. */
  decided(name: string | undefined): void {
    if (name !== undefined) this.name = name;
    else this.claimed = false;
    for (const w of this.waiters.splice(0)) w();
  }
}
