/**
 * The training worker's logic, free of `self` so that it runs in Node tests: it owns one or two
 * Sessions (twin runs step alternately, in lockstep, on the same data and batch order), answers
 * the lab's messages (protocol.ts) and posts measurements. Messages are handled one at a time in
 * arrival order; the training loop queues each step behind any waiting message, so Pause and a
 * configuration change take effect between two steps.
 */
import { extentOf, decisionBoundary } from '../boundary';
import type { ExperimentConfig } from '../config';
import { loadDataset, type Dataset, type DigitsLoader } from '../data';
import { Session, type StepRecord } from '../experiment';
import { divergenceMessage } from './divergence';
import type { BoundaryGrid, FromWorker, RunRecord, ToWorker } from './protocol';

/** What the host needs from its surroundings (the worker global in the app, fakes in tests). */
export interface HostDeps {
  post(message: FromWorker): void;
  /** The active tfjs backend's name. */
  backend(): string;
  loadDigits?: DigitsLoader;
  /**
   * Called when a step throws: switch to the next backend and return its name, or null when
   * there is none left.
   */
  fallback?(failed: string): Promise<string | null>;
  /** Lets queued messages in between two steps (default: a macrotask). */
  yieldToEvents?(): Promise<void>;
  now?(): number;
}

/** Steps between evaluations on the full sets (a forward pass over 1500 points per run). */
export const EVAL_EVERY = 20;
/**
 * Steps between decision-boundary redraws while training (several forward passes per run); it
 * is also redrawn on Pause, Step and at the end of a run.
 */
export const BOUNDARY_EVERY = 50;
/** Cells per side of the decision-boundary grid. */
export const BOUNDARY_RESOLUTION = 32;
const RUN_NAMES = ['Network A', 'Network B'];

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function toRunRecord(r: StepRecord): RunRecord {
  return {
    step: r.step,
    loss: r.loss,
    accuracy: r.accuracy,
    gradNorms: r.gradNorms,
    signalGradNorms: r.signalGradNorms,
    activationNorms: r.activationNorms,
    finite: r.finite,
  };
}

/** Handles the lab's messages; see the module comment. */
export class TrainerHost {
  private sessions: Session[] = [];
  private configs: ExperimentConfig[] = [];
  private generation = 0;
  private running = false;
  private loopActive = false;
  private queue: Promise<void> = Promise.resolve();
  private stepMs = 0;
  private lastStatus = 0;
  private lastStepAt = 0;
  /** The last step a run trains to (config.steps, extended by Train after the end). */
  private limit = 0;

  constructor(private readonly deps: HostDeps) {}

  /** Queues one message; the promise settles when it has been handled. */
  handle(message: ToWorker): Promise<void> {
    return this.enqueue(() => this.process(message));
  }

  /** Number of live sessions (for tests). */
  get sessionCount(): number {
    return this.sessions.length;
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

  private async process(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'configure':
        this.generation = m.generation;
        this.configs = m.configs;
        return this.rebuild();
      case 'reset':
        return this.rebuild();
      case 'train':
        if (this.sessions.length === 0 || !this.anyAlive()) return;
        // Train after a finished run continues for another `steps`.
        if (this.finished()) this.limit += this.configs[0]?.steps ?? 0;
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
        if (this.anyAlive()) await this.stepAll();
        this.postStatus(true);
        await this.postBoundary();
        return;
      case 'boundary':
        return this.postBoundary();
    }
  }

  private anyAlive(): boolean {
    return this.sessions.some((s) => s.divergedAtStep === null);
  }

  private finished(): boolean {
    return (this.sessions[0]?.stepsDone ?? 0) > this.limit;
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
    const cache = new Map<string, Dataset>();
    const datasets: Dataset[] = [];
    for (const c of this.configs) {
      const key = `${c.dataset}/${c.seed}`;
      if (!cache.has(key))
        cache.set(key, await loadDataset(c.dataset, c.seed, this.deps.loadDigits));
      datasets.push(cache.get(key)!);
    }
    this.sessions = this.configs.map((c, i) => new Session(c, datasets[i]!));
    this.limit = this.configs[0]!.steps;
    this.deps.post({
      type: 'ready',
      generation: this.generation,
      backend: this.deps.backend(),
      layers: this.sessions.map((s) => s.network.layers.map((l) => l.name)),
      points: datasets.map((d) =>
        d.inputDim === 2
          ? {
              x: Float32Array.from(d.trainY, (_, i) => d.trainX[2 * i]!),
              y: Float32Array.from(d.trainY, (_, i) => d.trainX[2 * i + 1]!),
              label: Int32Array.from(d.trainY),
            }
          : null,
      ),
    });
    this.stepMs = 0;
    await this.stepAll(); // step 0: the profile at initialisation
    this.postStatus(true);
  }

  private async stepWithFallback(i: number): Promise<StepRecord> {
    try {
      return await this.sessions[i]!.step();
    } catch (e) {
      const failed = this.deps.backend();
      const next = await this.deps.fallback?.(failed);
      if (!next) throw e;
      this.deps.post({
        type: 'error',
        generation: this.generation,
        message: `The ${failed} backend failed (${e instanceof Error ? e.message : String(e)}); restarted on ${next}.`,
        restartedOn: next,
      });
      await this.rebuild();
      throw new Restarted();
    }
  }

  /** One lockstep step of every run that has not diverged, then its reports. */
  private async stepAll(): Promise<void> {
    const t0 = (this.deps.now ?? Date.now)();
    const records: (RunRecord | null)[] = [];
    try {
      for (let i = 0; i < this.sessions.length; i++) {
        const s = this.sessions[i]!;
        records.push(
          s.divergedAtStep === null ? toRunRecord(await this.stepWithFallback(i)) : null,
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
    if (step % EVAL_EVERY === 0 || done) await this.postEvaluation(step);
    if ((step > 0 && step % BOUNDARY_EVERY === 0) || (done && this.running))
      await this.postBoundary();
    if (done) this.running = false;
  }

  private async postEvaluation(step: number): Promise<void> {
    const evals = [];
    for (const s of this.sessions)
      evals.push(s.divergedAtStep === null ? await s.evaluate() : null);
    this.deps.post({ type: 'evaluation', generation: this.generation, step, evals });
  }

  private async postBoundary(): Promise<void> {
    if (this.sessions.length === 0 || this.sessions[0]!.dataset.inputDim !== 2) return;
    const grids: (BoundaryGrid | null)[] = [];
    for (const s of this.sessions) {
      if (s.divergedAtStep !== null) {
        grids.push(null);
        continue;
      }
      const { trainX } = s.dataset;
      const extent = extentOf(trainX);
      // Batch norm needs data statistics (see boundary.ts); without it the grid goes alone.
      const context =
        s.config.norm === 'batch'
          ? trainX.subarray(0, Math.min(trainX.length, 512))
          : trainX.subarray(0, 0);
      const values = await decisionBoundary(s.network, context, BOUNDARY_RESOLUTION, extent);
      grids.push({ values, resolution: BOUNDARY_RESOLUTION, extent });
    }
    const step = Math.max(0, this.sessions[0]!.stepsDone - 1);
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
      step: Math.max(0, (this.sessions[0]?.stepsDone ?? 0) - 1),
    });
  }

  private async loop(): Promise<void> {
    this.loopActive = true;
    try {
      while (this.running) {
        await this.enqueue(async () => {
          if (this.running) await this.stepAll();
        });
        this.postStatus(!this.running);
        await (this.deps.yieldToEvents ?? macrotask)();
      }
    } finally {
      this.loopActive = false;
    }
  }

  /** Releases every session (the worker is closing or a test ends). */
  dispose(): void {
    this.running = false;
    this.disposeSessions();
  }
}

/** Thrown inside a step when the backend was switched and the runs rebuilt. */
class Restarted extends Error {}
