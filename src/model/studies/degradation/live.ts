/**
 * The degradation sweep in the study worker (the figure's "Run it yourself"): it trains the sweep
 * it is sent and reports the backend and the number of runs, progress at most every `progressMs`,
 * each point as its run ends, and the end.
 */
import type { LiveContext } from '../study';
import { runSweep } from './run';
import { sweepRuns, type SweepArm, type SweepPoint, type SweepSpec } from './spec';

export interface DegradationJob {
  spec: SweepSpec;
}

export type DegradationMessage =
  /** The backend is ready and the first run starts. */
  | { type: 'degradation-started'; backend: string; total: number }
  /** A run is training: `step` of `steps` done; `done` runs finished of `total`. */
  | {
      type: 'degradation-progress';
      arm: SweepArm;
      blocks: number;
      seed: number;
      step: number;
      steps: number;
      done: number;
      total: number;
    }
  | { type: 'degradation-point'; point: SweepPoint; done: number; total: number }
  | { type: 'degradation-done'; ms: number };

export async function degradationLive(
  { spec }: DegradationJob,
  ctx: LiveContext<DegradationMessage>,
): Promise<void> {
  const { post } = ctx;
  const total = sweepRuns(spec).length;
  post({ type: 'degradation-started', backend: ctx.backend, total });
  let done = 0;
  await runSweep(spec, {
    loadDigits: ctx.loadDigits,
    onStep: (run, step) => {
      const steps = run.config.steps;
      if (!ctx.due(step === steps - 1)) return;
      const { arm, blocks, seed } = run;
      post({ type: 'degradation-progress', arm, blocks, seed, step: step + 1, steps, done, total });
    },
    onPoint: (point, d) => {
      done = d;
      post({ type: 'degradation-point', point, done: d, total });
    },
  });
  post({ type: 'degradation-done', ms: ctx.elapsed() });
}
