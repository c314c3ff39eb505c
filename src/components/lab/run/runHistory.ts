/**
 * Everything a lab has heard from its worker for the current configuration, kept bounded: the
 * latest and the step-0 record of each run, thinned series for the heatmaps and curves, the
 * evaluations, the decision boundaries and any divergence. Mutable on purpose: messages arrive
 * faster than React should render, so the lab applies them here and re-renders on a throttle.
 */
import type { Evaluation } from '../../../model/engine/experiment';
import type {
  BoundaryGrid,
  FromWorker,
  RunRecord,
  WorkPhase,
} from '../../../model/worker/protocol';
import { Thinned } from '../page/thinned';

/** Rows kept for each heatmap (steps), and points kept for each curve. */
export const HEATMAP_ROWS = 300;
export const CURVE_POINTS = 500;
/** Full records kept for the CSV/JSON export. */
export const EXPORT_ROWS = 5000;

/** The history of one run (network A or B). */
export interface RunSeries {
  layers: string[];
  step0: RunRecord | null;
  latest: RunRecord | null;
  heatWeights: Thinned<Float32Array>;
  heatSignal: Thinned<Float32Array>;
  loss: Thinned<number>;
  accuracy: Thinned<number>;
  evals: { step: number; value: Evaluation }[];
  boundary: BoundaryGrid | null;
  points: { x: Float32Array; y: Float32Array; label: Int32Array } | null;
  diverged: { step: number; message: string } | null;
  records: RunRecord[];
}

function emptyRun(): RunSeries {
  return {
    layers: [],
    step0: null,
    latest: null,
    heatWeights: new Thinned(HEATMAP_ROWS),
    heatSignal: new Thinned(HEATMAP_ROWS),
    loss: new Thinned(CURVE_POINTS),
    accuracy: new Thinned(CURVE_POINTS),
    evals: [],
    boundary: null,
    points: null,
    diverged: null,
    records: [],
  };
}

/**
 * A run shown from the page's finished runs (finishedRuns.ts) instead of trained here: where it
 * ran, whether that was this lab, and the last step it took there.
 */
export interface ReusedRun {
  lab: string;
  net: string;
  here: boolean;
  step: number;
  diverged: boolean;
}

/** See the module comment. */
export class RunHistory {
  generation = 0;
  backend = '';
  running = false;
  /** The worker said the run is over: every network diverged or reached its step limit. */
  done = false;
  stepsPerSecond = 0;
  /** The last step measured (0 = initialisation), or -1 before the first measurement. */
  step = -1;
  error: string | null = null;
  /** The last backend restart, in a sentence; kept across configurations (the status line). */
  restart: string | null = null;
  /**
   * The phase the worker announced and is still in (nothing has followed it), with the time it
   * was heard (performance.now()); null when no long computation is under way.
   */
  phase: { phase: WorkPhase; step: number; since: number } | null = null;
  /**
   * The backend the last configuration asked the worker to start (the page's choice, see
   * backendChoice.ts), or undefined when the worker measures and chooses one itself.
   */
  requestedBackend: string | undefined = undefined;
  /**
   * The step-0 records shown are precomputed (claims.json), not yet the worker's: they are drawn
   * at once and kept until the worker's own step 0 replaces them.
   */
  precomputed = false;
  runs: RunSeries[] = [];
  /**
   * Per run: set when the run is shown from the page's finished runs (see `reuse`). The worker
   * sends nothing for such a run until training goes past its last step, so the worker's `ready`
   * and first records leave it as it is.
   */
  reused: (ReusedRun | null)[] = [];

  /** Starts over for a new configuration with `runCount` runs. */
  reset(generation: number, runCount: number): void {
    this.generation = generation;
    this.running = false;
    this.done = false;
    this.step = -1;
    this.error = null;
    this.phase = null;
    this.precomputed = false;
    this.runs = Array.from({ length: runCount }, emptyRun);
    this.forgetReused();
  }

  /** Counts every run as trained here (Reset trains them all from step 0). */
  forgetReused(): void {
    this.reused = this.runs.map(() => null);
  }

  /**
   * Shows `series` (a copy of a finished run, finishedRuns.ts) as run `index`. When every run is
   * reused the lab is over at once, at the furthest step they took.
   */
  reuse(index: number, series: RunSeries, from: ReusedRun): void {
    if (index >= this.runs.length) return;
    this.runs[index] = series;
    this.reused[index] = from;
    if (this.allReused()) {
      this.done = true;
      this.precomputed = false;
      this.step = Math.max(...this.reused.map((r) => r!.step));
    }
  }

  /** Whether run `i` is shown from the page's finished runs. */
  private isReused(i: number): boolean {
    return Boolean(this.reused[i]);
  }

  private allReused(): boolean {
    return this.runs.length > 0 && this.runs.every((_, i) => this.isReused(i));
  }

  /**
   * Shows precomputed step-0 records (one per run, with its layer names) until the worker sends
   * its own: a lab draws its profile the moment it mounts instead of after its backend started.
   * Does nothing once the worker has measured anything.
   */
  seed(seeds: readonly { layers: string[]; record: RunRecord }[]): void {
    if (this.step >= 0 && !this.precomputed) return;
    if (seeds.length !== this.runs.length) return;
    this.runs = seeds.map(({ layers, record }) => {
      const run = { ...emptyRun(), layers, step0: record, latest: record };
      run.heatWeights.push(0, record.gradNorms);
      run.heatSignal.push(0, record.signalGradNorms);
      run.loss.push(0, record.loss);
      run.accuracy.push(0, record.accuracy);
      return run;
    });
    this.step = 0;
    this.precomputed = true;
  }

  /**
   * Applies one message; returns false when it belongs to an older configuration or changes
   * nothing shown. `now` stamps an announced phase.
   */
  apply(m: FromWorker, now = performance.now()): boolean {
    if (m.generation !== this.generation) return false;
    // A phase lasts until the worker posts anything else: its result, or the next phase.
    const hadPhase = this.phase !== null;
    if (m.type !== 'progress') this.phase = null;
    switch (m.type) {
      case 'progress':
        // A phase announced again (a replay goes on in slices) keeps its start.
        if (this.phase?.phase !== m.phase || this.phase.step !== m.step)
          this.phase = { phase: m.phase, step: m.step, since: now };
        return true;
      case 'idle':
        return hadPhase;
      case 'ready': {
        this.backend = m.backend;
        this.error = null;
        // Precomputed records of the same layers stay drawn until the worker's step 0 arrives.
        const kept = this.precomputed ? this.runs : [];
        const keep = (i: number, layers: string[]) =>
          kept[i] && kept[i].layers.join() === layers.join() ? kept[i] : null;
        this.precomputed = this.precomputed && m.layers.every((l, i) => keep(i, l) !== null);
        if (!this.precomputed && !this.allReused()) this.step = -1;
        this.runs = m.layers.map((layers, i) => ({
          ...((this.isReused(i) ? this.runs[i] : keep(i, layers)) ?? emptyRun()),
          layers,
          points: m.points[i] ?? null,
        }));
        return true;
      }
      case 'metrics':
        if (this.precomputed) {
          // The worker's own measurements replace the precomputed step 0.
          this.precomputed = false;
          this.runs = this.runs.map((r, i) =>
            this.isReused(i) ? r : { ...emptyRun(), layers: r.layers, points: r.points },
          );
        }
        m.records.forEach((r, i) => {
          const run = this.runs[i];
          if (!r || !run) return;
          if (r.step === 0) run.step0 = r;
          run.latest = r;
          run.heatWeights.push(r.step, r.gradNorms);
          run.heatSignal.push(r.step, r.signalGradNorms);
          run.loss.push(r.step, r.loss);
          run.accuracy.push(r.step, r.accuracy);
          if (run.records.length < EXPORT_ROWS) run.records.push(r);
          this.step = Math.max(this.step, r.step);
        });
        return true;
      case 'evaluation':
        m.evals.forEach((e, i) => {
          if (e) this.runs[i]?.evals.push({ step: m.step, value: e });
        });
        return true;
      case 'boundary':
        m.grids.forEach((g, i) => {
          const run = this.runs[i];
          if (g && run) run.boundary = g;
        });
        return true;
      case 'status':
        // A run that is over is not training, whatever else the message says: the verdict (shown
        // once done) and the toolbar's "(training)" must never show together. CI once saw both
        // on one render, with the worker's last step taken.
        this.running = m.running && !m.done;
        this.done = m.done;
        this.step = Math.max(this.step, m.step);
        if (m.stepsPerSecond > 0) this.stepsPerSecond = m.stepsPerSecond;
        return true;
      case 'diverged': {
        const run = this.runs[m.run];
        if (run) {
          run.diverged = { step: m.step, message: m.message };
          // The net drawn at step 0 is gone: a diverged net has no decision boundary to show.
          run.boundary = null;
        }
        return true;
      }
      case 'error':
        if (m.restartedOn) this.restart = m.message;
        else this.error = m.message;
        return true;
      case 'backends':
        // The answer to the page's backend comparison, which has a worker of its own.
        return false;
    }
  }
}
