/**
 * What the opening figure knows before any engine has loaded: its network at each offered depth
 * (the vanishing lab's residual net with its shortcuts set), the step-0 gradient profiles that
 * `npm run claims` measured for every shortcut and for none (claims.json, `hero`), and the numbers
 * its sentence states, read from those profiles. No tfjs here: the page draws from it at once.
 */
import claimsJson from '../../model/labs/claims.json';
import type { ClaimsData } from '../../model/labs/claims';
import {
  parseConfig,
  type ExperimentConfig,
  type Skip,
  type SkipSetting,
} from '../../model/engine/config';
import { preset } from '../../model/labs/presets';

const HERO = (claimsJson as unknown as ClaimsData).hero;

/** The depths the figure offers: those claims.json holds profiles for, shallow first. */
export const HERO_DEPTHS: readonly number[] = HERO.depths;
/** The depth it opens with: the deepest. */
export const HERO_BLOCKS = Math.max(...HERO_DEPTHS);

/**
 * The figure's network: the vanishing lab's residual net (24 pre-activation sigmoid blocks, no
 * batch norm, branch scale 0.15) with `skip` and `blocks` set. claims.ts's `heroConfig` builds
 * the same for uniform shortcuts (heroData.test.ts holds them equal); it is not imported because
 * claims.ts imports the engine's training, and with it tfjs.
 */
export function heroNet(skip: SkipSetting, blocks: number): ExperimentConfig {
  return parseConfig({ ...preset('vanishing').nets[1], skip, blocks });
}

/** ‖∂L/∂W‖ of each weight layer at step 0 (stem, block 1's two, …, head); null if not measured. */
export function precomputedProfile(skip: Skip, blocks: number): readonly number[] | null {
  const i = HERO_DEPTHS.indexOf(blocks);
  return i < 0 ? null : (HERO[skip][i] ?? null);
}

/**
 * One gradient per block from a profile: the norm of both its weight matrices' gradients
 * together, √(‖∂L/∂W₁‖² + ‖∂L/∂W₂‖²). Comparing blocks rather than single layers keeps the
 * comparison fair: inside a block the two layers differ by a steady factor (about 5 here).
 */
export function blockGradients(profile: ArrayLike<number>, blocks: number): number[] {
  return Array.from({ length: blocks }, (_, b) =>
    Math.hypot(profile[2 * b + 1]!, profile[2 * b + 2]!),
  );
}

/** What the figure's sentence states, at the deepest net. */
export interface HeroNumbers {
  blocks: number;
  /** Block 1's gradient over block n's, without shortcuts and with every one. */
  plainRatio: number;
  residualRatio: number;
  /** How many orders of magnitude block 1's gradient lies below block n's without shortcuts. */
  plainDecades: number;
}

/** The numbers of the sentence, from the precomputed profiles at `blocks`. */
export function heroNumbers(blocks = HERO_BLOCKS): HeroNumbers {
  const ratio = (skip: Skip) => {
    const g = blockGradients(precomputedProfile(skip, blocks)!, blocks);
    return g[0]! / g[blocks - 1]!;
  };
  const plainRatio = ratio('none');
  return {
    blocks,
    plainRatio,
    residualRatio: ratio('identity'),
    plainDecades: Math.floor(-Math.log10(plainRatio)),
  };
}
