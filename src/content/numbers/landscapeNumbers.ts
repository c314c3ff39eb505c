/**
 * The numbers the article states about the loss-landscape figure, read from its shipped file
 * (public/sweeps/landscape.json, written by `npm run sweep -- --landscape`; tests/shipped/landscape.test.ts
 * checks that its measures are those of its slices and that the claims hold), formatted for the
 * text. Only the file's `measures` is imported: the bundler leaves the slices' losses out.
 */
import { measures as shippedMeasures } from '../../../public/sweeps/landscape.json';
import {
  LANDSCAPE_SPEC,
  type BnStatistics,
  type LandscapeMeasure,
  type LandscapeSpec,
} from '../../model/studies/landscape/spec';
import { landscapeOf } from '../../model/studies/landscape/verdicts';
import type { SweepArm } from '../../model/studies/nets';
import { percentRange, rangeText } from './rangeText';

/** "3", or "3 to 7": whole numbers with thousands separators. */
export const countRange = (values: readonly number[]): string =>
  rangeText(values, (v) => Math.round(v).toLocaleString('en-GB'));

/** "0.026 to 0.066" (`decimals` decimals), or one number when all round alike. */
export const decimalRange = (values: readonly number[], decimals = 3): string =>
  rangeText(values, (v) => v.toFixed(decimals));

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A large number in two significant digits: "5.3", "870", "8,700", "2.6 × 10⁵". */
export function roughly(v: number): string {
  if (v < 10) return v.toPrecision(2);
  if (v < 1e4) return Number(v.toPrecision(2)).toLocaleString('en-GB');
  const [mantissa = '', exponent = ''] = v.toExponential(1).split('e+');
  const power = [...exponent].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `${mantissa} × 10${power}`;
}

/** "3.1 to 5.3", "8,700 to 2.6 × 10⁵": `roughly` at both ends. */
export const roughRange = (values: readonly number[]): string => rangeText(values, roughly);

/** The article's numbers, as text, over `seeds` of `measures`. */
export function landscapeNumbers(
  measures: readonly LandscapeMeasure[],
  seeds: readonly number[],
  spec: LandscapeSpec = LANDSCAPE_SPEC,
) {
  const of = (seed: number, blocks: number, statistics: BnStatistics, arm: SweepArm) => {
    const m = landscapeOf(measures, seed, blocks, statistics, arm);
    if (!m)
      throw new Error(
        `landscape.json: no ${arm} ${statistics} slice, ${blocks} blocks, seed ${seed}`,
      );
    return m;
  };
  /** `f` of every depth and seed's slice of `arm` with `statistics`. */
  const every = (statistics: BnStatistics, arm: SweepArm, f: (m: LandscapeMeasure) => number) =>
    spec.depths.flatMap((b) => seeds.map((s) => f(of(s, b, statistics, arm))));
  const [shallow, deep] = [spec.depths[0]!, spec.depths.at(-1)!];
  /** How many times the frozen rim of `arm` rises from the shallowest depth to the deepest. */
  const rise = (arm: SweepArm) =>
    seeds.map(
      (s) =>
        of(s, deep, 'frozen', arm).result.basin.rimMedian /
        of(s, shallow, 'frozen', arm).result.basin.rimMedian,
    );
  return {
    seeds: `${seeds[0]} to ${seeds.at(-1)}`,
    depths: `${spec.depths.slice(0, -1).join(', ')} or ${deep}`,
    shallow: String(shallow),
    deep: String(deep),
    targetLoss: String(spec.training.targetLoss),
    /** The most steps a residual net took. */
    residualSteps: countRange([Math.max(...every('frozen', 'residual', (m) => m.trained.steps))]),
    /** The plain nets' steps, depth by depth. */
    plainSteps: spec.depths.map((blocks) => ({
      blocks: String(blocks),
      steps: countRange(seeds.map((s) => of(s, blocks, 'frozen', 'plain').trained.steps)),
    })),
    frozenMostMinima: String(
      Math.max(
        ...every('frozen', 'plain', (m) => m.result.curvature.localMinima),
        ...every('frozen', 'residual', (m) => m.result.curvature.localMinima),
      ),
    ),
    plainBelowChance: percentRange(every('frozen', 'plain', (m) => m.result.basin.belowChance)),
    residualBelowChance: percentRange(
      every('frozen', 'residual', (m) => m.result.basin.belowChance),
    ),
    /** The plain rim's median over the residual one's, frozen, at every depth and seed. */
    rimRatio: roughRange(
      spec.depths.flatMap((b) =>
        seeds.map(
          (s) =>
            of(s, b, 'frozen', 'plain').result.basin.rimMedian /
            of(s, b, 'frozen', 'residual').result.basin.rimMedian,
        ),
      ),
    ),
    plainRise: roughRange(rise('plain')),
    residualRise: roughRange(rise('residual')),
    recomputedPlainMinima: countRange(
      every('recomputed', 'plain', (m) => m.result.curvature.localMinima),
    ),
    recomputedResidualMostMinima: String(
      Math.max(...every('recomputed', 'residual', (m) => m.result.curvature.localMinima)),
    ),
  };
}

const measures = shippedMeasures as unknown as LandscapeMeasure[];

/** The numbers of the seeds the article reports (they set the claims' thresholds). */
export const LANDSCAPE_NUMBERS = landscapeNumbers(measures, LANDSCAPE_SPEC.seeds);
/** The same numbers on the held-out seeds, which set no threshold. */
export const LANDSCAPE_HELD_OUT = landscapeNumbers(measures, LANDSCAPE_SPEC.heldOutSeeds);
