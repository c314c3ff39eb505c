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
import { parseConfig, type ExperimentConfig } from '../../engine/config';
import { ANALYSED_NET, SWEEP_ARMS, type SweepArm } from '../nets';

/** What a lesion study measures on one trained network. */
export interface LesionResult {
  /** Test error of the intact network. */
  intact: number;
  /** Test error with block i + 1 deleted alone, for every block (length n). */
  single: number[];
  /** For each k, the test error of each draw of k blocks deleted at random. */
  random: { k: number; errors: number[] }[];
}

/** What the lesion figure trains and takes apart. */
export interface LesionSpec {
  /** Everything but `skip` and `seed`. */
  base: ExperimentConfig;
  /** The seeds the page reports; the verdicts' thresholds were set on them. */
  seeds: readonly number[];
  /** Seeds that set no threshold and only check the verdicts (run after `seeds`). */
  heldOutSeeds: readonly number[];
  /** Random draws per number of deleted blocks. */
  draws: number;
  /** Most blocks deleted together. */
  kMax: number;
}

export const LESION_SPEC: LesionSpec = {
  base: ANALYSED_NET,
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
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

/** The nets of `spec`, seed by seed (reported seeds first, then held-out ones), plain first. */
export function lesionNets(spec: LesionSpec): LesionNet[] {
  return [...spec.seeds, ...spec.heldOutSeeds].flatMap((seed) =>
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

/**
 * The verdicts' thresholds, on test error. Set on seeds 1–3 (the first four when the figure was
 * made, the last two for the sentences they check when held-out seeds came in, before those were
 * run); seeds 4–6 only check them.
 */
export const LESION_THRESHOLDS = {
  /** An intact net fits when its error is below this. */
  fits: 0.1,
  /** An error within this of chance is about chance. */
  nearChance: 0.1,
  /** A typical single deletion "barely moves" the residual net: less than this above intact. */
  barelyMoves: 0.05,
  /** A mean error below this, with blocks deleted, is far from chance. */
  farFromChance: 0.25,
  /** A block matters on its own when deleting it alone raises the error by more than this… */
  matters: 0.1,
  /** …and "a few" such blocks are at least one and at most this share of the blocks. */
  fewShare: 0.25,
} as const;

/** What a seed shows; each field is one sentence of the article's lesion paragraph. */
export interface LesionVerdict {
  seed: number;
  /** The plain net fits, and deleting a typical single block sends it to about chance. */
  plainBreaks: boolean;
  /** Deleting any number k of random blocks leaves the plain net at about chance (mean over draws). */
  plainStaysBroken: boolean;
  /** The residual net fits, deleting a typical single block barely hurts it, and error grows with k. */
  residualGraceful: boolean;
  /** With one or two random blocks deleted, the residual net is still far from chance. */
  residualFewFar: boolean;
  /** With the most blocks deleted (half of them), the residual net is at about chance. */
  residualHalfAtChance: boolean;
  /** A few of the residual net's blocks (the spikes) matter on their own. */
  residualFewMatter: boolean;
}

/** Judges each seed of `runs`. */
export function lesionVerdicts(runs: readonly LesionRun[]): LesionVerdict[] {
  const t = LESION_THRESHOLDS;
  const nearChance = (e: number) => e > CHANCE_ERROR - t.nearChance;
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const plain = runs.find((r) => r.seed === seed && r.arm === 'plain')?.result;
    const residual = runs.find((r) => r.seed === seed && r.arm === 'residual')?.result;
    const v: LesionVerdict = {
      seed,
      plainBreaks: false,
      plainStaysBroken: false,
      residualGraceful: false,
      residualFewFar: false,
      residualHalfAtChance: false,
      residualFewMatter: false,
    };
    if (plain) {
      v.plainBreaks = plain.intact < t.fits && nearChance(middle(plain.single));
      v.plainStaysBroken = meanByK(plain).every((x) => nearChance(x.error));
    }
    if (residual) {
      const byK = meanByK(residual);
      const fits = residual.intact < t.fits;
      v.residualGraceful =
        fits &&
        middle(residual.single) < residual.intact + t.barelyMoves &&
        byK[0]!.error < t.farFromChance &&
        byK.at(-1)!.error > byK[0]!.error;
      v.residualFewFar = fits && byK.slice(0, 2).every((x) => x.error < t.farFromChance);
      v.residualHalfAtChance = nearChance(byK.at(-1)!.error);
      const matter = residual.single.filter((e) => e > residual.intact + t.matters).length;
      v.residualFewMatter = matter >= 1 && matter <= t.fewShare * residual.single.length;
    }
    return v;
  });
}
