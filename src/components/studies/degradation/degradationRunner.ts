/**
 * A live sweep for a figure, without React: starts a sweep worker (study.worker.ts), collects the
 * points as they arrive, says which run is training and estimates the time left; Cancel
 * terminates the worker at once and keeps the points so far. Listeners hear of every change.
 */
import {
  sweepRuns,
  type SweepArm,
  type SweepPoint,
  type SweepSpec,
} from '../../../model/studies/degradation/spec';
import type { StudyFromWorker } from '../../../model/worker/study-protocol';
import { createStudyWorker, WorkerRunner, type StudyWorkerFactory } from '../live/workerRunner';

export type { StudyWorker, StudyWorkerFactory } from '../live/workerRunner';

export interface SweepState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  points: SweepPoint[];
  /** The run in training and how far it is. */
  current: { arm: SweepArm; blocks: number; seed: number; step: number; steps: number } | null;
  /** Runs finished, of all. */
  done: number;
  total: number;
  /** Share of the work done, 0–1, counting a run's cost as blocks × steps. */
  fraction: number;
  /** Estimated seconds left, once there is something to estimate from. */
  secondsLeft: number | null;
  backend: string | null;
  error: string | null;
  /** The spec of the points shown. */
  spec: SweepSpec | null;
}

const IDLE: SweepState = {
  status: 'idle',
  points: [],
  current: null,
  done: 0,
  total: 0,
  fraction: 0,
  secondsLeft: null,
  backend: null,
  error: null,
  spec: null,
};

/** Relative cost of one run: its weight layers times its steps, plus a fixed part. */
const cost = (blocks: number, steps: number) => (2 * blocks + 4) * steps;

export class SweepRunner extends WorkerRunner<SweepState, 'degradation'> {
  private startedAt = 0;
  private costTotal = 0;
  private costDone = 0;

  constructor(
    makeWorker: StudyWorkerFactory = createStudyWorker,
    private readonly now: () => number = () => performance.now(),
  ) {
    super(IDLE, makeWorker);
  }

  /** Starts `spec` in a new worker (a running sweep is cancelled first). */
  start(spec: SweepSpec): void {
    this.startedAt = this.now();
    const runs = sweepRuns(spec);
    this.costTotal = runs.reduce((sum, r) => sum + cost(r.blocks, r.config.steps), 0);
    this.costDone = 0;
    this.set({ ...IDLE, status: 'starting', total: runs.length, spec });
    this.launch({ type: 'degradation', spec });
  }

  protected readonly ended = { current: null, secondsLeft: null };

  protected onMessage(m: StudyFromWorker<'degradation'>): void {
    const s = this.state;
    switch (m.type) {
      case 'degradation-started':
        this.set({ ...s, status: 'running', backend: m.backend, total: m.total });
        break;
      case 'degradation-progress': {
        const { arm, blocks, seed, step, steps } = m;
        this.set({
          ...s,
          current: { arm, blocks, seed, step, steps },
          done: m.done,
          ...this.progress(this.costDone + cost(blocks, step)),
        });
        break;
      }
      case 'degradation-point':
        this.costDone += cost(m.point.blocks, s.spec?.base.steps ?? 0);
        this.set({
          ...s,
          points: [...s.points, m.point],
          done: m.done,
          ...this.progress(this.costDone),
        });
        break;
      case 'degradation-done':
        this.finish({ status: 'done', fraction: 1 });
        break;
      case 'study-error':
        this.fail(m.message);
        break;
    }
  }

  private progress(costDone: number): Pick<SweepState, 'fraction' | 'secondsLeft'> {
    const fraction = this.costTotal > 0 ? Math.min(1, costDone / this.costTotal) : 0;
    const elapsed = (this.now() - this.startedAt) / 1000;
    // Too early to say after a sliver of the work: the first steps include start-up.
    const secondsLeft = fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null;
    return { fraction, secondsLeft };
  }
}
