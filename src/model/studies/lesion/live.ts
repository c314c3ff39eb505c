/**
 * The lesion study in the study worker: it trains each net of the spec it is sent and takes it
 * apart block by block, reporting training progress and each net's result as it ends.
 */
import type { SweepArm } from '../degradation/spec';
import type { LiveContext } from '../study';
import { runLesionSpec } from './run';
import { lesionNets, type LesionRun, type LesionSpec } from './spec';

/** Train each net of `spec` and take it apart block by block. */
export interface LesionJob {
  spec: LesionSpec;
}

export type LesionMessage =
  /** A lesion net is training (`step` of `steps`) or being taken apart (`step` = `steps`). */
  | {
      type: 'lesion-progress';
      arm: SweepArm;
      seed: number;
      step: number;
      steps: number;
      done: number;
      total: number;
    }
  | { type: 'lesion-run'; run: LesionRun; done: number; total: number }
  | { type: 'lesion-done'; ms: number };

export async function lesionLive(
  { spec }: LesionJob,
  ctx: LiveContext<LesionMessage>,
): Promise<void> {
  const { post } = ctx;
  const total = lesionNets(spec).length;
  let done = 0;
  await runLesionSpec(spec, {
    loadDigits: ctx.loadDigits,
    onStep: (net, step) => {
      const steps = net.config.steps;
      if (!ctx.due(step === steps - 1)) return;
      const { arm, seed } = net;
      post({ type: 'lesion-progress', arm, seed, step: step + 1, steps, done, total });
    },
    onRun: (run, d) => {
      done = d;
      post({ type: 'lesion-run', run, done: d, total });
    },
  });
  post({ type: 'lesion-done', ms: ctx.elapsed() });
}
