/**
 * The numbers the article states about our labs, read from src/model/labs/claims.json (written by
 * `npm run claims`, checked for staleness by tests/shipped/claims.test.ts), formatted for the text.
 * Every figure is a range over seeds 1–3 at a configuration `configOf` names.
 */
import claimsJson from '../../model/labs/claims.json';
import type { ClaimsData, NetClaims } from '../../model/labs/claims';
import type { ExperimentConfig } from '../../model/engine/config';
import type { PresetId } from '../../model/labs/presets';
import { AT_CHANCE, FITS } from '../../model/labs/verdict';
import { rangeText } from './rangeText';

export const CLAIMS = claimsJson as unknown as ClaimsData;

/** Net `i` (0 = A, 1 = B) of preset `id`, on every claim seed. */
export function netOf(id: PresetId, i = 0): NetClaims {
  return CLAIMS.presets[id].nets[i]!;
}

const OPTIMIZER = { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' } as const;

/**
 * The configuration behind a number, in words: "24 blocks, 50 weight layers, width 32, batch
 * 64, circles data, Adam at 0.01, 300 steps, seeds 1–3". `steps: false` leaves out the training
 * (for measurements at initialisation).
 */
export function configOf(c: ExperimentConfig, { steps = true } = {}): string {
  const parts = [
    `${c.blocks} block${c.blocks === 1 ? '' : 's'}, ${2 * c.blocks + 2} weight layers`,
    `width ${c.width}`,
    `batch ${c.batchSize}`,
    `${c.dataset} data`,
  ];
  if (steps) parts.push(`${OPTIMIZER[c.optimizer]} at ${c.learningRate}`, `${c.steps} steps`);
  parts.push(`seeds ${CLAIMS.seeds[0]}–${CLAIMS.seeds.at(-1)}`);
  return parts.join(', ');
}

/** How a network was trained, in words: "Adam at 0.01, 300 steps". */
export function trainingOf(c: ExperimentConfig): string {
  return `${OPTIMIZER[c.optimizer]} at ${c.learningRate}, ${c.steps} steps`;
}

/** A number with `digits` significant digits, as TeX: 0.22, 16, {1.5\times10^{4}}. */
export function texNumber(x: number, digits = 2): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e >= -2 && e < 4) return String(Number(x.toPrecision(digits)));
  const m = Number((x / 10 ** e).toPrecision(digits));
  // Rounding can carry the mantissa to 10.
  const [mm, ee] = m >= 10 ? [m / 10, e + 1] : [m, e];
  // Braced, so that a line never breaks at the ×.
  return mm === 1 ? `10^{${ee}}` : `{${mm}\\times10^{${ee}}}`;
}

/** The range of `values` over seeds as TeX: "a" when all agree, else "a\text{ to }b". */
export function texRange(values: readonly number[], digits = 2): string {
  const lo = texNumber(Math.min(...values), digits);
  const hi = texNumber(Math.max(...values), digits);
  return lo === hi ? lo : `${lo}\\text{ to }${hi}`;
}

const measured = (values: readonly (number | null)[]) =>
  values.filter((x): x is number => x !== null);

/** The range of `values` as plain text with `decimals` decimals: "0.71 to 0.82". */
export function textRange(values: readonly (number | null)[], decimals = 2): string {
  return rangeText(measured(values), (v) => v.toFixed(decimals));
}

/** Training losses as text, three decimals below 0.1: "0.004 to 0.012", "0.36 to 0.54". */
export function lossRange(values: readonly (number | null)[]): string {
  return rangeText(measured(values), (x) => (x < 0.1 ? x.toFixed(3) : x.toFixed(2)));
}

/** Whether a final training loss fits the training set by the labs' verdict (verdict.ts). */
export function fits(loss: number | null, classes = 2): boolean {
  return loss !== null && loss <= FITS * Math.log(classes);
}

/** Whether a final training loss is still at chance by the labs' verdict (verdict.ts). */
export function atChance(loss: number | null, classes = 2): boolean {
  return loss === null || loss >= AT_CHANCE * Math.log(classes);
}

/** The seeds as text: "seeds 1–3", "seeds 4–6". */
export function seedsText(seeds: readonly number[]): string {
  return `seeds ${seeds[0]}–${seeds.at(-1)}`;
}
