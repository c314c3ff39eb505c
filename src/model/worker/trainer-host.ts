/**
 * The training worker's logic, free of `self` so that it runs in Node tests: it owns one or two
 * Sessions (twin runs step alternately, in lockstep, on the same data and batch order), answers
 * the lab's messages (protocol.ts) and posts measurements. Messages are handled one at a time in
 * arrival order; the training loop queues each step behind any waiting message, so Pause and a
 * configuration change take effect between two steps. Before each long phase the host posts a
 * `progress` message, and once it has nothing left to do an `idle` one: together they let the
 * lab tell a slow worker from a dead one.
 *
 * A run can come frozen (protocol.ts, FrozenRun): the lab shows it from an identical run that
 * already ended elsewhere on the page. The host builds it like any other, so that Step, Reset and
 * Train after the end work as usual, but neither steps nor measures it (null in every report)
 * and counts it as having taken its steps. Only when the lockstep reaches its step does the host
 * replay it there silently, in slices between which messages get in, and then steps it with the
 * others: runs are deterministic, so it continues exactly as the run it was shown from.
 */
import type { ExperimentConfig } from '../engine/config';
import type { DigitsLoader } from '../engine/data';
import type { Session } from '../engine/experiment';
import { Restarted, stepOrRestart, type FallbackDeps } from './backend-fallback';
import { divergenceMessage } from './divergence';
import {
  boundaryDue,
  boundaryGrids,
  evaluateAll,
  evaluationDue,
  hasBoundary,
  toRunRecord,
} from './evaluation-schedule';
import type { FrozenRun, RunRecord, ToWorker, WorkPhase } from './protocol';
import { buildSessions, readyMessage } from './session-setup';

export { BOUNDARY_EVERY, BOUNDARY_RESOLUTION, EVAL_EVERY } from './evaluation-schedule';

/** What the host needs from its surroundings (the worker global in the app, fakes in tests). */
export interface HostDeps extends FallbackDeps {
  loadDigits?: DigitsLoader;
  /**
   * Awaited before each configuration is built: the worker picks its backend here (the lab's
   * `preferred` one first) and calls `heartbeat` before each slow measurement.
   */
  prepare?(preferred: string | undefined, heartbeat: () => void): Promise<void>;
  /** Times every backend for `compare-backends`, fastest first (backend.ts). */
  compareBackends?(): Promise<{ name: string; ms: number }[]>;
  /** Lets queued messages in between two steps (default: a macrotask). */
  yieldToEvents?(): Promise<void>;
  now?(): number;
}

const RUN_NAMES = ['Network A', 'Network B'];

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Longest stretch of silent replay before the host lets messages in and reports progress again:
 * Pause still answers within a step or so, and the lab's watchdog hears from the worker often.
 */
export const REPLAY_SLICE_MS = 250;

/** Handles the lab's messages; see the module comment. */
export class TrainerHost {
  private sessions: Session[] = [];
  private configs: ExperimentConfig[] = [];
  /** The frozen runs as configured (Reset clears them: it trains every run from step 0). */
  private frozenConfigured: (FrozenRun | null)[] = [];
  /** Per run: frozen until replayed up to its step (see the module comment). */
  private frozen: (FrozenRun | null)[] = [];
  private generation = 0;
  private running = false;
  private loopActive = false;
  private queue: Promise<void> = Promise.resolve();
  private stepMs = 0;
  private lastStatus = 0;
  private lastStepAt = 0;
  /** Steps a run takes (config.steps, extended by Train after the end). */
  private limit = 0;
  /** Messages taken in, and those of them not yet handled (for the `idle` message). */
  private received = 0;
  private pending = 0;

  constructor(private readonly deps: HostDeps) {}

  /** Queues one message; the promise settles when it has been handled. */
  handle(message: ToWorker): Promise<void> {
    this.received += 1;
    this.pending += 1;
    return this.enqueue(() => this.process(message)).finally(() => {
      this.pending -= 1;
      this.postIdleIfIdle();
    });
  }

  /** Number of live sessions (for tests). */
  get sessionCount(): number {
    return this.sessions.length;
  }

  /** Steps each session has actually taken here, frozen or not (for tests). */
  get sessionSteps(): number[] {
    return this.sessions.map((s) => s.stepsDone);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((e: unknown) => this.report(e));
    this.queue = next;
    return next;
  }

  private report(e: unknown): void {
    this.running = false;
    const message = e instanceof Error ? e.message : String(e);
    this.deps.post({ type: 'error', generation: this.generation, message });
  }

  private progress(phase: WorkPhase, step: number): void {
    this.deps.post({ type: 'progress', generation: this.generation, phase, step });
  }

  private postIdleIfIdle(): void {
    if (this.pending > 0 || this.running || this.loopActive) return;
    this.deps.post({ type: 'idle', generation: this.generation, handled: this.received });
  }

  private async process(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'configure':
        this.generation = m.generation;
        this.configs = m.configs;
        this.frozenConfigured = m.frozen ?? [];
        await this.deps.prepare?.(m.backend, () => this.progress('backend', 0));
        return this.rebuild();
      case 'reset':
        this.frozenConfigured = [];
        return this.rebuild();
      case 'train':
        if (this.sessions.length === 0 || !this.anyAlive()) return;
        if (this.finished()) {
          // A resume that crossed the run's end: the run is over, and the status says so again.
          if (m.resume) return this.postStatus(true);
          // The reader's Train after a finished run continues for another `steps`.
          this.limit += this.configs[0]?.steps ?? 0;
        }
        if (this.finished()) return;
        this.running = true;
        this.postStatus(true);
        if (!this.loopActive) void this.loop();
        return;
      case 'pause':
        if (this.running) {
          this.running = false;
          this.postStatus(true);
          await this.postBoundary();
        }
        return;
      case 'step':
        this.running = false;
        if (this.anyAlive()) {
          // A frozen run the step reaches is replayed first, slice by slice, as a whole.
          let replay = await this.replaySlice();
          while (replay === 'replaying') replay = await this.replaySlice();
          this.progress('step', this.lastStep() + 1);
          await this.stepAll();
        }
        this.postStatus(true);
        await this.postBoundary();
        return;
      case 'boundary':
        return this.postBoundary();
      case 'compare-backends': {
        const ranking = (await this.deps.compareBackends?.()) ?? [];
        this.deps.post({ type: 'backends', generation: this.generation, ranking });
        return;
      }
    }
  }

  /** Steps run `i` has taken, a frozen run counting those of the run it is shown from. */
  private stepsOf(i: number): number {
    const f = this.frozen[i];
    return f ? f.step + 1 : this.sessions[i]!.stepsDone;
  }

  /** Whether run `i` can take another step (it has not diverged, here or where it was shown from). */
  private alive(i: number): boolean {
    const f = this.frozen[i];
    return f ? !f.diverged : this.sessions[i]!.divergedAtStep === null;
  }

  private anyAlive(): boolean {
    return this.sessions.some((_, i) => this.alive(i));
  }

  /**
   * True when no run has steps left: each one either diverged or has taken `limit` steps (its
   * records 0 … limit − 1, as `npm run experiment` takes them, so that a lab ends on the numbers
   * the CLI and the article report). Looking at run A alone kept a lab whose A diverged at step
   * 1 training B forever.
   */
  private finished(): boolean {
    return !this.sessions.some((_, i) => this.alive(i) && this.stepsOf(i) < this.limit);
  }

  /**
   * The step the lockstep takes next: that of the live runs furthest behind. A frozen run ahead
   * of it waits there (it has taken that step already).
   */
  private nextStep(): number {
    return Math.min(...this.sessions.flatMap((_, i) => (this.alive(i) ? [this.stepsOf(i)] : [])));
  }

  /**
   * The last step the runs have taken (0 before the first update): that of the runs trained here
   * while the lab runs, so that a frozen run ahead does not move the lab's step counter, and of
   * every run once it is over.
   */
  private lastStep(): number {
    const all = this.sessions.map((_, i) => i);
    const trained = all.filter((i) => !this.frozen[i]);
    const counted = this.finished() || trained.length === 0 ? all : trained;
    return Math.max(0, ...counted.map((i) => this.stepsOf(i) - 1));
  }

  /** The sessions as evaluations see them: null for a frozen run (the lab shows its own). */
  private measured(): (Session | null)[] {
    return this.sessions.map((s, i) => (this.frozen[i] ? null : s));
  }

  /**
   * Replays a frozen run that the lockstep has reached, for at most REPLAY_SLICE_MS: 'replaying'
   * while it is not there yet, 'ready' when no run needs it (any more). The run's steps are
   * those it took where it was shown from, so nothing is posted but the phase.
   */
  private async replaySlice(): Promise<'replaying' | 'ready'> {
    if (!this.anyAlive()) return 'ready';
    const next = this.nextStep();
    const i = this.sessions.findIndex(
      (_, j) => this.frozen[j] && this.alive(j) && this.stepsOf(j) === next,
    );
    if (i < 0) return 'ready';
    const s = this.sessions[i]!;
    const now = this.deps.now ?? Date.now;
    const t0 = now();
    this.progress('replay', next - 1);
    try {
      // At least one step per slice, however slow the steps.
      do await stepOrRestart(s, this.deps, this.generation, () => this.rebuild());
      while (s.stepsDone < next && s.divergedAtStep === null && now() - t0 < REPLAY_SLICE_MS);
    } catch (e) {
      // Rebuilt on another backend from step 0: look again at what the runs need.
      if (e instanceof Restarted) return 'replaying';
      throw e;
    }
    if (s.stepsDone < next && s.divergedAtStep === null) return 'replaying';
    // Replayed: from here on it is a run like the others (the time it took is no step's).
    this.frozen[i] = null;
    this.lastStepAt = 0;
    return 'replaying';
  }

  private disposeSessions(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions = [];
  }

  /** Builds fresh sessions for the current configs and reports their step-0 measurements. */
  private async rebuild(): Promise<void> {
    this.running = false;
    this.disposeSessions();
    if (this.configs.length === 0) return;
    this.progress('build', 0);
    this.sessions = await buildSessions(this.configs, this.deps.loadDigits);
    this.frozen = this.sessions.map((_, i) => this.frozenConfigured[i] ?? null);
    this.limit = this.configs[0]!.steps;
    this.deps.post(readyMessage(this.generation, this.deps.backend(), this.sessions));
    this.stepMs = 0;
    // Step 0, the profile at initialisation, of every run not frozen (when all are, the lab is
    // over at once: the status says so).
    if (this.frozen.some((f) => f === null)) {
      this.progress('step', 0);
      await this.stepAll();
    }
    this.postStatus(true);
    // The decision boundaries at initialisation, so that their row shows the untrained nets
    // rather than a blank held for them until the first boundary due in training. Not when a run
    // is frozen: its boundary is the one shown where it was trained.
    if (this.frozen.every((f) => f === null)) await this.postBoundary();
  }

  /**
   * One lockstep step of every run that has not diverged and is not ahead (a frozen run waits,
   * and is replayed first once the others reach it: see replaySlice), then its reports.
   */
  private async stepAll(): Promise<void> {
    const t0 = (this.deps.now ?? Date.now)();
    const records: (RunRecord | null)[] = [];
    const rebuild = () => this.rebuild();
    const next = this.nextStep();
    try {
      for (const [i, s] of this.sessions.entries()) {
        records.push(
          this.alive(i) && !this.frozen[i] && s.stepsDone === next
            ? toRunRecord(await stepOrRestart(s, this.deps, this.generation, rebuild))
            : null,
        );
      }
    } catch (e) {
      if (e instanceof Restarted) return;
      throw e;
    }
    const now = (this.deps.now ?? Date.now)();
    // While training, the rate counts everything between two steps (evaluations, yields).
    const dt = this.running && this.lastStepAt > 0 ? now - this.lastStepAt : now - t0;
    this.lastStepAt = this.running ? now : 0;
    this.stepMs = this.stepMs === 0 ? dt : 0.8 * this.stepMs + 0.2 * dt;
    this.deps.post({ type: 'metrics', generation: this.generation, records });
    records.forEach((r, i) => {
      if (r && !r.finite) {
        const name = this.sessions.length > 1 ? RUN_NAMES[i]! : 'The network';
        const message = divergenceMessage(name, this.configs[i]!, r);
        this.deps.post({
          type: 'diverged',
          generation: this.generation,
          run: i,
          step: r.step,
          message,
        });
      }
    });
    const step = Math.max(...records.map((r) => r?.step ?? -1));
    const done = !this.anyAlive() || this.finished();
    if (evaluationDue(step, done)) await this.postEvaluation(step);
    if (boundaryDue(step, done, this.running)) await this.postBoundary();
    if (done) this.running = false;
  }

  private async postEvaluation(step: number): Promise<void> {
    this.progress('evaluate', step);
    const evals = await evaluateAll(this.measured());
    this.deps.post({ type: 'evaluation', generation: this.generation, step, evals });
  }

  private async postBoundary(): Promise<void> {
    if (!hasBoundary(this.sessions)) return;
    const step = this.lastStep();
    this.progress('boundary', step);
    const grids = await boundaryGrids(this.measured());
    this.deps.post({ type: 'boundary', generation: this.generation, step, grids });
  }

  private postStatus(force: boolean): void {
    const now = (this.deps.now ?? Date.now)();
    if (!force && now - this.lastStatus < 500) return;
    this.lastStatus = now;
    this.deps.post({
      type: 'status',
      generation: this.generation,
      running: this.running,
      stepsPerSecond: this.stepMs > 0 ? 1000 / this.stepMs : 0,
      step: this.lastStep(),
      done: this.sessions.length > 0 && this.finished(),
    });
  }

  private async loop(): Promise<void> {
    this.loopActive = true;
    try {
      while (this.running) {
        let replaying = false;
        await this.enqueue(async () => {
          if (!this.running) return;
          replaying = (await this.replaySlice()) === 'replaying';
          if (!replaying) await this.stepAll();
        });
        // A replay slice moves no step: a status would only end its phase early for the lab.
        if (!replaying || !this.running) this.postStatus(!this.running);
        await (this.deps.yieldToEvents ?? macrotask)();
      }
    } finally {
      this.loopActive = false;
      this.postIdleIfIdle();
    }
  }

  /** Releases every session (the worker is closing or a test ends). */
  dispose(): void {
    this.running = false;
    this.disposeSessions();
  }
}
