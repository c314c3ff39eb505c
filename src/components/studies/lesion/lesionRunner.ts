/**
 * A live lesion study for the lesion figure, without React: trains the plain and the residual
 * net of one seed in a sweep worker, takes each apart block by block, and collects the results
 * as they come. Cancel terminates the worker at once and keeps what is done.
 */
import type { LesionRun, LesionSpec } from '../../../model/studies/lesion/spec';
import type { SweepArm } from '../../../model/studies/degradation/spec';
import type { StudyFromWorker } from '../../../model/worker/study-protocol';
import {
  oneSeed,
  runStatusText,
  WorkerRunner,
  type Clock,
  type RunState,
  type StudyWorkerFactory,
} from '../live/workerRunner';

export interface LesionState extends RunState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  /** The seed trained (one per live study). */
  seed: number | null;
  /** The nets' depth (blocks). */
  blocks: number | null;
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
  blocks: null,
  runs: [],
  current: null,
  done: 0,
  total: 0,
  error: null,
};

export class LesionRunner extends WorkerRunner<LesionState, 'lesion'> {
  constructor(makeWorker?: StudyWorkerFactory, now?: Clock) {
    super(IDLE, makeWorker, now);
  }

  /** Trains and takes apart the nets of `spec` on its first seed. */
  start(spec: LesionSpec): void {
    const run = oneSeed(spec);
    this.begin(
      { seed: run.seed, blocks: spec.base.blocks, total: 2 },
      { type: 'lesion', spec: run.spec },
    );
  }

  protected override readonly progressOf = lesionProgress;

  protected readonly ended = { current: null };

  protected onMessage(m: StudyFromWorker<'lesion'>): void {
    this.dispatch(m, {
      'lesion-progress': ({ arm, step, steps, done, total }) =>
        this.set({ ...this.state, status: 'running', current: { arm, step, steps }, done, total }),
      // The net is taken apart: nothing is in hand until the next one trains.
      'lesion-run': ({ run, done, total }) =>
        this.set({ ...this.state, runs: [...this.state.runs, run], current: null, done, total }),
      'lesion-done': () => this.finish({ status: 'done' }),
    });
  }
}

/**
 * The share of a net's time its training takes; taking it apart takes the rest, and reports no
 * progress of its own. Measured in Chromium here: 7–18% of a net's time went to deleting blocks at
 * 8 and 16 blocks.
 */
const TRAINING_SHARE = 0.9;

/** How far a live study is, in nets (a fraction for the net in hand). */
export function lesionProgress(s: LesionState): number {
  return s.done + (s.current ? (TRAINING_SHARE * s.current.step) / s.current.steps : 0);
}

/** The status line of a live study. */
export function lesionStatusText(s: LesionState): string {
  const nets = `${s.done} of ${s.total} nets done`;
  const which = `seed ${s.seed}, ${s.blocks} blocks`;
  const c = s.current;
  return runStatusText(s, 'study', {
    running: () =>
      !c
        ? `Working · ${nets}`
        : c.step < c.steps
          ? `Training the ${c.arm} net, ${which}: step ${c.step} of ${c.steps} · ${nets}`
          : `Deleting blocks of the ${c.arm} net, ${which} · ${nets}`,
    done: () => `Done: ${which}. Your run is drawn with circles.`,
    cancelled: () => `Cancelled: ${nets}; those stay.`,
  });
}
