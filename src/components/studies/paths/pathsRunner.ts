/**
 * A live path-length study for the path-length figure, without React: measures one net (a seed at
 * a branch scale) in a sweep worker before training, trains it, and measures it again. Cancel
 * terminates the worker at once.
 */
import type { PathsPhase } from '../../../model/studies/paths/run';
import type { PathsRun, PathsSpec } from '../../../model/studies/paths/spec';
import type { StudyFromWorker } from '../../../model/worker/study-protocol';
import {
  oneSeed,
  runStatusText,
  WorkerRunner,
  type Clock,
  type RunState,
  type StudyWorkerFactory,
} from '../live/workerRunner';

export interface PathsState extends RunState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  seed: number | null;
  branchScale: number | null;
  /** The net's depth (blocks). */
  blocks: number | null;
  run: PathsRun | null;
  /** What the worker is doing now. */
  progress: PathsPhase | null;
  error: string | null;
}

const IDLE: PathsState = {
  status: 'idle',
  seed: null,
  branchScale: null,
  blocks: null,
  run: null,
  progress: null,
  error: null,
};

export class PathsRunner extends WorkerRunner<PathsState, 'paths'> {
  constructor(makeWorker?: StudyWorkerFactory, now?: Clock) {
    super(IDLE, makeWorker, now);
  }

  protected override readonly progressOf = (s: PathsState) => pathsProgress(s.progress);

  /**
   * Measures, trains and measures again the net of `spec` on its first seed at its first branch
   * scale, and nothing else (no held-out seed).
   */
  start(spec: PathsSpec): void {
    const { seed, spec: one } = oneSeed(spec);
    const branchScale = spec.branchScales[0] ?? spec.base.branchScale;
    this.begin(
      { seed, branchScale, blocks: spec.base.blocks },
      { type: 'paths', spec: { ...one, heldOutSeeds: [], branchScales: [branchScale] } },
    );
  }

  protected readonly ended = { progress: null };

  protected onMessage(m: StudyFromWorker<'paths'>): void {
    this.dispatch(m, {
      'paths-progress': ({ progress }) => this.set({ ...this.state, status: 'running', progress }),
      'paths-run': ({ run }) => this.set({ ...this.state, run }),
      'paths-done': () => this.finish({ status: 'done' }),
    });
  }
}

/**
 * The shares of a live study's time its phases take: measuring before training, training, and
 * measuring after. Measured in Chromium here at 8, 24 and 32 blocks: training took 70–80% of the
 * time, each measurement about a tenth.
 */
const PHASE_SHARE = { init: 0.1, training: 0.8, trained: 0.1 } as const;

/** How far a live study is, from 0 to 1 (PHASE_SHARE). */
export function pathsProgress(p: PathsPhase | null): number {
  if (!p) return 0;
  const { init, training, trained } = PHASE_SHARE;
  if (p.phase === 'training') return init + (training * p.step) / p.steps;
  return p.phase === 'init'
    ? (init * p.done) / p.total
    : init + training + (trained * p.done) / p.total;
}

/**
 * What a measurement is doing, from its progress: a net of n blocks reports 2n + 1 steps, the
 * exact pass block by block, then the sampled paths length by length (pathGradientSteps).
 */
function measuring(done: number, total: number): string {
  const n = (total - 1) / 2;
  return done <= n
    ? `exact sums, block ${done} of ${n}`
    : `sampled paths, length ${done - n - 1} of ${n}`;
}

/** The status line of a live study. */
export function pathsStatusText(s: PathsState): string {
  const p = s.progress;
  const net = `seed ${s.seed}, ${s.blocks} blocks, branch scale ${s.branchScale}`;
  return runStatusText(s, 'study', {
    running: () =>
      !p
        ? 'Working…'
        : p.phase === 'training'
          ? `Training the net (${net}): step ${p.step} of ${p.steps}`
          : `Measuring the paths ${p.phase === 'init' ? 'at initialisation' : 'after training'} (${net}): ${measuring(p.done, p.total)}`,
    done: () => `Done: ${net}. Your run is drawn with circles.`,
    cancelled: () => 'Cancelled.',
  });
}
