/**
 * The typed messages between a lab (main thread) and its training worker. Only plain numbers,
 * strings and Float32Arrays cross: structured clone copies them cheaply and nothing needs tfjs on
 * the main thread. Every message from the worker carries the `generation` of the configuration it
 * belongs to, so the lab can drop messages that were in flight when the reader changed something.
 */
import type { Evaluation } from '../engine/experiment';
import type { ExperimentConfig } from '../engine/config';

/**
 * Steps between evaluations on the full sets (a forward pass over 1500 points per run). Here,
 * in a module without tfjs, so that the page can name the cadence without loading tfjs.
 */
export const EVAL_EVERY = 20;

/**
 * A run the lab shows from the page's finished runs instead of training it (an identical
 * network already ran to its end in another lab, and runs are deterministic): `step` is the last
 * step it took there, `diverged` whether that step was its divergence. The worker builds it but
 * leaves it alone until training goes past `step`; then it first replays it there silently.
 */
export interface FrozenRun {
  step: number;
  diverged: boolean;
}

/**
 * What the lab asks. `configure` rebuilds every run (1 or 2 twins) and measures step 0 of each
 * run that is not `frozen` (null or absent: trained as usual).
 */
export type ToWorker =
  | {
      type: 'configure';
      generation: number;
      configs: ExperimentConfig[];
      backend?: string;
      frozen?: (FrozenRun | null)[];
    }
  /**
   * Train. The reader's Train after a finished run goes on for another `steps`; `resume` is the
   * lab going on by itself with a run it paused on leaving the screen, which never extends a run:
   * one that ended while the message was on its way stays over.
   */
  | { type: 'train'; resume?: boolean }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'boundary' }
  /**
   * Time a probe step on every backend (wasm, webgl, cpu) and answer with `backends`: the page
   * asks a worker of its own for this once, when idle, and remembers the fastest for the next
   * visit (backendChoice.ts). Labs never wait for it.
   */
  | { type: 'compare-backends' };

/** One run's measurements of one step (see StepRecord in experiment.ts); null once diverged. */
export interface RunRecord {
  step: number;
  loss: number;
  accuracy: number;
  /** ‖∂L/∂W‖ per weight matrix: stem, block1/dense1, block1/dense2, …, head (2n+2). */
  gradNorms: Float32Array;
  /** ‖∂L/∂x_l‖ for x_0 … x_n (n+1). */
  signalGradNorms: Float32Array;
  /** RMS of x_0 … x_n (n+1). */
  activationNorms: Float32Array;
  finite: boolean;
}

/** A decision-boundary grid of one run: P(class 1), `resolution`² values, row 0 at ymax. */
export interface BoundaryGrid {
  values: Float32Array;
  resolution: number;
  /** [xmin, xmax, ymin, ymax] */
  extent: [number, number, number, number];
}

/**
 * What the worker is about to start. Each phase is one long computation that cannot post while
 * it runs (a 100-block net's step 0 takes tens of seconds), so announcing it lets the lab say
 * what it is waiting for and restart its watchdog's clock (see watchdog.ts in the lab).
 * `backend`: measuring the backends; `build`: loading the data and building the networks;
 * `step`: one step outside training (step 0 or Step); `evaluate`: loss and accuracy on the full
 * training and test sets; `boundary`: the decision-boundary grids; `replay`: training a frozen
 * run silently up to the step it was shown at (`step`), before training takes it further (posted
 * again every few hundred milliseconds while it lasts).
 */
export type WorkPhase = 'backend' | 'build' | 'step' | 'evaluate' | 'boundary' | 'replay';

/** What the worker reports. */
export type FromWorker =
  | {
      type: 'ready';
      generation: number;
      backend: string;
      /** Per run: the names of the weight matrices, in gradNorms order. */
      layers: string[][];
      /** Per run: the planar test points to draw under a boundary (null for digits). */
      points: ({ x: Float32Array; y: Float32Array; label: Int32Array } | null)[];
    }
  /** One record per run; null for a run that diverged or is frozen (see FrozenRun). */
  | { type: 'metrics'; generation: number; records: (RunRecord | null)[] }
  /** The answer to `compare-backends`: fastest first; ms is Infinity where a backend failed. */
  | { type: 'backends'; generation: number; ranking: { name: string; ms: number }[] }
  | { type: 'evaluation'; generation: number; step: number; evals: (Evaluation | null)[] }
  | { type: 'boundary'; generation: number; step: number; grids: (BoundaryGrid | null)[] }
  | {
      type: 'status';
      generation: number;
      running: boolean;
      stepsPerSecond: number;
      step: number;
      /**
       * Every run has diverged or reached its step limit: the run is over, and the lab must not
       * start it again by itself (Train still continues it for another `steps`).
       */
      done: boolean;
    }
  /** A phase begins; `step` is the step it belongs to (0 before any update). */
  | { type: 'progress'; generation: number; phase: WorkPhase; step: number }
  /**
   * Nothing left to do: not training and no message waiting. `handled` counts every message
   * the worker has taken in, so the lab knows whether this answers its latest one.
   */
  | { type: 'idle'; generation: number; handled: number }
  | {
      type: 'diverged';
      generation: number;
      /** Index of the run (0 = A, 1 = B). */
      run: number;
      step: number;
      message: string;
    }
  | {
      type: 'error';
      generation: number;
      message: string;
      /** Set when the backend failed and the runs were rebuilt on this one (not an error). */
      restartedOn?: string;
    };
