/**
 * The unrolled expansion of a stack of n residual blocks, x_{l+1} = x_l + F_l(x_l), l = 0 … n−1.
 *
 * For linear F the stack is the product (I + F_{n−1}) ⋯ (I + F_0) x_0. Multiplying it out picks,
 * for every block, either the identity or F_l, so each of the 2^n terms is one subset of blocks:
 * a path through the network. We encode a path as a bit mask (bit l set = the path goes through
 * F_l). Its length is the number of blocks it passes through, and there are C(n, k) paths of
 * length k. The product of the F's in a term is ordered: later blocks act last, so they stand on
 * the left (F_2 F_0 x_0 means F_0 first, then F_2).
 */

/** The largest depth the interactive expansion draws (2^8 = 256 terms). */
export const MAX_EXPANSION_DEPTH = 8;

/** One term of the expanded product: a path through the unrolled network. */
export interface PathTerm {
  /** Bit l is set when the path goes through block F_l. */
  mask: number;
  /** The blocks the path goes through, in the order they are written: highest index first. */
  blocks: number[];
  /** The number of blocks on the path (the popcount of `mask`). */
  length: number;
}

/** The terms of one length k with their count C(n, k). */
export interface TermGroup {
  length: number;
  count: number;
  terms: PathTerm[];
}

function checkDepth(n: number, max = MAX_EXPANSION_DEPTH): void {
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new RangeError(`depth must be an integer from 1 to ${max}, got ${n}`);
  }
}

/** Blocks on the path `mask`, highest index first (the order the product is written in). */
export function blocksOf(mask: number, n: number): number[] {
  const blocks: number[] = [];
  for (let l = n - 1; l >= 0; l--) if (mask & (1 << l)) blocks.push(l);
  return blocks;
}

/**
 * All 2^n terms of (I + F_{n−1}) ⋯ (I + F_0) x_0, shortest paths first; within a length the
 * terms are ordered by their written product, read left to right (F_2 F_1 before F_2 F_0).
 */
export function expansionTerms(n: number): PathTerm[] {
  checkDepth(n);
  const terms: PathTerm[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const blocks = blocksOf(mask, n);
    terms.push({ mask, blocks, length: blocks.length });
  }
  return terms.sort((a, b) => {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) {
      const d = (b.blocks[i] ?? 0) - (a.blocks[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/** The terms grouped by path length k = 0 … n, each group with its size C(n, k). */
export function groupByLength(n: number): TermGroup[] {
  const groups: TermGroup[] = Array.from({ length: n + 1 }, (_, k) => ({
    length: k,
    count: 0,
    terms: [],
  }));
  for (const term of expansionTerms(n)) {
    const group = groups[term.length];
    if (!group) throw new Error('unreachable: a term longer than the stack');
    group.terms.push(term);
    group.count++;
  }
  return groups;
}

/** The binomial coefficient C(n, k), exact for the small n used here. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return Math.round(c);
}
