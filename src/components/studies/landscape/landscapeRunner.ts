/**
 * A live loss-landscape run for its figure, without React: trains the plain and the residual net
 * of one seed and one depth in a sweep worker, each until the spec's target loss, and slices the
 * loss on a plane through each with every kind of batch-norm statistics the spec names, collecting
 * the slices as they come. Cancel terminates the worker at once and keeps what is done.
 */
import type {
  BnStatistics,
  LandscapeRun,
  LandscapeSpec,
} from '../../../model/studies/landscape/spec';
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

export interface LandscapeState extends RunState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  seed: number | null;
  /** The depth run (blocks). */
  blocks: number | null;
  runs: LandscapeRun[];
  /**
   * The net in hand: training (`statistics` null, `done` steps of at most `total`) or being sliced
   * with `statistics` (`done` of `total` points).
   */
  current: {
    arm: SweepArm;
    statistics: BnStatistics | null;
    done: number;
    total: number;
  } | null;
  slices: number;
  slicesTotal: number;
  error: string | null;
}

const IDLE: LandscapeState = {
  status: 'idle',
  seed: null,
  blocks: null,
  runs: [],
  current: null,
  slices: 0,
  slicesTotal: 0,
  error: null,
};

export class LandscapeRunner extends WorkerRunner<LandscapeState, 'landscape'> {
  constructor(makeWorker?: StudyWorkerFactory, now?: Clock) {
    super(IDLE, makeWorker, now);
  }

  protected override readonly progressOf = landscapeProgress;

  /**
   * Trains and slices the nets of `spec` on its first seed and its first depth (held-out seeds
   * are the sweep's, not the reader's).
   */
  start(spec: LandscapeSpec): void {
    const run = oneSeed(spec);
    const blocks = spec.depths[0] ?? 16;
    this.begin(
      { seed: run.seed, blocks, slicesTotal: 2 * spec.bnStatistics.length },
      {
        type: 'landscape',
        spec: { ...run.spec, depths: [blocks], heldOutSeeds: [] },
      },
    );
  }

  protected readonly ended = { current: null };

  protected onMessage(m: StudyFromWorker<'landscape'>): void {
    this.dispatch(m, {
      'landscape-progress': ({ arm, statistics, done, total, slices, slicesTotal }) =>
        this.set({
          ...this.state,
          status: 'running',
          current: { arm, statistics, done, total },
          slices,
          slicesTotal,
        }),
      'landscape-run': ({ run, done, total }) =>
        this.set({
          ...this.state,
          runs: [...this.state.runs, run],
          slices: done,
          slicesTotal: total,
        }),
      'landscape-done': () => this.finish({ status: 'done' }),
    });
  }
}

/**
 * How far a live run is, in slices. A net's training counts as one slice's worth of work before
 * its first slice (steps of the most it may take: it usually stops sooner, at its target).
 */
export function landscapeProgress(s: LandscapeState): number {
  const c = s.current;
  if (!c) return s.slices;
  return s.slices + c.done / Math.max(1, c.total);
}

/** The words for a kind of statistics, as the figure's control names them. */
export const statisticsWords: Record<BnStatistics, string> = {
  frozen: 'frozen at the trained net',
  recomputed: 'recomputed at each point',
};

/** The status line of a live run. */
export function landscapeStatusText(s: LandscapeState): string {
  const slices = `${s.slices} of ${s.slicesTotal} slices done`;
  const c = s.current;
  const which = `seed ${s.seed}, ${s.blocks} blocks`;
  return runStatusText(s, 'run', {
    running: () =>
      !c
        ? `Working · ${slices}`
        : c.statistics === null
          ? `Training the ${c.arm} net, ${which}: step ${c.done} (at most ${c.total}) · ${slices}`
          : `Slicing the ${c.arm} net's landscape, ${which}, statistics ${statisticsWords[c.statistics]}: ${c.done} of ${c.total} points · ${slices}`,
    done: () => `Done: ${which}. Your slices are framed, below any precomputed ones.`,
    cancelled: () => `Cancelled: ${slices}; those stay.`,
  });
}
