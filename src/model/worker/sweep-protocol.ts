/**
 * Messages between a figure and its sweep worker (sweep.worker.ts). One message starts a sweep;
 * the worker answers with progress while a run trains, a point when it ends, and a last message
 * when the sweep is over or failed. Cancelling is terminating the worker: a sweep spends its time
 * inside training steps that cannot take messages, and a new worker costs less than a second.
 * Only plain numbers cross.
 */
import type { SweepArm, SweepPoint, SweepSpec } from '../sweep-spec';

export type SweepToWorker = { type: 'sweep'; spec: SweepSpec };

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
  | { type: 'sweep-error'; message: string };
