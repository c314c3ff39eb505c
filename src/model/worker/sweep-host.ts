/**
 * The sweep worker's logic, free of `self` so that it runs in Node tests: it trains the sweep it
 * is sent (runSweep, src/model/sweep.ts) and reports progress at most every `progressMs`, each
 * point as its run ends, and the end. See sweep-protocol.ts.
 */
import type { DigitsLoader } from '../data';
import { runSweep } from '../sweep';
import { sweepRuns } from '../sweep-spec';
import type { SweepFromWorker, SweepToWorker } from './sweep-protocol';

export interface SweepHostDeps {
  post(m: SweepFromWorker): void;
  /** Makes the backend ready and returns its name. */
  prepare(): Promise<string>;
  loadDigits?: DigitsLoader;
  now?(): number;
  /** Least milliseconds between two progress messages (the last step of a run always reports). */
  progressMs?: number;
}

export class SweepHost {
  private busy = false;

  constructor(private readonly deps: SweepHostDeps) {}

  /** Starts the sweep of `m`; a second sweep while one runs is refused with an error message. */
  async handle(m: SweepToWorker): Promise<void> {
    const { post } = this.deps;
    if (this.busy) {
      post({ type: 'sweep-error', message: 'a sweep is already running in this worker' });
      return;
    }
    this.busy = true;
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const started = now();
    try {
      const backend = await this.deps.prepare();
      const total = sweepRuns(m.spec).length;
      post({ type: 'sweep-started', backend, total });
      let done = 0;
      let last = -Infinity;
      await runSweep(m.spec, {
        loadDigits: this.deps.loadDigits,
        onStep: (run, step) => {
          const t = now();
          const end = step === run.config.steps - 1;
          if (t - last < every && !end) return;
          last = t;
          const { arm, blocks, seed } = run;
          post({
            type: 'sweep-progress',
            arm,
            blocks,
            seed,
            step: step + 1,
            steps: run.config.steps,
            done,
            total,
          });
        },
        onPoint: (point, d) => {
          done = d;
          post({ type: 'sweep-point', point, done: d, total });
        },
      });
      post({ type: 'sweep-done', ms: now() - started });
    } catch (e) {
      post({ type: 'sweep-error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.busy = false;
    }
  }
}
