/** The opening figure's settings: the switch, the depth and single shortcuts. */
import { describe, expect, it } from 'vitest';
import { cutCount, hasShortcut, heroReducer, INITIAL_HERO, uniformSkip } from './heroState';

describe('the opening figure’s settings', () => {
  it('open at 24 blocks with every shortcut; the switch sets all of them', () => {
    expect(INITIAL_HERO).toEqual({ blocks: 24, skip: 'identity' });
    const off = heroReducer(INITIAL_HERO, { type: 'switch', on: false });
    expect(off.skip).toBe('none');
    expect(uniformSkip(off)).toBe('none');
    expect(heroReducer(off, { type: 'switch', on: true }).skip).toBe('identity');
  });

  it('cut and restore one block’s shortcut, spelled as the engine spells it', () => {
    const cut = heroReducer(INITIAL_HERO, { type: 'shortcut', block: 11, on: false });
    expect(Array.isArray(cut.skip) && cut.skip.length).toBe(24);
    expect(hasShortcut(cut, 11)).toBe(false);
    expect(hasShortcut(cut, 10)).toBe(true);
    expect(uniformSkip(cut)).toBeNull();
    expect(cutCount(cut)).toBe(1);
    // Restored, the list is every shortcut again: the one word `identity`.
    expect(heroReducer(cut, { type: 'shortcut', block: 11, on: true }).skip).toBe('identity');
    // The switch over a mixed net sets every shortcut.
    expect(heroReducer(cut, { type: 'switch', on: true }).skip).toBe('identity');
    // A block that is not there changes nothing.
    expect(heroReducer(cut, { type: 'shortcut', block: 24, on: false })).toBe(cut);
  });

  it('keep cut shortcuts where their blocks remain when the depth changes', () => {
    let s = heroReducer(INITIAL_HERO, { type: 'shortcut', block: 1, on: false });
    s = heroReducer(s, { type: 'shortcut', block: 20, on: false });
    const shallow = heroReducer(s, { type: 'depth', blocks: 4 });
    expect(shallow.skip).toEqual(['identity', 'none', 'identity', 'identity']);
    const deep = heroReducer(shallow, { type: 'depth', blocks: 8 });
    expect(cutCount(deep)).toBe(1);
    expect(hasShortcut(deep, 1)).toBe(false);
    // Only the offered depths.
    expect(heroReducer(deep, { type: 'depth', blocks: 5 })).toBe(deep);
    // Cut to one that had no cut, the net is residual again.
    expect(heroReducer(s, { type: 'depth', blocks: 2 }).skip).toEqual(['identity', 'none']);
    expect(
      heroReducer(heroReducer(INITIAL_HERO, { type: 'shortcut', block: 20, on: false }), {
        type: 'depth',
        blocks: 16,
      }).skip,
    ).toBe('identity');
  });
});
