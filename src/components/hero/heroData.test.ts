/**
 * The opening figure's data: its nets are claims.ts's hero nets, its precomputed profiles are
 * what the engine computes for them, and they still say what the figure's sentence says.
 */
import { describe, expect, it } from 'vitest';
import { HERO_DEPTHS as CLAIMED_DEPTHS, heroConfig } from '../../model/labs/claims';
import { runExperiment } from '../../model/engine/experiment';
import {
  blockGradients,
  HERO_BLOCKS,
  HERO_DEPTHS,
  heroNet,
  heroNumbers,
  precomputedProfile,
} from './heroData';

describe('the opening figure’s data', () => {
  it('offers the depths claims.ts measures, with its nets, opening at 24 blocks', () => {
    expect(HERO_DEPTHS).toEqual(CLAIMED_DEPTHS);
    expect(HERO_BLOCKS).toBe(24);
    for (const blocks of HERO_DEPTHS)
      for (const skip of ['identity', 'none'] as const)
        expect(heroNet(skip, blocks)).toEqual(heroConfig(skip, blocks));
  });

  it('has a profile of every weight layer for both switch positions at every depth', () => {
    for (const blocks of HERO_DEPTHS)
      for (const skip of ['identity', 'none'] as const) {
        const p = precomputedProfile(skip, blocks)!;
        expect(p).toHaveLength(2 * blocks + 2);
        expect(p.every((g) => Number.isFinite(g) && g > 0)).toBe(true);
      }
    expect(precomputedProfile('identity', 5)).toBeNull();
  });

  it('draws what the engine computes at step 0', async () => {
    const blocks = HERO_DEPTHS[0]!;
    for (const skip of ['identity', 'none'] as const) {
      const r = await runExperiment(heroNet(skip, blocks), { steps: 1 });
      const engine = Array.from(r.history[0]!.gradNorms);
      const shipped = precomputedProfile(skip, blocks)!;
      // claims.json was made on wasm; the tests may run on another backend: float32 rounding.
      engine.forEach((g, i) => expect(Math.abs(g / shipped[i]! - 1)).toBeLessThan(1e-4));
    }
  });

  it('takes a block’s gradient as both its layers’ together', () => {
    expect(blockGradients([9, 3, 4, 6, 8, 9], 2)).toEqual([5, 10]);
  });

  // "Without shortcuts block 1 gets {plainDecades} orders of magnitude less of it than block
  // {blocks}; with them, about as much ({residualRatio} times)."
  it('still shows what the sentence says', () => {
    const n = heroNumbers();
    expect(n.blocks).toBe(24);
    // The sentence's number is floor(−log10 plainRatio), read from the shipped profile; what can
    // fail is that the profile stops showing a vanishing gradient.
    expect(n.plainDecades).toBeGreaterThanOrEqual(10);
    expect(n.residualRatio).toBeGreaterThan(0.5);
    expect(n.residualRatio).toBeLessThan(2);
    // The sentence follows the depth picked: at every depth offered, "less" and "about as much".
    for (const blocks of HERO_DEPTHS) {
      const at = heroNumbers(blocks);
      expect(at.plainDecades, `${blocks} blocks`).toBeGreaterThanOrEqual(1);
      expect(at.residualRatio, `${blocks} blocks`).toBeGreaterThan(0.5);
      expect(at.residualRatio, `${blocks} blocks`).toBeLessThan(2);
    }
  });
});
