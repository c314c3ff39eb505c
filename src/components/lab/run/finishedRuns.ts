/**
 * The page's finished runs: what a lab's history showed of each network whose run ended at its
 * step limit (or diverged before it), keyed by the network's whole config (seed and steps
 * included; configKey.ts). Runs are deterministic, so another lab with the same network shows
 * this run at once instead of training it again: Lab 1's residual net is Lab 4's
 * pre-activation net. One per page (LabPage), so nothing leaks between pages or tests.
 *
 * Entries are copied both ways (copySeries): a lab that takes a run and trains it further (Train
 * after the end) grows its own copy, never the stored one or the lab it came from.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { FrozenRun } from '../../../model/worker/protocol';
import { configKey } from './configKey';
import type { ReusedRun, RunHistory, RunSeries } from './runHistory';

/** Where a finished run was trained. */
export interface RunOrigin {
  /** The lab as the page names it ("Lab 1"). */
  lab: string;
  /** The network's letter in that lab ("A", "B"), or "" for a lab with one network. */
  net: string;
  /** The lab's controller, so that a lab can tell its own earlier run from another lab's. */
  owner: symbol;
}

/** One finished run: its history at the end, the last step it took, and where it ran. */
export interface FinishedRun {
  series: RunSeries;
  /** The last step taken: config.steps − 1, or the step it diverged at. */
  step: number;
  diverged: boolean;
  from: RunOrigin;
}

/**
 * A copy of a run's history that grows on its own: every list and series in it is new, so that a
 * lab that takes it and trains it further (Train after the end) never touches the stored run, nor
 * the stored run the lab it came from. What the lists hold (records, evaluations, grids, points)
 * is shared: a history only appends to its lists and replaces their entries, never changes one,
 * and copying a 5,000-step run's records would double the largest thing a lab keeps.
 */
export function copySeries(s: RunSeries): RunSeries {
  return {
    ...s,
    layers: [...s.layers],
    heatWeights: s.heatWeights.clone(),
    heatSignal: s.heatSignal.clone(),
    loss: s.loss.clone(),
    accuracy: s.accuracy.clone(),
    evals: [...s.evals],
    records: [...s.records],
  };
}

/**
 * The last step of `series` if it is a finished run of `config`: it took exactly config.steps
 * steps (records 0 … steps − 1) or diverged before that. A run stopped earlier is not finished,
 * and one that Train after the end took further is no longer the run of this config.
 */
function finalStep(
  config: ExperimentConfig,
  series: RunSeries,
): { step: number; diverged: boolean } | null {
  if (series.diverged)
    return series.diverged.step < config.steps
      ? { step: series.diverged.step, diverged: true }
      : null;
  const last = series.latest?.step;
  return last === config.steps - 1 && series.evals.at(-1)?.step === last
    ? { step: last, diverged: false }
    : null;
}

/** See the module comment. */
export class FinishedRuns {
  private readonly byKey = new Map<string, FinishedRun>();

  /** A copy of the finished run of `config`, or null when none ran on this page. */
  get(config: ExperimentConfig): FinishedRun | null {
    const run = this.byKey.get(configKey(config));
    return run ? { ...run, series: copySeries(run.series) } : null;
  }

  /**
   * Keeps a copy of `series` as the run of `config` if it is finished (see finalStep); returns
   * whether it did. The first lab to finish a network keeps it (a later identical run holds the
   * same numbers), but may replace it with a fuller history of the same run: a decision boundary
   * that arrives after the end.
   */
  put(config: ExperimentConfig, series: RunSeries, from: RunOrigin): boolean {
    const end = finalStep(config, series);
    if (!end) return false;
    const key = configKey(config);
    const kept = this.byKey.get(key);
    if (kept && kept.from.owner !== from.owner) return false;
    this.byKey.set(key, { series: copySeries(series), ...end, from });
    return true;
  }

  /** Whether `config` has a finished run on this page. */
  has(config: ExperimentConfig): boolean {
    return this.byKey.has(configKey(config));
  }

  /** How many networks have a finished run (for tests). */
  get size(): number {
    return this.byKey.size;
  }
}

/** A network's letter in a lab of `count` networks: "A", "B", or "" when it is alone. */
export function netLetter(index: number, count: number): string {
  return count > 1 ? (index === 0 ? 'A' : 'B') : '';
}

/**
 * Shows in `history` every network of `configs` that has a finished run on the page, and returns
 * what the worker is told of them (protocol.ts, FrozenRun: null for a run it trains). `owner`
 * is the lab asking, so that a run it finished itself reads as its own.
 */
export function showFinished(
  history: RunHistory,
  runs: FinishedRuns | undefined,
  configs: readonly ExperimentConfig[],
  owner: symbol,
): (FrozenRun | null)[] {
  return configs.map((c, i) => {
    const run = runs?.get(c);
    if (!run) return null;
    const { lab, net, owner: from } = run.from;
    history.reuse(i, run.series, { lab, net, here: from === owner, ...pick(run) });
    return pick(run);
  });
}

const pick = ({ step, diverged }: FinishedRun): FrozenRun => ({ step, diverged });

/** Offers each run of a finished lab to the page's finished runs (FinishedRuns.put decides). */
export function keepFinished(
  history: RunHistory,
  runs: FinishedRuns | undefined,
  configs: readonly ExperimentConfig[],
  lab: string,
  owner: symbol,
): void {
  if (!runs || history.runs.length !== configs.length) return;
  history.runs.forEach((series, i) =>
    runs.put(configs[i]!, series, { lab, net: netLetter(i, configs.length), owner }),
  );
}

/**
 * What a lab says of network `who` ("B", or "The network" when it is alone) when it shows the
 * run of an identical network that ended earlier on the page instead of training it: "B is the
 * same network as B in Lab 1: its run to step 399 is shown from there, not trained again."
 */
export function reusedText(who: string, r: ReusedRun): string {
  const run = r.diverged
    ? `its run, which diverged at step ${r.step}, is shown`
    : `its run to step ${r.step} is shown`;
  if (r.here)
    return `${who} ran with these settings earlier in this lab: ${run} again, not trained again.`;
  const same = r.net ? `${r.net} in ${r.lab}` : `the network in ${r.lab}`;
  return `${who} is the same network as ${same}: ${run} from there, not trained again.`;
}
