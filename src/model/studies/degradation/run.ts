/**
 * Trains a depth sweep (what it is: sweep-spec.ts) run by run: `npm run sweep`, the sweep worker
 * of the degradation figure's "Run it yourself" and the tests use it.
 */
import type { DigitsLoader } from '../../engine/data';
import { runExperiment } from '../../engine/experiment';
import {
  sweepRuns,
  type SweepPoint,
  type SweepResult,
  type SweepRun,
  type SweepSpec,
} from './spec';

/** Options of `runSweep`. */
export interface SweepOptions {
  loadDigits?: DigitsLoader;
  /** Called after each run with its point and how many runs are done of how many. */
  onPoint?: (point: SweepPoint, done: number, total: number) => void;
  /** Called after each step of each run (for a progress bar within a slow run). */
  onStep?: (run: SweepRun, step: number) => void;
  /** Checked between steps: once true, the sweep stops and returns what it has. */
  cancelled?: () => boolean;
}

class Cancelled extends Error {}

/** Trains every run of `spec` in turn. Every tensor is released between runs. */
export async function runSweep(spec: SweepSpec, opts: SweepOptions = {}): Promise<SweepResult> {
  const runs = sweepRuns(spec);
  const points: SweepPoint[] = [];
  for (const run of runs) {
    if (opts.cancelled?.()) return { spec, points, complete: false };
    const curve: number[] = [];
    let windowSum = 0;
    let windowSteps = 0;
    let result;
    try {
      result = await runExperiment(run.config, {
        loadDigits: opts.loadDigits,
        onStep: (r) => {
          windowSum += r.loss;
          windowSteps += 1;
          if (windowSteps === spec.curveEvery) {
            curve.push(windowSum / windowSteps);
            windowSum = 0;
            windowSteps = 0;
          }
          opts.onStep?.(run, r.step);
          if (opts.cancelled?.()) throw new Cancelled();
        },
      });
    } catch (e) {
      if (e instanceof Cancelled) return { spec, points, complete: false };
      throw e;
    }
    if (windowSteps > 0) curve.push(windowSum / windowSteps);
    const point: SweepPoint = {
      arm: run.arm,
      blocks: run.blocks,
      seed: run.seed,
      optimizer: run.optimizer,
      trainLoss: result.final.trainLoss,
      trainAccuracy: result.final.trainAccuracy,
      testAccuracy: result.final.testAccuracy,
      diverged: result.final.diverged,
      divergedAtStep: result.final.divergedAtStep,
      curve,
    };
    points.push(point);
    opts.onPoint?.(point, points.length, runs.length);
  }
  return { spec, points, complete: true };
}
