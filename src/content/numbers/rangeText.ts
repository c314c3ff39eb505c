/**
 * Ranges over seeds as the article writes them: "a" when both ends read alike, else "a to b";
 * a percentage carries one sign at the end ("71 to 82%"). One place, so that every section
 * prints a range, a percentage and a minus sign the same way.
 */

/** "a", or "a to b" when the ends differ as written. */
export const span = (lo: string, hi: string): string => (lo === hi ? lo : `${lo} to ${hi}`);

/** The range of `values`, each end written by `format`. */
export function rangeText(values: readonly number[], format: (v: number) => string): string {
  return span(format(Math.min(...values)), format(Math.max(...values)));
}

/** A number as text with a real minus sign. */
export const signed = (text: string): string => text.replace(/^-/, '−');

/** Shares in [0, 1] as whole percentages: "71 to 82%", "44%". */
export const percentRange = (values: readonly number[]): string =>
  `${rangeText(values, (v) => String(Math.round(100 * v)))}%`;
