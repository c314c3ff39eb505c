/**
 * The opening figure's settings: its depth and its shortcuts (one setting for all, or one per
 * block once the reader cuts single ones in the diagram), and how its controls change them.
 */
import { allSkips, noSkips, skipAt, type Skip, type SkipSetting } from '../../model/engine/config';
import { skipForBlocks, withShortcut } from '../../state/skipMask';
import { HERO_BLOCKS, HERO_DEPTHS } from './heroData';

export interface HeroState {
  blocks: number;
  skip: SkipSetting;
}

export type HeroAction =
  /** The "Skip connections" switch: every shortcut on, or none. */
  | { type: 'switch'; on: boolean }
  /** One of HERO_DEPTHS; cut shortcuts stay cut where their blocks remain. */
  | { type: 'depth'; blocks: number }
  /** Block `block`'s shortcut (0-based: block 1 is 0) on or cut. */
  | { type: 'shortcut'; block: number; on: boolean };

export const INITIAL_HERO: HeroState = { blocks: HERO_BLOCKS, skip: 'identity' };

export function heroReducer(state: HeroState, action: HeroAction): HeroState {
  switch (action.type) {
    case 'switch':
      return { ...state, skip: action.on ? 'identity' : 'none' };
    case 'depth':
      if (!HERO_DEPTHS.includes(action.blocks) || action.blocks === state.blocks) return state;
      return { blocks: action.blocks, skip: skipForBlocks(state, action.blocks) };
    case 'shortcut': {
      if (action.block < 0 || action.block >= state.blocks) return state;
      return { ...state, skip: withShortcut(state, action.block, action.on ? 'identity' : 'none') };
    }
  }
}

/** `identity` or `none` when every block has the same, null when some shortcuts are cut. */
export function uniformSkip(state: HeroState): Skip | null {
  if (allSkips(state)) return 'identity';
  return noSkips(state) ? 'none' : null;
}

/** Whether block `l`'s shortcut (0-based) is there. */
export function hasShortcut(state: HeroState, l: number): boolean {
  return skipAt(state, l) === 'identity';
}

/** How many of the blocks have lost their shortcut. */
export function cutCount(state: HeroState): number {
  let cut = 0;
  for (let l = 0; l < state.blocks; l++) if (!hasShortcut(state, l)) cut++;
  return cut;
}
