/**
 * A live shattered-gradients measurement for its figure, without React: builds one seed's plain
 * and residual nets at every depth in a sweep worker and measures their gradient along the line,
 * keeping the whole gradient at the depth the reader picked. Cancel terminates the worker.
 */
import type { ShatteredRun, ShatteredSpec } from '../../model/shattered-spec';
import type { SweepFromWorker } from '../../model/worker/sweep-protocol';
import { oneSeed, runStatusText, WorkerRunner, type SweepWorkerFactory } from './workerRunner';

export interface ShatteredState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  seed: number | null;
  /** The depth whose whole gradient the run keeps. */
  depth: number | null;
  runs: ShatteredRun[];
  done: number;
  total: number;
  error: string | null;
}

const IDLE: ShatteredState = {
  status: 'idle',
  seed: null,
  depth: null,
  runs: [],
  done: 0,
  total: 0,
  error: null,
};

export class ShatteredRunner extends WorkerRunner<ShatteredState> {
  constructor(makeWorker?: SweepWorkerFactory) {
    super(IDLE, makeWorker);
  }

  /**
   * Measures every depth of `spec` on its first seed, keeping the whole gradient at its first trace
   * depth (the one the reader picked), as the other runners run their spec's first seed.
   */
  start(spec: ShatteredSpec): void {
    const run = oneSeed(spec);
    const traceDepths = spec.traceDepths.slice(0, 1);
    const depth = traceDepths[0] ?? null;
    this.begin(
      { seed: run.seed, depth },
      { type: 'shattered', spec: { ...run.spec, traceDepths } },
    );
  }

  protected readonly ended = {};

  protected onMessage(m: SweepFromWorker): void {
    this.dispatch(m, {
      'shattered-progress': ({ done, total }) =>
        this.set({ ...this.state, status: 'running', done, total }),
      'shattered-done': ({ runs }) => {
        this.set({ ...this.state, runs });
        this.finish({ status: 'done' });
      },
    });
  }
}

/** The status line of a live measurement. */
export function shatteredStatusText(s: ShatteredState): string {
  return runStatusText(s, 'measurement', {
    running: () => `Measuring seed ${s.seed}: ${s.done} of ${s.total} nets`,
    done: () =>
      `Done: seed ${s.seed}, whole gradient at ${s.depth} block${s.depth === 1 ? '' : 's'}. Your run is drawn hollow and dashed.`,
    cancelled: () => 'Cancelled.',
  });
}
