/**
 * TeX strings for the equations that follow the depth control. Every builder writes the equation
 * out term by term for the chosen n, with the 0-based notation x_{l+1} = x_l + F_l(x_l).
 */
import type { PathTerm } from './expansion';

const SUM_TERMS_PER_LINE = 4;
/** Factors per line of the written-out products: four fit a 375 px phone's column. */
const FACTORS_PER_LINE = 4;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** x with a subscript that may be an expression, e.g. x(0) = "x_{0}". */
const x = (i: number) => `x_{${i}}`;

/** The stack, one line per block: x_{l+1} = x_l + F_l(x_l) for l = 0 … n−1. */
export function stackTex(n: number): string {
  const lines = range(n).map((l) => `${x(l + 1)} &= ${x(l)} + F_{${l}}(${x(l)})`);
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

/** The exact sum x_n = x_0 + Σ F_l(x_l), written out: it holds for any F. */
export function sumTex(n: number): string {
  const terms = range(n).map((l) => `F_{${l}}(${x(l)})`);
  // Four terms per line keep the written-out sum inside the column up to n = 8.
  const lines: string[] = [];
  for (let i = 0; i < n; i += SUM_TERMS_PER_LINE) {
    lines.push(terms.slice(i, i + SUM_TERMS_PER_LINE).join(' + '));
  }
  const written = lines.join(' \\\\ &\\quad + ');
  return `\\begin{aligned}${x(n)} &= ${x(0)} + ${written} \\\\ &= x_0 + \\sum_{l=0}^{${n - 1}} F_l(x_l)\\end{aligned}`;
}

/** `factors` written FACTORS_PER_LINE to a line, lines after the first indented, for `aligned`. */
function factorLines(factors: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < factors.length; i += FACTORS_PER_LINE)
    lines.push(factors.slice(i, i + FACTORS_PER_LINE).join(''));
  return lines.join(' \\\\ &\\quad ');
}

/** The product (I + F_{n−1}) ⋯ (I + F_0) x_0, valid when every F_l is linear. */
export function productTex(n: number): string {
  const factors = range(n)
    .reverse()
    .map((l) => `(I + F_{${l}})`);
  return `\\begin{aligned}${x(n)} &= ${factorLines(factors)}\\,${x(0)}\\end{aligned}`;
}

/** The Jacobian ∂x_n/∂x_0 = Π (I + J_l), exact for any differentiable F. */
export function jacobianTex(n: number): string {
  const factors = range(n)
    .reverse()
    .map((l) => `(I + J_{${l}})`);
  return `\\begin{gathered}\\begin{aligned}\\frac{\\partial ${x(n)}}{\\partial ${x(0)}} &= ${factorLines(factors)},\\end{aligned} \\\\ J_l = \\frac{\\partial F_l}{\\partial x}\\Big|_{x = x_l}\\end{gathered}`;
}

/** One term of the expansion, e.g. F_{2}F_{0}\,x_0; the empty path is x_0 itself. */
export function termTex(term: PathTerm): string {
  if (term.length === 0) return 'x_0';
  return `${term.blocks.map((l) => `F_{${l}}`).join('')}\\,x_0`;
}

/** A plain-text name for a term, for screen readers: "F 2 after F 0, applied to x 0". */
export function termLabel(term: PathTerm): string {
  if (term.length === 0) return 'x 0 (the identity path, no block)';
  const names = term.blocks.map((l) => `F ${l}`).join(' after ');
  return `${names} applied to x 0 (a path through ${term.length} block${term.length > 1 ? 's' : ''})`;
}
