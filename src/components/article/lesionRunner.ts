/**
 * A live lesion study for the lesion figure, without React: trains the plain and the residual
 * net of one seed in a sweep worker, takes each apart block by block, and collects the results
 * as they come. Cancel terminates the worker at once and keeps what is done.
 */
import type { LesionRun, LesionSpec } from '../../model/lesion-spec';
import type { SweepArm } from '../../model/sweep-spec';
import type { SweepFromWorker } from '../../model/worker/sweep-protocol';
import { createSweepWorker, WorkerRunner, type SweepWorkerFactory } from './workerRunner';

export interface LesionState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  /** The seed trained (one per live study). */
  seed: number | null;
  runs: LesionRun[];
  /** The net in training and how far it is. */
  current: { arm: SweepArm; step: number; steps: number } | null;
  done: number;
  total: number;
  error: string | null;
}

const IDLE: LesionState = {
  status: 'idle',
  seed: null,
  runs: [],
  current: null,
  done: 0,
  total: 0,
  error: null,
};

export class LesionRunner extends WorkerRunner<LesionState> {
  constructor(makeWorker: SweepWorkerFactory = createSweepWorker) {
    super(IDLE, makeWorker);
  }

  /** Trains and takes apart the nets of `spec` on its first seed. */
  start(spec: LesionSpec): void {
    const seed = spec.seeds[0] ?? 1;
    this.set({ ...IDLE, status: 'starting', seed, total: 2 });
    this.launch({ type: 'lesion', spec: { ...spec, seeds: [seed] } });
  }

  protected readonly ended = { current: null };

  protected onMessage(m: SweepFromWorker): void {
    const s = this.state;
    switch (m.type) {
      case 'lesion-progress':
        this.set({
          ...s,
          status: 'running',
          current: { arm: m.arm, step: m.step, steps: m.steps },
          done: m.done,
          total: m.total,
        });
        break;
      case 'lesion-run':
        this.set({ ...s, runs: [...s.runs, m.run], done: m.done, total: m.total });
        break;
      case 'lesion-done':
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

/** The status line of a live study. */
export function lesionStatusText(s: LesionState): string {
  const nets = `${s.done} of ${s.total} nets done`;
  switch (s.status) {
    case 'idle':
      return '';
    case 'starting':
      return 'Starting the worker…';
    case 'running':
      return s.current
        ? s.current.step < s.current.steps
          ? `Training the ${s.current.arm} net, seed ${s.seed}: step ${s.current.step} of ${s.current.steps} · ${nets}`
          : `Deleting blocks of the ${s.current.arm} net, seed ${s.seed} · ${nets}`
        : `Working · ${nets}`;
    case 'done':
      return `Done: seed ${s.seed}. Your run is drawn dashed.`;
    case 'cancelled':
      return `Cancelled: ${nets}; those stay.`;
    case 'failed':
      return `The study failed: ${s.error ?? 'unknown error'}.`;
  }
}
