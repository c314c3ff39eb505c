/**
 * A live shattered-gradients measurement for its figure, without React: builds one seed's plain
 * and residual nets at every depth in a sweep worker and measures their gradient along the line,
 * keeping the whole gradient at the depth the reader picked. Cancel terminates the worker.
 */
import type { ShatteredRun, ShatteredSpec } from '../../model/shattered-spec';
import type { SweepFromWorker } from '../../model/worker/sweep-protocol';
import { createSweepWorker, WorkerRunner, type SweepWorkerFactory } from './workerRunner';

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
  constructor(makeWorker: SweepWorkerFactory = createSweepWorker) {
    super(IDLE, makeWorker);
  }

  /** Measures every depth of `spec` on `seed`, keeping the whole gradient at `depth`. */
  start(spec: ShatteredSpec, seed: number, depth: number): void {
    this.set({ ...IDLE, status: 'starting', seed, depth });
    this.launch({ type: 'shattered', spec: { ...spec, seeds: [seed], traceDepths: [depth] } });
  }

  protected readonly ended = {};

  protected onMessage(m: SweepFromWorker): void {
    switch (m.type) {
      case 'shattered-progress':
        this.set({ ...this.state, status: 'running', done: m.done, total: m.total });
        break;
      case 'shattered-done':
        this.set({ ...this.state, runs: m.runs });
        this.finish({ status: 'done' });
        break;
      case 'sweep-error':
        this.fail(m.message);
        break;
      default:
        break;
    }
  }
}

/** The status line of a live measurement. */
export function shatteredStatusText(s: ShatteredState): string {
  switch (s.status) {
    case 'idle':
      return '';
    case 'starting':
      return 'Starting the worker…';
    case 'running':
      return `Measuring seed ${s.seed}: ${s.done} of ${s.total} nets`;
    case 'done':
      return `Done: seed ${s.seed}, whole gradient at ${s.depth} block${s.depth === 1 ? '' : 's'}. Your run is drawn hollow and dashed.`;
    case 'cancelled':
      return 'Cancelled.';
    case 'failed':
      return `The measurement failed: ${s.error ?? 'unknown error'}.`;
  }
}
