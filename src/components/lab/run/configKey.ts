/**
 * One string per network: a config's fields in FIELD_RULES order, whatever order its object was
 * built in, and its shortcuts as one entry per block, whichever way they are spelled ('identity'
 * or a list of 'identity'). Two configs with the same key train the same numbers (the engine is
 * deterministic), so precomputed step-0 records (precomputed.ts) and the page's finished runs
 * (finishedRuns.ts) are looked up by it.
 */
import { FIELD_RULES, skipList, type ExperimentConfig } from '../../../model/engine/config';

export function configKey(c: ExperimentConfig): string {
  return JSON.stringify(
    (Object.keys(FIELD_RULES) as (keyof ExperimentConfig)[]).map((f) =>
      f === 'skip' ? skipList(c) : c[f],
    ),
  );
}

/** Whether two lists of networks train the same numbers, network by network. */
export function sameNets(a: readonly ExperimentConfig[], b: readonly ExperimentConfig[]): boolean {
  return a.length === b.length && a.every((c, i) => configKey(c) === configKey(b[i]!));
}
