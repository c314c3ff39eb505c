/**
 * Tells a dead or hung training worker from a slow one. A worker that throws reaches the lab as
 * an error event, but one that is terminated, stuck in a loop or killed for memory just goes
 * quiet. So while the lab waits for a reply (from sending a message until the worker reports
 * `idle`, which it never does while training), a silence longer than an allowance counts as
 * death, and the lab restarts the worker on the next backend (recovery.ts).
 *
 * The allowance must outlast legitimate silences: one phase (a step, an evaluation on the full
 * sets, the decision boundary) is a single computation that cannot post while it runs, and for a
 * 100-block, width-256 net on wasm it takes 15–50 s (measured: step 16 s, evaluation 22 s,
 * boundary 38–53 s). The worker announces each phase (a `progress` message), so the clock only
 * has to cover the longest one, which the rule below bounds three ways: a floor, a multiple of
 * the slowest silence this worker has shown since it started, and a multiple of an estimate of
 * the current configuration's longest phase from its size and the backend's speed.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { FromWorker, ToWorker } from '../../../model/worker/protocol';
import { systemClock, type Clock } from './clock';

/** No worker is declared dead sooner than this. */
export const FLOOR_MS = 15_000;
/**
 * Until the worker has reported its first training step: it loads its script and the wasm
 * binaries, then measures step 0, draws the untrained boundaries and takes the first update, and
 * on webgl each of those compiles new shaders first (seconds each on a slow network or without a
 * GPU; `ready` comes before all but the loading).
 */
export const STARTUP_MS = 60_000;
/** The allowance is at least this many times the slowest silence already seen from the worker. */
export const GAP_FACTOR = 3;
/** … and this many times the estimated longest phase of the configuration. */
export const COST_FACTOR = 3;
/** A check that runs this much later than scheduled means the page was not running: start over. */
export const LATE_MS = 5_000;

/**
 * Nanoseconds per weight per row of one forward pass, measured with a 100-block, width-256 and a
 * 20-block, width-128 net on a loaded two-core machine (headless Chromium, SwiftShader for
 * webgl), rounded up. Unknown backends count as the slowest.
 */
export const NS_PER_WEIGHT_ROW: Record<string, number> = { wasm: 1.2, webgl: 4, cpu: 8 };
/** A training step with all its measurements costs about this many forward rows per batch row. */
export const STEP_ROWS_PER_EXAMPLE = 10;
/** Rows of an evaluation on the full sets (1797 for digits, 1500 for the planar sets). */
export const EVAL_ROWS = 1800;
/** Rows of a decision boundary with batch norm: 4 chunks of 256 cells plus 512 context points. */
export const BOUNDARY_ROWS = 3072;

/** Estimated milliseconds of the longest phase (every run of the lab in turn) on `backend`. */
export function longestPhaseMs(configs: readonly ExperimentConfig[], backend?: string): number {
  const ns = NS_PER_WEIGHT_ROW[backend ?? ''] ?? NS_PER_WEIGHT_ROW.cpu!;
  let ms = 0;
  for (const c of configs) {
    // Two square matrices per block; the stem and head are small next to them.
    const weights = 2 * c.blocks * c.width * c.width + 80 * c.width;
    const rows = Math.max(STEP_ROWS_PER_EXAMPLE * c.batchSize, EVAL_ROWS, BOUNDARY_ROWS);
    ms += (weights * rows * ns) / 1e6;
  }
  return ms;
}

/**
 * The watchdog's allowances, as one object so that a page can shorten them: the browser tests of
 * recovery use a floor of seconds instead of waiting 15 s per failure (see labPage.ts).
 */
export interface WatchdogTimings {
  floorMs: number;
  startupMs: number;
  gapFactor: number;
  costFactor: number;
  lateMs: number;
}

/** The allowances of the app. */
export const DEFAULT_TIMINGS: Readonly<WatchdogTimings> = Object.freeze({
  floorMs: FLOOR_MS,
  startupMs: STARTUP_MS,
  gapFactor: GAP_FACTOR,
  costFactor: COST_FACTOR,
  lateMs: LATE_MS,
});

/** The longest silence tolerated; see the module comment. */
export function allowanceMs(
  slowestGapMs: number,
  phaseMs: number,
  started: boolean,
  timings: Readonly<WatchdogTimings> = DEFAULT_TIMINGS,
): number {
  const ms = Math.max(
    timings.floorMs,
    timings.gapFactor * slowestGapMs,
    timings.costFactor * phaseMs,
  );
  return started ? ms : Math.max(ms, timings.startupMs);
}

/** The sentence for a worker declared dead after `silentMs` of silence. */
export function silenceMessage(silentMs: number): string {
  return `the training worker stopped responding (silent for ${Math.round(silentMs / 1000)} s)`;
}

export interface WatchdogOptions {
  /** Called once, when the worker has been silent too long while a reply was expected. */
  onSilent(silentMs: number): void;
  /** Its timers (the page's own by default). */
  clock?: Clock;
  /** Shorter or longer allowances than the app's (DEFAULT_TIMINGS). */
  timings?: Readonly<WatchdogTimings>;
}

/** Watches one worker: feed it every message sent and heard. */
export class Watchdog {
  private readonly clock: Clock;
  private readonly timings: Readonly<WatchdogTimings>;
  private sentCount = 0;
  private handled = 0;
  private configs: ExperimentConfig[] = [];
  private backend: string | undefined;
  private started = false;
  /** When the worker last spoke, or when the lab began to wait. */
  private lastMark = 0;
  private slowestGapMs = 0;
  private timer: unknown = null;
  private due = 0;
  private stopped = false;

  constructor(private readonly options: WatchdogOptions) {
    this.clock = options.clock ?? systemClock;
    this.timings = options.timings ?? DEFAULT_TIMINGS;
  }

  /** Whether a reply is expected: a message the worker has not finished with, or training. */
  get waiting(): boolean {
    return this.handled < this.sentCount;
  }

  /** The current allowance in milliseconds. */
  get allowance(): number {
    return allowanceMs(
      this.slowestGapMs,
      longestPhaseMs(this.configs, this.backend),
      this.started,
      this.timings,
    );
  }

  /** A message went to the worker. */
  sent(m: ToWorker): void {
    if (this.stopped) return;
    if (m.type === 'configure') {
      this.configs = m.configs;
      this.backend ??= m.backend;
    }
    if (!this.waiting) this.lastMark = this.clock.now();
    this.sentCount += 1;
    this.arm();
  }

  /** A message came from the worker. */
  heard(m: FromWorker): void {
    if (this.stopped) return;
    const now = this.clock.now();
    // Silences before the first training step (loading scripts and wasm, compiling shaders) say
    // nothing about how long a phase of training takes, and STARTUP_MS already covers them.
    // Counting them let a slow start-up (30 s on a loaded machine) stretch every later allowance
    // to 90 s.
    if (this.waiting && this.started) {
      this.slowestGapMs = Math.max(this.slowestGapMs, now - this.lastMark);
    }
    this.lastMark = now;
    if (m.type === 'ready') this.backend = m.backend;
    if (m.type === 'metrics' && m.records.some((r) => r !== null && r.step >= 1)) {
      this.started = true;
    }
    if (m.type === 'idle') this.handled = Math.max(this.handled, m.handled);
    if (this.waiting) this.arm();
    else this.disarm();
  }

  /** Stops watching (the worker is being terminated). */
  dispose(): void {
    this.stopped = true;
    this.disarm();
  }

  /**
   * One timer at a time: messages only move `lastMark`, and the timer checks it when it fires.
   * It is moved earlier only when the allowance shrinks (the worker has taken its first step, a
   * smaller network was sent).
   */
  private arm(): void {
    if (this.stopped) return;
    const due = this.lastMark + this.allowance;
    if (this.timer !== null) {
      if (due >= this.due) return;
      this.clock.clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = this.clock.setTimeout(this.check, Math.max(0, due - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly check = (): void => {
    this.timer = null;
    if (this.stopped || !this.waiting) return;
    const now = this.clock.now();
    if (now - this.due > this.timings.lateMs) {
      // The page itself was suspended or blocked, so the silence says nothing about the worker.
      this.lastMark = now;
      this.arm();
      return;
    }
    const silent = now - this.lastMark;
    if (silent < this.allowance) {
      this.arm();
      return;
    }
    this.stopped = true;
    this.options.onSilent(silent);
  };
}
