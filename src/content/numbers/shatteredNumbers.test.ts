// @vitest-environment node
/**
 * The shattered-gradients numbers in the article's text: how they are formatted from a file's
 * measures, and that the text states the shipped file's (tests/shipped/shattered.test.ts checks the
 * claims those numbers back).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ShatteredMeasures } from '../../model/studies/shattered/spec';
import { ShatteredGradients } from '../sections/ShatteredGradients';
import {
  decimalRange,
  ratioRange,
  SHATTERED_HELD_OUT,
  SHATTERED_NUMBERS,
  shatteredNumbers,
} from './shatteredNumbers';

const measure = (seed: number, plainAtNoise: number, overPlain: number): ShatteredMeasures => ({
  seed,
  plainShallowest: 0.98,
  plainDeepest: 0.01,
  noiseDepth: seed === 3 ? 4 : 8,
  plainAtNoise,
  plainWhite: 0.041 + seed / 1000,
  plainDepthToHalf: 5,
  residual: [
    {
      branchScale: 1,
      shallowest: 0.97,
      deepest: -0.2,
      wherePlainShatters: 0.5,
      depthToHalf: 5 * overPlain,
      overPlain,
      overPreviousScale: null,
    },
    {
      branchScale: 0.25,
      shallowest: 0.99,
      deepest: 0.4,
      wherePlainShatters: 0.8,
      depthToHalf: 50,
      overPlain: 10,
      overPreviousScale: 10 / overPlain,
    },
  ],
});

describe('the shattered-gradients numbers', () => {
  it('are ranges over the seeds asked for, with minus signs and two significant digits', () => {
    expect(decimalRange([0.126, -0.0931, 0.05])).toBe('−0.09 to 0.13');
    expect(decimalRange([0.5, 0.501])).toBe('0.50');
    expect(ratioRange([1.51, 2.147])).toBe('1.5 to 2.1');
    expect(ratioRange([1.99, 12.03])).toBe('2.0 to 12');
    const m = [measure(1, 0.1, 1.5), measure(2, -0.05, 2), measure(3, 0.2, 3)];
    const n = shatteredNumbers(m, [1, 2]);
    expect(n).toMatchObject({
      seeds: '1 to 2',
      shallowest: '0.97 to 0.99',
      noiseDepth: '8',
      plainAtNoise: '−0.05 to 0.10',
      // The largest mean |r_k|, 0.043, rounded up: a bound the text can state.
      plainWhite: '0.05',
      scales: [
        { scale: 1, overPlain: '1.5 to 2.0', overPreviousScale: '', deepest: '−0.20' },
        { scale: 0.25, overPlain: '10', overPreviousScale: '5.0 to 6.7', deepest: '0.40' },
      ],
    });
    expect(shatteredNumbers(m, [1, 3]).noiseDepth).toBe('4 to 8');
    expect(() => shatteredNumbers(m, [4])).toThrow(/no measures for seed 4/);
    const never = { ...measure(1, 0.1, 2), noiseDepth: null, plainAtNoise: null };
    expect(() => shatteredNumbers([never], [1])).toThrow(/no depth where the plain net shatters/);
  });

  it('of the shipped file are what the text states', () => {
    const text = renderToStaticMarkup(createElement(ShatteredGradients)).replace(/<[^>]+>/g, '');
    const n = SHATTERED_NUMBERS;
    const [full, small] = n.scales;
    for (const part of [
      `r₁ is ${n.shallowest}.`,
      `By ${n.noiseDepth} blocks the plain network&#x27;s r₁ is ${n.plainAtNoise},`,
      `within ${n.plainWhite} of it on average`,
      `the residual network&#x27;s r₁ is still ${full!.wherePlainShatters}`,
      `only at ${full!.overPlain} times the plain network`,
      `(${full!.deepest})`,
      `at ${n.noiseDepth} blocks r₁ is ${small!.wherePlainShatters}`,
      `at ${small!.overPlain} times the plain network&#x27;s depth, ${small!.overPreviousScale} times that at scale 1`,
      `(${small!.deepest})`,
      `Seeds ${SHATTERED_HELD_OUT.seeds} pass the same lines`,
      `lead ${SHATTERED_HELD_OUT.scales[1]!.overPreviousScale} times the depth`,
    ])
      expect(text).toContain(part);
    expect(text).not.toMatch(/NaN|null|undefined|Infinity/);
  });
});
