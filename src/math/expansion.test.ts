import { describe, expect, it } from 'vitest';
import {
  binomial,
  blocksOf,
  expansionTerms,
  groupByLength,
  MAX_EXPANSION_DEPTH,
} from './expansion';
import { productTex, stackTex, sumTex, jacobianTex, termTex } from './tex';

describe('expansionTerms', () => {
  it('has 2^n distinct terms for every depth', () => {
    for (let n = 1; n <= MAX_EXPANSION_DEPTH; n++) {
      const terms = expansionTerms(n);
      expect(terms).toHaveLength(2 ** n);
      expect(new Set(terms.map((t) => t.mask)).size).toBe(2 ** n);
    }
  });

  it('counts terms by length with the binomial coefficients', () => {
    for (let n = 1; n <= MAX_EXPANSION_DEPTH; n++) {
      const groups = groupByLength(n);
      expect(groups.map((g) => g.count)).toEqual(
        Array.from({ length: n + 1 }, (_, k) => binomial(n, k)),
      );
      for (const g of groups) expect(g.terms.every((t) => t.length === g.length)).toBe(true);
    }
    expect(binomial(8, 4)).toBe(70);
  });

  it('writes each product with the later block on the left', () => {
    expect(blocksOf(0b101, 3)).toEqual([2, 0]);
    const terms = expansionTerms(3);
    expect(terms.map(termTex)).toEqual([
      'x_0',
      'F_{2}\\,x_0',
      'F_{1}\\,x_0',
      'F_{0}\\,x_0',
      'F_{2}F_{1}\\,x_0',
      'F_{2}F_{0}\\,x_0',
      'F_{1}F_{0}\\,x_0',
      'F_{2}F_{1}F_{0}\\,x_0',
    ]);
    for (const t of terms) {
      expect([...t.blocks].sort((a, b) => b - a)).toEqual(t.blocks);
    }
  });

  it('sorts shortest paths first', () => {
    const lengths = expansionTerms(5).map((t) => t.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  it('rejects depths outside 1 … 8', () => {
    expect(() => expansionTerms(0)).toThrow(RangeError);
    expect(() => expansionTerms(9)).toThrow(RangeError);
    expect(() => expansionTerms(2.5)).toThrow(RangeError);
  });
});

describe('equation TeX', () => {
  it('indexes the stack from 0 to n−1 consistently', () => {
    const tex = stackTex(3);
    expect(tex).toContain('x_{1} &= x_{0} + F_{0}(x_{0})');
    expect(tex).toContain('x_{3} &= x_{2} + F_{2}(x_{2})');
    expect(tex).not.toContain('F_{3}');
  });

  it('writes the sum, the product and the Jacobian with one factor per block', () => {
    expect(sumTex(2)).toContain('x_{2} &= x_{0} + F_{0}(x_{0}) + F_{1}(x_{1})');
    // Long sums wrap after four terms.
    expect(sumTex(8)).toContain('F_{3}(x_{3}) \\\\ &\\quad + F_{4}(x_{4})');
    expect(productTex(3)).toBe(
      '\\begin{aligned}x_{3} &= (I + F_{2})(I + F_{1})(I + F_{0})\\,x_{0}\\end{aligned}',
    );
    // Four factors to a line, so that n = 8 fits a phone's column.
    expect(productTex(8).split('\\\\')).toHaveLength(2);
    expect(jacobianTex(8).match(/\\\\ &\\quad/g)).toHaveLength(1);
    expect(jacobianTex(2).match(/\(I \+ J_/g)).toHaveLength(2);
  });
});
