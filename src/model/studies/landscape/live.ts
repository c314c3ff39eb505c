/**
 * The loss landscape in the study worker: it trains each net of the spec it is sent to the
 * spec's target loss and slices the loss on a plane through its weights with each kind of
 * batch-norm statistics, reporting training and slicing progress and each slice as it ends.
 */
import type { SweepArm } from '../degradation/spec';
import type { LiveContext } from '../study';
import { runLandscapeSpec } from './run';
import {
  landscapeNets,
  type BnStatistics,
  type LandscapeNet,
  type LandscapeRun,
  type LandscapeSpec,
} from './spec';

/** Train each net of `spec` and measure the loss on a plane through its weights. */
export interface LandscapeJob {
  spec: LandscapeSpec;
}

export type LandscapeMessage =
  /**
   * A landscape net is training (`statistics` null, `done` of at most `total` steps: it stops at
   * its spec's target loss) or being sliced with `statistics` (`done` of `total` grid points);
   * `slices` of `slicesTotal` finished.
   */
  | {
      type: 'landscape-progress';
      arm: SweepArm;
      blocks: number;
      seed: number;
      statistics: BnStatistics | null;
      done: number;
      total: number;
      slices: number;
      slicesTotal: number;
    }
  | { type: 'landscape-run'; run: LandscapeRun; done: number; total: number }
  | { type: 'landscape-done'; ms: number };

export async function landscapeLive(
  { spec }: LandscapeJob,
  ctx: LiveContext<LandscapeMessage>,
): Promise<void> {
  const { post } = ctx;
  const slicesTotal = landscapeNets(spec).length * spec.bnStatistics.length;
  let slices = 0;
  const report = (
    { arm, blocks, seed }: LandscapeNet,
    statistics: BnStatistics | null,
    done: number,
    total: number,
    final: boolean,
  ) => {
    if (!ctx.due(final)) return;
    post({
      type: 'landscape-progress',
      ...{ arm, blocks, seed, statistics, done, total, slices, slicesTotal },
    });
  };
  await runLandscapeSpec(spec, {
    loadDigits: ctx.loadDigits,
    // Training stops at the rule's target, often before the most steps it may take.
    onStep: (net, step) => report(net, null, step, net.config.steps, step === 1),
    onSlice: (net, statistics, done, total) => report(net, statistics, done, total, done === total),
    onRun: (run, done, total) => {
      slices = done;
      post({ type: 'landscape-run', run, done, total });
    },
  });
  post({ type: 'landscape-done', ms: ctx.elapsed() });
}
