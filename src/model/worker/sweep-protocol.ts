/**
 * Messages between a figure and its sweep worker (sweep.worker.ts). One message starts a sweep
 * (the degradation figure) or a pair of deep nets (the thousand-layer figure); the worker answers
 * with progress while a run trains, a point or a step's losses as they come, and a last message
 * when the job is over or failed. Cancelling is terminating the worker: a sweep spends its time
 * inside training steps that cannot take messages, and a new worker costs less than a second.
 * Only plain numbers cross.
 */
import type { DeepPhase } from '../studies/thousand-layers/run';
import type { DeepPair, DeepTrace } from '../studies/thousand-layers/spec';
import type { BnStatistics, LandscapeRun, LandscapeSpec } from '../studies/landscape/spec';
import type { LesionRun, LesionSpec } from '../studies/lesion/spec';
import type { PathsPhase } from '../studies/paths/run';
import type { PathsRun, PathsSpec } from '../studies/paths/spec';
import type { ShatteredRun, ShatteredSpec } from '../studies/shattered/spec';
import type { SweepArm, SweepPoint, SweepSpec } from '../studies/degradation/spec';

export type SweepToWorker =
  | { type: 'sweep'; spec: SweepSpec }
  /** Train both nets of `pair` in lockstep for `steps` steps. */
  | { type: 'deep'; pair: DeepPair; steps: number }
  /** Train each net of `spec` and take it apart block by block. */
  | { type: 'lesion'; spec: LesionSpec }
  /** Measure gradient by path length for each net of `spec`, before and after training. */
  | { type: 'paths'; spec: PathsSpec }
  /** Measure the gradient along a line for every net of `spec`, at initialisation. */
  | { type: 'shattered'; spec: ShatteredSpec }
  /** Train each net of `spec` and measure the loss on a plane through its weights. */
  | { type: 'landscape'; spec: LandscapeSpec };

export type SweepFromWorker =
  /** The backend is ready and the first run starts. */
  | { type: 'sweep-started'; backend: string; total: number }
  /** A run is training: `step` of `steps` done; `done` runs finished of `total`. */
  | {
      type: 'sweep-progress';
      arm: SweepArm;
      blocks: number;
      seed: number;
      step: number;
      steps: number;
      done: number;
      total: number;
    }
  | { type: 'sweep-point'; point: SweepPoint; done: number; total: number }
  | { type: 'sweep-done'; ms: number }
  /** A failed sweep or deep pair. */
  | { type: 'sweep-error'; message: string }
  /** The deep pair's backend is ready (`backend`) and it is building its nets, or training. */
  | { type: 'deep-phase'; phase: DeepPhase; backend: string }
  /**
   * Both nets took step `step` (0-based) of `steps`; `losses` in DEEP_ORDERS order (null once a
   * net stopped); `ms` is how long the two steps took together.
   */
  | { type: 'deep-step'; step: number; steps: number; losses: (number | null)[]; ms: number }
  | { type: 'deep-done'; traces: DeepTrace[]; ms: number }
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
  | { type: 'lesion-done'; ms: number }
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
  | { type: 'paths-done'; ms: number }
  /** `done` nets of `total` measured. */
  | { type: 'shattered-progress'; done: number; total: number }
  | { type: 'shattered-done'; runs: ShatteredRun[]; ms: number }
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
