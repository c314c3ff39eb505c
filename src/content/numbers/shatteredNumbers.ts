/**
 * The numbers the article states about the shattered-gradients figure, read from its shipped file
 * (public/sweeps/shattered.json, written by `npm run sweep -- --shattered`; tests/shipped/shattered.test.ts
 * checks that its measures are those of its runs and that the claims hold), formatted for the
 * text. Only the file's small `measures` is imported: the bundler leaves the runs out.
 */
import { measures as shippedMeasures } from '../../../public/sweeps/shattered.json';
import {
  SHATTERED_SPEC,
  SHATTERED_THRESHOLDS,
  type ResidualMeasures,
  type ShatteredMeasures,
  type ShatteredSpec,
} from '../../model/studies/shattered/spec';
import { rangeText, signed } from './rangeText';

/** "0.47 to 0.67" (`decimals` decimals), or one number when all round alike. */
export const decimalRange = (values: readonly number[], decimals = 2): string =>
  rangeText(values, (v) => signed(v.toFixed(decimals)));

/** "1.5 to 2.1", "2.0 to 12": two significant digits (whole numbers from 100). */
export const ratioRange = (values: readonly number[]): string =>
  rangeText(values, (v) => signed(Math.abs(v) >= 100 ? String(Math.round(v)) : v.toPrecision(2)));

/** "8", or "4 to 8" when the seeds differ. */
const depthRange = (values: readonly number[]) => rangeText(values, String);

/** Every value, or an error naming what is missing (the test of the shipped file checks none is). */
function all<T>(values: readonly (T | null)[], what: string): T[] {
  if (values.some((v) => v === null)) throw new Error(`shattered.json: no ${what} on some seed`);
  return values as T[];
}

/** What the text says of the residual nets at one branch scale, on some seeds. */
export interface ScaleNumbers {
  scale: number;
  /** r₁ where the plain net's has fallen to noise. */
  wherePlainShatters: string;
  /** Depth to r₁ = 0.5 over the plain net's. */
  overPlain: string;
  /** Depth to r₁ = 0.5 over that of the scale before it (empty for the first scale). */
  overPreviousScale: string;
  /** r₁ of the deepest net. */
  deepest: string;
}

/** The article's numbers, as text, over `seeds` of `measures`. */
export function shatteredNumbers(
  measures: readonly ShatteredMeasures[],
  seeds: readonly number[],
  spec: ShatteredSpec = SHATTERED_SPEC,
) {
  const mine = seeds.map((s) => {
    const m = measures.find((x) => x.seed === s);
    if (!m) throw new Error(`shattered.json: no measures for seed ${s}`);
    return m;
  });
  const scale = (i: number) => mine.map((m) => m.residual[i]!);
  const pick = (rs: ResidualMeasures[], key: keyof ResidualMeasures, what: string) =>
    all(
      rs.map((r) => r[key]),
      what,
    );
  return {
    seeds: `${seeds[0]} to ${seeds.at(-1)}`,
    points: String(spec.points),
    maxLag: String(spec.maxLag),
    deepest: String(spec.depths.at(-1)),
    halfLevel: String(SHATTERED_THRESHOLDS.halfLevel),
    residualDeepestLine: String(SHATTERED_THRESHOLDS.residualDeepest),
    /** r₁ of the shallowest nets, plain and residual at every scale. */
    shallowest: decimalRange(
      mine.flatMap((m) => [m.plainShallowest, ...m.residual.map((r) => r.shallowest)]),
    ),
    noiseDepth: depthRange(
      all(
        mine.map((m) => m.noiseDepth),
        'depth where the plain net shatters',
      ),
    ),
    plainAtNoise: decimalRange(
      all(
        mine.map((m) => m.plainAtNoise),
        'plain r₁ there',
      ),
    ),
    /** An upper bound on the plain nets' mean |r_k| from there on, rounded up. */
    plainWhite: String(
      Math.ceil(
        100 *
          Math.max(
            ...all(
              mine.map((m) => m.plainWhite),
              'plain autocorrelation',
            ),
          ),
      ) / 100,
    ),
    scales: spec.branchScales.map((s, i): ScaleNumbers => ({
      scale: s,
      wherePlainShatters: decimalRange(pick(scale(i), 'wherePlainShatters', `r₁ at ×${s}`)),
      overPlain: ratioRange(pick(scale(i), 'overPlain', `depth ratio at ×${s}`)),
      overPreviousScale:
        i === 0 ? '' : ratioRange(pick(scale(i), 'overPreviousScale', `scale ratio at ×${s}`)),
      deepest: decimalRange(scale(i).map((r) => r.deepest)),
    })),
  };
}

const MEASURES = shippedMeasures as unknown as ShatteredMeasures[];

/** The numbers on the seeds the page reports. */
export const SHATTERED_NUMBERS = shatteredNumbers(MEASURES, SHATTERED_SPEC.seeds);
/** The numbers on the held-out seeds, which set no threshold. */
export const SHATTERED_HELD_OUT = shatteredNumbers(MEASURES, SHATTERED_SPEC.heldOutSeeds);
