/**
 * The path-length study in the study worker: for each net of the spec it is sent, it measures
 * the gradient by path length before and after training, reporting each phase's progress and
 * each net's result as it ends.
 */
import type { LiveContext } from '../study';
import { runPathsSpec, type PathsPhase } from './run';
import { pathsSeeds, type PathsRun, type PathsSpec } from './spec';

/** Measure gradient by path length for each net of `spec`, before and after training. */
export interface PathsJob {
  spec: PathsSpec;
}

export type PathsMessage =
  /** The study of seed `seed` is in `progress`; `done` seeds finished of `total`. */
  | {
      type: 'paths-progress';
      seed: number;
      branchScale: number;
      progress: PathsPhase;
      done: number;
      total: number;
    }
  | { type: 'paths-run'; run: PathsRun; done: number; total: number }
  | { type: 'paths-done'; ms: number };

export async function pathsLive({ spec }: PathsJob, ctx: LiveContext<PathsMessage>): Promise<void> {
  const { post } = ctx;
  const total = pathsSeeds(spec).length * spec.branchScales.length;
  let done = 0;
  await runPathsSpec(spec, {
    loadDigits: ctx.loadDigits,
    onProgress: ({ seed, branchScale }, progress) => {
      const end =
        progress.phase === 'training'
          ? progress.step === progress.steps
          : progress.done === progress.total;
      if (!ctx.due(end)) return;
      post({ type: 'paths-progress', seed, branchScale, progress, done, total });
    },
    onRun: (run, d) => {
      done = d;
      post({ type: 'paths-run', run, done: d, total });
    },
  });
  post({ type: 'paths-done', ms: ctx.elapsed() });
}
