/**
 * The numbers the article states about the path-length study, read from
 * src/content/pathsNumbers.json (written by `npm run sweep -- --paths` with the shipped study,
 * public/sweeps/paths.json, and checked against it by tests/shipped/paths.test.ts), formatted for the
 * text. Every figure is a range over the seeds the page reports (1–3).
 */
import numbersJson from '../pathsNumbers.json';
import type { PathsNumbers, PathsScaleNumbers, Range } from '../../model/studies/paths/spec';
import { rangeText } from './rangeText';

export const PATHS_NUMBERS = numbersJson as unknown as PathsNumbers;

/** The numbers of the nets at branch scale `scale`. */
export function atScale(scale: number): PathsScaleNumbers {
  const found = PATHS_NUMBERS.scales.find((s) => s.branchScale === scale);
  if (!found) throw new Error(`the path-length study has no branch scale ${scale}`);
  return found;
}

/** A range with `decimals` decimals: "4.1 to 5.5". */
export const fixedRange = (range: Range, decimals = 1) =>
  rangeText(range, (v) => v.toFixed(decimals));

/** A share as a percentage, one decimal below 10%: "1.1%", "69%". */
export const percent = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;

/** A number to two significant digits, thousands separated: 1591 → "1,600", 4.2 → "4.2". */
function twoDigits(v: number): string {
  const rounded = Number(v.toPrecision(2));
  return rounded >= 1000 ? String(rounded).replace(/\B(?=(\d{3})+$)/g, ',') : String(rounded);
}

/** A range of factors to two significant digits: "770 to 1,600". */
export const factorRange = (range: Range) => rangeText(range, twoDigits);
