/**
 * The sweep worker's logic, free of `self` so that it runs in Node tests: it trains the sweep it
 * is sent (runSweep, src/model/studies/degradation/run.ts) and reports progress at most every `progressMs`, each
 * point as its run ends, and the end; or it trains a deep pair (runDeepPair, src/model/studies/thousand-layers/run.ts)
 * and reports what it is doing before step 1, then every step. See sweep-protocol.ts.
 */
import type { DigitsLoader } from '../engine/data';
import { runDeepPair } from '../studies/thousand-layers/run';
import { runLandscapeSpec } from '../studies/landscape/run';
import {
  landscapeNets,
  type BnStatistics,
  type LandscapeNet,
  type LandscapeSpec,
} from '../studies/landscape/spec';
import { runLesionSpec } from '../studies/lesion/run';
import { lesionNets, type LesionSpec } from '../studies/lesion/spec';
import { runPathsSpec } from '../studies/paths/run';
import { pathsSeeds, type PathsSpec } from '../studies/paths/spec';
import { runShatteredSpec } from '../studies/shattered/run';
import type { ShatteredSpec } from '../studies/shattered/spec';
import { runSweep } from '../studies/degradation/run';
import type { DeepPair } from '../studies/thousand-layers/spec';
import { sweepRuns, type SweepSpec } from '../studies/degradation/spec';
import type { SweepFromWorker, SweepToWorker } from './sweep-protocol';

export interface SweepHostDeps {
  post(m: SweepFromWorker): void;
  /** Makes the backend ready and returns its name. */
  prepare(): Promise<string>;
  loadDigits?: DigitsLoader;
  now?(): number;
  /** Least milliseconds between two progress messages (the last step of a run always reports). */
  progressMs?: number;
}

export class SweepHost {
  private busy = false;

  constructor(private readonly deps: SweepHostDeps) {}

  /** Starts the job of `m`; a second job while one runs is refused with an error message. */
  async handle(m: SweepToWorker): Promise<void> {
    const { post } = this.deps;
    if (this.busy) {
      post({ type: 'sweep-error', message: 'a sweep is already running in this worker' });
      return;
    }
    this.busy = true;
    try {
      if (m.type === 'deep') await this.deep(m.pair, m.steps);
      else if (m.type === 'lesion') await this.lesion(m.spec);
      else if (m.type === 'paths') await this.paths(m.spec);
      else if (m.type === 'shattered') await this.shattered(m.spec);
      else if (m.type === 'landscape') await this.landscape(m.spec);
      else await this.sweep(m.spec);
    } catch (e) {
      post({ type: 'sweep-error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.busy = false;
    }
  }

  private async deep(pair: DeepPair, steps: number): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const backend = await this.deps.prepare();
    let stepStarted = now();
    const traces = await runDeepPair(pair, {
      steps,
      loadDigits: this.deps.loadDigits,
      onPhase: (_, phase) => {
        stepStarted = now();
        post({ type: 'deep-phase', phase, backend });
      },
      onStep: (_, step, losses) => {
        const t = now();
        post({ type: 'deep-step', step, steps, losses, ms: t - stepStarted });
        stepStarted = t;
      },
    });
    post({ type: 'deep-done', traces: traces ?? [], ms: now() - started });
  }

  private async lesion(spec: LesionSpec): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const started = now();
    await this.deps.prepare();
    const total = lesionNets(spec).length;
    let done = 0;
    let last = -Infinity;
    await runLesionSpec(spec, {
      loadDigits: this.deps.loadDigits,
      onStep: (net, step) => {
        const t = now();
        const end = step === net.config.steps - 1;
        if (t - last < every && !end) return;
        last = t;
        const { arm, seed } = net;
        const steps = net.config.steps;
        post({ type: 'lesion-progress', arm, seed, step: step + 1, steps, done, total });
      },
      onRun: (run, d) => {
        done = d;
        post({ type: 'lesion-run', run, done: d, total });
      },
    });
    post({ type: 'lesion-done', ms: now() - started });
  }

  private async paths(spec: PathsSpec): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const started = now();
    await this.deps.prepare();
    const total = pathsSeeds(spec).length * spec.branchScales.length;
    let done = 0;
    let last = -Infinity;
    await runPathsSpec(spec, {
      loadDigits: this.deps.loadDigits,
      onProgress: ({ seed, branchScale }, progress) => {
        const t = now();
        // A phase's last report always goes out, so the bar reaches its end.
        const end =
          progress.phase === 'training'
            ? progress.step === progress.steps
            : progress.done === progress.total;
        if (t - last < every && !end) return;
        last = t;
        post({ type: 'paths-progress', seed, branchScale, progress, done, total });
      },
      onRun: (run, d) => {
        done = d;
        post({ type: 'paths-run', run, done: d, total });
      },
    });
    post({ type: 'paths-done', ms: now() - started });
  }

  private async shattered(spec: ShatteredSpec): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    await this.deps.prepare();
    const runs = await runShatteredSpec(spec, {
      onProgress: (done, total) => post({ type: 'shattered-progress', done, total }),
    });
    post({ type: 'shattered-done', runs: runs ?? [], ms: now() - started });
  }

  private async landscape(spec: LandscapeSpec): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const started = now();
    await this.deps.prepare();
    const slicesTotal = landscapeNets(spec).length * spec.bnStatistics.length;
    let slices = 0;
    let last = -Infinity;
    const report = (
      net: LandscapeNet,
      statistics: BnStatistics | null,
      done: number,
      total: number,
      final: boolean,
    ) => {
      const t = now();
      if (t - last < every && !final) return;
      last = t;
      const { arm, blocks, seed } = net;
      post({
        type: 'landscape-progress',
        arm,
        blocks,
        seed,
        statistics,
        done,
        total,
        slices,
        slicesTotal,
      });
    };
    await runLandscapeSpec(spec, {
      loadDigits: this.deps.loadDigits,
      // Training stops at the rule's target, often before the most steps it may take.
      onStep: (net, step) => report(net, null, step, net.config.steps, step === 1),
      onSlice: (net, statistics, done, total) =>
        report(net, statistics, done, total, done === total),
      onRun: (run, done, total) => {
        slices = done;
        post({ type: 'landscape-run', run, done, total });
      },
    });
    post({ type: 'landscape-done', ms: now() - started });
  }

  private async sweep(spec: SweepSpec): Promise<void> {
    const { post } = this.deps;
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const started = now();
    const backend = await this.deps.prepare();
    const total = sweepRuns(spec).length;
    post({ type: 'sweep-started', backend, total });
    let done = 0;
    let last = -Infinity;
    await runSweep(spec, {
      loadDigits: this.deps.loadDigits,
      onStep: (run, step) => {
        const t = now();
        const end = step === run.config.steps - 1;
        if (t - last < every && !end) return;
        last = t;
        const { arm, blocks, seed } = run;
        post({
          type: 'sweep-progress',
          arm,
          blocks,
          seed,
          step: step + 1,
          steps: run.config.steps,
          done,
          total,
        });
      },
      onPoint: (point, d) => {
        done = d;
        post({ type: 'sweep-point', point, done: d, total });
      },
    });
    post({ type: 'sweep-done', ms: now() - started });
  }
}
