/**
 * The lesion figure's experiment: a plain and a residual net of the same depth, trained alike,
 * then taken apart block by block at test time (lesion.ts). What it is, what it records and how
 * its outcome is judged live here, without tfjs, so that the page can draw shipped results.
 *
 * The nets are sigmoid nets with batch norm on the circles data: a plain net of 24 blocks that
 * trains (batch norm rescues the plain sigmoid net of the vanishing lab), so that deleting its
 * blocks is compared with a net that works, not with one stuck at chance. The residual net's
 * branches are scaled by 0.15, as in the vanishing lab.
 */
import { parseConfig, type ExperimentConfig } from './config';
import type { LesionResult } from './lesion';
import { ANALYSED_NET, SWEEP_ARMS, type SweepArm } from './study-nets';

/** What the lesion figure trains and takes apart. */
export interface LesionSpec {
  /** Everything but `skip` and `seed`. */
  base: ExperimentConfig;
  seeds: readonly number[];
  /** Random draws per number of deleted blocks. */
  draws: number;
  /** Most blocks deleted together. */
  kMax: number;
}

export const LESION_SPEC: LesionSpec = {
  base: ANALYSED_NET,
  seeds: [1, 2, 3],
  draws: 10,
  kMax: 12,
};

/** Where the shipped lesion study lives, relative to the app's base URL (and under public/). */
export const LESION_FILE = 'sweeps/lesion.json';

/** One net of the study: its arm, seed and config. */
export interface LesionNet {
  arm: SweepArm;
  seed: number;
  config: ExperimentConfig;
}

/** A trained net's lesion study. */
export interface LesionRun {
  arm: SweepArm;
  seed: number;
  result: LesionResult;
}

/** A finished study, as `npm run sweep -- --lesion` writes it. */
export interface LesionFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: LesionSpec;
  runs: LesionRun[];
}

/** The nets of `spec`, seed by seed, plain first. */
export function lesionNets(spec: LesionSpec): LesionNet[] {
  return spec.seeds.flatMap((seed) =>
    SWEEP_ARMS.map((arm) => ({
      arm,
      seed,
      config: parseConfig({ ...spec.base, seed, skip: arm === 'plain' ? 'none' : 'identity' }),
    })),
  );
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const middle = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Mean test error over the draws, for each number of deleted blocks k = 1 … kMax. */
export function meanByK(result: LesionResult): { k: number; error: number }[] {
  return result.random.map((r) => ({ k: r.k, error: mean(r.errors) }));
}

/** Error of two classes at chance. */
export const CHANCE_ERROR = 0.5;

/** What a seed shows: the plain net breaks at one deletion, the residual net degrades gradually. */
export interface LesionVerdict {
  seed: number;
  /** The plain net fits, and deleting a typical single block sends it to about chance. */
  plainBreaks: boolean;
  /** Deleting a typical single block barely hurts the residual net, and error grows with k. */
  residualGraceful: boolean;
}

/** Judges each seed of `runs`. */
export function lesionVerdicts(runs: readonly LesionRun[]): LesionVerdict[] {
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const plain = runs.find((r) => r.seed === seed && r.arm === 'plain')?.result;
    const residual = runs.find((r) => r.seed === seed && r.arm === 'residual')?.result;
    const plainBreaks = !!plain && plain.intact < 0.1 && middle(plain.single) > CHANCE_ERROR - 0.1;
    let residualGraceful = false;
    if (residual) {
      const byK = meanByK(residual);
      residualGraceful =
        residual.intact < 0.1 &&
        middle(residual.single) < residual.intact + 0.05 &&
        byK[0]!.error < 0.25 &&
        byK.at(-1)!.error > byK[0]!.error;
    }
    return { seed, plainBreaks, residualGraceful };
  });
}
