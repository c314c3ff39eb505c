/**
 * A live run of the thousand-layer figure, without React: starts a sweep worker with one deep
 * pair (both block orders at the depth the reader picked, one optimizer, learning rate and seed),
 * says what it is doing before step 1 (building two nets of hundreds of layers takes seconds, and
 * the first step also compiles the kernels), then collects both nets' losses step by step with
 * the time a step takes in this browser and the time left. Cancel terminates the worker at once
 * and keeps the curves so far.
 */
import type {
  DeepOptimizer,
  DeepPair,
  DeepTrace,
} from '../../../model/studies/thousand-layers/spec';
import type { StudyFromWorker } from '../../../model/worker/study-protocol';
import { timeLeftText } from '../live/timeLeft';
import { runStatusText, WorkerRunner, type StudyWorkerFactory } from '../live/workerRunner';

export interface DeepState {
  status:
    'idle' | 'starting' | 'building' | 'first-step' | 'running' | 'done' | 'cancelled' | 'failed';
  optimizer: DeepOptimizer | null;
  learningRate: number | null;
  seed: number | null;
  /** Depth of the nets in training. */
  blocks: number;
  /** Steps asked for, and steps both nets have taken. */
  steps: number;
  stepsDone: number;
  /** Each net's batch loss per step, in DEEP_ORDERS order (null once a net stopped). */
  losses: (number | null)[][];
  /**
   * Milliseconds of each of the latest RECENT_STEPS steps of both nets, leaving out the first
   * (which compiles the kernels): what the step time and the time left are read from.
   */
  recentMs: number[];
  /** How long the first step took (it includes compiling the kernels). */
  firstStepMs: number | null;
  backend: string | null;
  error: string | null;
  /** The finished traces (profiles and final fit), once done. */
  traces: DeepTrace[] | null;
}

export const IDLE_DEEP: DeepState = {
  status: 'idle',
  optimizer: null,
  learningRate: null,
  seed: null,
  blocks: 0,
  steps: 0,
  stepsDone: 0,
  losses: [],
  recentMs: [],
  firstStepMs: null,
  backend: null,
  error: null,
  traces: null,
};

/**
 * How many of the latest steps the step time is the mean of. On a shared machine a step's time
 * moves with the other work on it (a 100-block run here took 0.2 s a step when quiet and 1–2 s
 * under load): the latest steps say more of the next ones than the mean of the whole run.
 */
export const RECENT_STEPS = 10;

export class DeepRunner extends WorkerRunner<DeepState, 'thousand-layers'> {
  constructor(makeWorker?: StudyWorkerFactory) {
    super(IDLE_DEEP, makeWorker);
  }

  /** Trains `pair` for `steps` steps in a new worker (a running one is cancelled first). */
  start(pair: DeepPair, steps: number): void {
    const { optimizer, learningRate, seed, configs } = pair;
    const blocks = configs[0]?.blocks ?? 0;
    const losses = configs.map(() => []);
    this.begin(
      { optimizer, learningRate, seed, blocks, steps, losses },
      { type: 'thousand-layers', pair, steps },
    );
  }

  protected readonly ended = {};

  protected onMessage(m: StudyFromWorker<'thousand-layers'>): void {
    this.dispatch(m, {
      'deep-phase': ({ phase, backend }) =>
        this.set({
          ...this.state,
          status: phase === 'building' ? 'building' : 'first-step',
          backend,
        }),
      'deep-step': (step) => this.addStep(step),
      'deep-done': ({ traces }) => this.finish({ status: 'done', traces }),
    });
  }

  /** Adds a step's losses, and times the steps after the first (which compiles the kernels). */
  private addStep(m: Extract<StudyFromWorker, { type: 'deep-step' }>): void {
    const s = this.state;
    const losses = s.losses.map((l, i) => [...l, m.losses[i] ?? null]);
    this.set({
      ...s,
      status: 'running',
      losses,
      stepsDone: m.step + 1,
      firstStepMs: m.step === 0 ? m.ms : s.firstStepMs,
      recentMs: m.step > 0 ? [...s.recentMs, m.ms].slice(-RECENT_STEPS) : [],
    });
  }
}

/** The status line of a live run. */
export function deepStatusText(s: DeepState): string {
  const which = `learning rate ${s.learningRate ?? '?'}, seed ${s.seed ?? '?'}`;
  return runStatusText(s, 'run', {
    starting: () => 'Starting the training worker and loading tfjs…',
    building: () =>
      `Building two nets of ${s.blocks} blocks (${(2 * s.blocks + 2).toLocaleString('en-GB')} weight layers each), ${which}…`,
    'first-step': () =>
      'Taking the first step: it also prepares the kernels, so it is the slowest.',
    running: () => {
      const n = s.recentMs.length;
      const ms = s.recentMs.reduce((a, b) => a + b, 0);
      const per =
        n > 0
          ? `${(ms / n / 1000).toFixed(1)} s a step`
          : `first step ${((s.firstStepMs ?? 0) / 1000).toFixed(1)} s`;
      // The latest steps' pace, as if they were all the run had taken, over the steps to go.
      const left = timeLeftText(n, n + s.steps - s.stepsDone, ms);
      return `Step ${s.stepsDone} of ${s.steps}, ${which} · ${per}${left ? ` · ${left}` : ''}.`;
    },
    done: () =>
      `Done: ${stepCount(s.stepsDone)} on ${s.backend ?? 'an unknown backend'}. Your run is drawn in the darker lines.`,
    cancelled: () => `Cancelled after ${stepCount(s.stepsDone)}; the curves so far stay.`,
  });
}

/** "1 step", "12 steps". */
export const stepCount = (n: number): string => `${n} step${n === 1 ? '' : 's'}`;
