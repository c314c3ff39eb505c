// @vitest-environment node
/**
 * The loss-landscape numbers in the article's text: how they are formatted from a file's measures,
 * and that the text states the shipped file's (tests/shipped/landscape.test.ts checks the claims those
 * numbers back).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  LANDSCAPE_SPEC,
  type BnStatistics,
  type LandscapeMeasure,
} from '../../model/studies/landscape/spec';
import {
  countRange,
  LANDSCAPE_HELD_OUT,
  LANDSCAPE_NUMBERS,
  landscapeNumbers,
  roughly,
  roughRange,
} from './landscapeNumbers';
import { LossLandscapes } from '../sections/LossLandscapes';

/** A made-up slice whose numbers follow from its depth and seed. */
const measure = (
  arm: 'plain' | 'residual',
  blocks: number,
  seed: number,
  statistics: BnStatistics,
): LandscapeMeasure => {
  const plain = arm === 'plain';
  const frozen = statistics === 'frozen';
  return {
    arm,
    blocks,
    seed,
    statistics,
    trained: {
      steps: plain ? blocks * 10 * seed : 25,
      loss: 0.09,
      accuracy: 0.98,
      reached: true,
    },
    result: {
      grid: 31,
      span: 1,
      centre: 0.08,
      lowest: { loss: 0.08, a: 0, b: 0 },
      basin: {
        belowChance: plain ? 0.03 + seed / 100 : 0.3 + seed / 100,
        rimMedian: frozen ? (plain ? 10 ** (blocks / 4) * seed : blocks * seed) : 1,
      },
      curvature: {
        radialNegative: 0.5,
        eigenNegative: 0.6,
        localMinima: frozen ? seed : plain ? 30 + blocks + seed : seed + 1,
        scale: 1,
      },
    },
  };
};

const all = [8, 16, 24].flatMap((b) =>
  [1, 2, 3].flatMap((s) =>
    (['plain', 'residual'] as const).flatMap((arm) =>
      (['frozen', 'recomputed'] as const).map((st) => measure(arm, b, s, st)),
    ),
  ),
);

describe('the loss-landscape numbers', () => {
  it('are formatted as ranges, large ones in powers of ten', () => {
    expect(countRange([1450, 2525, 2150])).toBe('1,450 to 2,525');
    expect(countRange([25, 25])).toBe('25');
    expect(roughly(3.14)).toBe('3.1');
    expect(roughly(8712)).toBe('8,700');
    expect(roughly(263_000)).toBe('2.6 × 10⁵');
    expect(roughly(1.04e12)).toBe('1.0 × 10¹²');
    expect(roughRange([5.3, 3.1])).toBe('3.1 to 5.3');
  });

  it('are read from the measures of the seeds asked for', () => {
    const n = landscapeNumbers(all, [1, 2], LANDSCAPE_SPEC);
    expect(n).toMatchObject({
      seeds: '1 to 2',
      depths: '8, 16 or 24',
      targetLoss: '0.1',
      residualSteps: '25',
      plainSteps: [
        { blocks: '8', steps: '80 to 160' },
        { blocks: '16', steps: '160 to 320' },
        { blocks: '24', steps: '240 to 480' },
      ],
      frozenMostMinima: '2',
      plainBelowChance: '4 to 5%',
      residualBelowChance: '31 to 32%',
      // 10^(blocks/4)·seed over blocks·seed: 10²/8 at 8 blocks to 10⁶/24 at 24.
      rimRatio: '13 to 4.2 × 10⁴',
      // 10⁶/10² and 24/8, whatever the seed.
      plainRise: '1.0 × 10⁴',
      residualRise: '3.0',
      recomputedPlainMinima: '39 to 56',
      recomputedResidualMostMinima: '3',
    });
  });

  it('are what the article states, for the seeds it reports and the held-out ones', () => {
    const html = renderToStaticMarkup(createElement(LossLandscapes)).replace(/<[^>]+>/g, '');
    const text = html.replace(/&#x27;/g, "'");
    const n = LANDSCAPE_NUMBERS;
    for (const fact of [
      `seeds ${n.seeds}, at every depth, each has at most ${n.frozenMostMinima} local minima`,
      `at most ${n.targetLoss}: the residual networks get there within ${n.residualSteps} steps`,
      ...n.plainSteps.map((p) => `${p.steps}`),
      `below chance on ${n.plainBelowChance} of the plane, the residual network's on ${n.residualBelowChance}`,
      `along the rim the plain loss is ${n.rimRatio} times the residual one`,
      `its median rises ${n.plainRise}-fold against ${n.residualRise}-fold`,
      `the plain slice has ${n.recomputedPlainMinima} local minima on the grid, the residual one at most ${n.recomputedResidualMostMinima}`,
      `Seeds ${LANDSCAPE_HELD_OUT.seeds} pass the same lines`,
      `below chance on ${LANDSCAPE_HELD_OUT.plainBelowChance} of the plane, the residual network's on ${LANDSCAPE_HELD_OUT.residualBelowChance}`,
    ])
      expect(text).toContain(fact);
  });
});
