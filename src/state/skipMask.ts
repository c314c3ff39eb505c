/**
 * A net's per-block shortcuts as the controls change them: one block's shortcut cut or restored
 * (the opening figure's diagram), the depth changed under a list, a list read from a URL. Every
 * result is spelled as parseConfig spells it (a list whose entries are all equal is that one
 * value), so a state made here equals the same net parsed from JSON, and a uniform net keeps the
 * one-word spelling that presets, URLs and fingerprints use.
 */
import {
  SKIPS,
  skipList,
  type ExperimentConfig,
  type Skip,
  type SkipSetting,
} from '../model/engine/config';

/** `list` spelled as parseConfig would: its one value when every entry is equal. */
export function spellSkip(list: readonly Skip[]): SkipSetting {
  return list.length > 0 && list.every((s) => s === list[0]) ? list[0]! : [...list];
}

/**
 * The shortcuts of `config` for a net of `blocks` blocks: a uniform setting stays as it is; a
 * list is cut to the new depth, or extended with shortcuts (`identity`) for the new blocks.
 */
export function skipForBlocks(
  config: Pick<ExperimentConfig, 'skip' | 'blocks'>,
  blocks: number,
): SkipSetting {
  if (typeof config.skip === 'string') return config.skip;
  const list = skipList(config).slice(0, blocks);
  while (list.length < blocks) list.push('identity');
  return spellSkip(list);
}

/** `config`'s shortcuts with block `l`'s (0-based: block 1 is l = 0) set to `which`. */
export function withShortcut(
  config: Pick<ExperimentConfig, 'skip' | 'blocks'>,
  l: number,
  which: Skip,
): SkipSetting {
  if (l < 0 || l >= config.blocks) return config.skip;
  const list = skipList(config);
  list[l] = which;
  return spellSkip(list);
}

/** Whether two skip settings describe the same shortcuts (as spelled: uniform vs list differ). */
export function sameSkip(a: SkipSetting, b: SkipSetting): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** A skip setting as one URL value: `identity`, or `identity,none,identity` for a list. */
export function skipToText(skip: SkipSetting): string {
  return typeof skip === 'string' ? skip : skip.join(',');
}

/**
 * Reads a URL's skip value for a net of `blocks` blocks: the setting, or a reason it cannot be
 * used (one sentence, for the link's notice). Never throws.
 */
export function skipFromText(
  raw: string,
  blocks: number,
): { skip: SkipSetting } | { problem: string } {
  const parts = raw.split(',');
  const known = (s: string): s is Skip => (SKIPS as readonly string[]).includes(s);
  if (!parts.every(known)) return { problem: 'is not allowed' };
  if (parts.length === 1) return { skip: parts[0]! };
  if (parts.length !== blocks)
    return { problem: `lists ${parts.length} shortcuts for ${blocks} blocks` };
  return { skip: spellSkip(parts) };
}
