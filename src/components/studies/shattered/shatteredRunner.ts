/**
 * A live shattered-gradients measurement for its figure, without React: builds one seed's plain
 * nets and residual nets (at the branch scales the reader picked) at every depth in a sweep
 * worker and measures their gradient along the line, keeping the whole gradient at the depth the
 * reader picked. Cancel terminates the worker.
 */
import type { ShatteredRun, ShatteredSpec } from '../../../model/studies/shattered/spec';
import type { StudyFromWorker } from '../../../model/worker/study-protocol';
import {
  oneSeed,
  runStatusText,
  WorkerRunner,
  type Clock,
  type RunState,
  type StudyWorkerFactory,
} from '../live/workerRunner';

export interface ShatteredState extends RunState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  seed: number | null;
  /** The depth whose whole gradient the run keeps. */
  depth: number | null;
  /** The residual nets' branch scales the run measures. */
  branchScales: readonly number[];
  /** The depths it measures each arm at, shallow to deep (the order the worker builds them in). */
  depths: readonly number[];
  runs: ShatteredRun[];
  done: number;
  total: number;
  error: string | null;
}

const IDLE: ShatteredState = {
  status: 'idle',
  seed: null,
  depth: null,
  branchScales: [],
  depths: [],
  runs: [],
  done: 0,
  total: 0,
  error: null,
};

export class ShatteredRunner extends WorkerRunner<ShatteredState, 'shattered'> {
  constructor(makeWorker?: StudyWorkerFactory, now?: Clock) {
    super(IDLE, makeWorker, now);
  }

  protected override readonly progressOf = shatteredProgress;

  /**
   * Measures every depth of `spec` on its first seed (no held-out seeds), keeping the whole
   * gradient at its first trace depth (the one the reader picked), as the other runners run
   * their spec's first seed.
   */
  start(spec: ShatteredSpec): void {
    const run = oneSeed(spec);
    const traceDepths = spec.traceDepths.slice(0, 1);
    const depth = traceDepths[0] ?? null;
    this.begin(
      { seed: run.seed, depth, branchScales: spec.branchScales, depths: spec.depths },
      { type: 'shattered', spec: { ...run.spec, heldOutSeeds: [], traceDepths } },
    );
  }

  protected readonly ended = {};

  protected onMessage(m: StudyFromWorker<'shattered'>): void {
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

/**
 * How far a live measurement is, from 0 to 1, its nets weighted by their cost: a net of d blocks
 * takes about d + 1 blocks' time (a block's work, and the line's points and the head besides).
 * The worker builds each arm's nets shallow to deep (shatteredNets), so that the deep nets come
 * last in every arm: counting nets alone, a third of the work would look done in a few seconds.
 */
export function shatteredProgress(s: ShatteredState): number {
  const { depths } = s;
  if (!depths.length || !s.total) return 0;
  const cost = (i: number) => depths[i % depths.length]! + 1;
  let done = 0;
  let all = 0;
  for (let i = 0; i < s.total; i++) {
    all += cost(i);
    if (i < s.done) done += cost(i);
  }
  return done / all;
}

/** "×1 and ×0.25". */
export const scalesText = (scales: readonly number[]) => scales.map((s) => `×${s}`).join(' and ');

/** The status line of a live measurement. */
export function shatteredStatusText(s: ShatteredState): string {
  return runStatusText(s, 'measurement', {
    running: () => `Measuring seed ${s.seed}: ${s.done} of ${s.total} nets`,
    done: () =>
      `Done: seed ${s.seed}, residual branches ${scalesText(s.branchScales)}, whole gradient at ` +
      `${s.depth} block${s.depth === 1 ? '' : 's'}. Your run is drawn with circles.`,
    cancelled: () => 'Cancelled.',
  });
}
