import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../model/labs/presets';
import { presetState, type LabState } from './labPresets';
import { labReducer } from './labReducer';
import { decodeLabUrl, encodeLabState } from './url';

describe('URL state', () => {
  it('takes a net of up to 500 blocks from a link', () => {
    const d = decodeLabUrl('?lab=playground&a.blocks=500');
    expect(d.notices).toEqual([]);
    expect(d.state!.nets[0]!.blocks).toBe(500);
  });

  it('round-trips every preset and edited states', () => {
    for (const id of PRESET_IDS) {
      const s = presetState(id);
      expect(encodeLabState(s)).toBe(`lab=${id}`);
      expect(decodeLabUrl(encodeLabState(s))).toEqual({ lab: id, state: s, notices: [] });
    }
    let s: LabState = presetState('vanishing');
    s = labReducer(s, { type: 'net', index: 1, field: 'blocks', value: 40 });
    s = labReducer(s, { type: 'net', index: 0, field: 'order', value: 'post' });
    s = labReducer(s, { type: 'shared', field: 'seed', value: 7 });
    s = labReducer(s, { type: 'shared', field: 'learningRate', value: 0.003 });
    s = labReducer(s, { type: 'view', view: 'signal' });
    const search = encodeLabState(s);
    expect(search).toContain('b.blocks=40');
    expect(decodeLabUrl('?' + search)).toEqual({ lab: 'vanishing', state: s, notices: [] });

    let p: LabState = presetState('playground');
    p = labReducer(p, { type: 'compare', mode: 'order' });
    p = labReducer(p, { type: 'net', index: 1, field: 'branchScale', value: 0.5 });
    expect(decodeLabUrl(encodeLabState(p)).state).toEqual(p);
    p = labReducer(p, { type: 'compare', mode: 'none' });
    expect(decodeLabUrl(encodeLabState(p)).state).toEqual(p);
  });

  it('keeps a linked twin linked: B follows A but for the compared setting until B is edited', () => {
    let p: LabState = presetState('playground');
    p = labReducer(p, { type: 'compare', mode: 'skip' });
    expect(p.link).toBe('skip');
    // The trap this guards: A set to 50 blocks left B a 12-block plain net, and the verdict
    // "both learned" suggested that plain nets are fine at 50 blocks.
    p = labReducer(p, { type: 'net', index: 0, field: 'blocks', value: 50 });
    expect(p.nets[1]).toMatchObject({ blocks: 50, skip: 'none' });
    p = labReducer(p, { type: 'net', index: 0, field: 'skip', value: 'none' });
    expect(p.nets[1]!.skip).toBe('identity');
    expect(decodeLabUrl(encodeLabState(p)).state).toEqual(p);
    expect(encodeLabState(p)).toContain('link=skip');
    p = labReducer(p, { type: 'net', index: 1, field: 'activation', value: 'tanh' });
    expect(p.link).toBeUndefined();
    p = labReducer(p, { type: 'net', index: 0, field: 'blocks', value: 8 });
    expect(p.nets[1]!.blocks).toBe(50);
    expect(decodeLabUrl(encodeLabState(p)).state).toEqual(p);
    expect(decodeLabUrl('?lab=playground&link=sideways').notices).toEqual([
      'link "sideways" is not "skip" or "order" for two networks; ignored.',
    ]);
  });

  it('carries one shortcut per block: a list round-trips, a uniform list is its one value', () => {
    let s: LabState = presetState('playground');
    s = labReducer(s, { type: 'net', index: 0, field: 'blocks', value: 3 });
    s = labReducer(s, {
      type: 'net',
      index: 0,
      field: 'skip',
      value: ['identity', 'none', 'identity'],
    });
    const search = encodeLabState(s);
    expect(search).toContain('a.skip=identity%2Cnone%2Cidentity');
    expect(decodeLabUrl(search)).toEqual({ lab: 'playground', state: s, notices: [] });
    // The list may come before the depth it must match, and commas may be unescaped.
    const d = decodeLabUrl('?lab=playground&a.skip=none,identity&a.blocks=2');
    expect(d.notices).toEqual([]);
    expect(d.state!.nets[0]!.skip).toEqual(['none', 'identity']);
    // One spelling per net: a list of equal entries reads as that entry.
    expect(decodeLabUrl('?lab=playground&a.blocks=2&a.skip=none,none').state!.nets[0]!.skip).toBe(
      'none',
    );
    // A twin's B keeps its own list.
    const v = decodeLabUrl('?lab=vanishing&b.blocks=2&b.skip=identity,none');
    expect(v.state!.nets.map((n) => n.skip)).toEqual(['none', ['identity', 'none']]);
  });

  it.each([
    [
      '?lab=playground&a.skip=identity,none',
      /a.skip "identity,none" lists 2 shortcuts for 12 blocks/,
    ],
    ['?lab=playground&a.blocks=2&a.skip=identity,off', /a.skip "identity,off" is not allowed/],
    ['?lab=playground&a.blocks=2&a.skip=identity,', /a.skip "identity," is not allowed/],
    ['?lab=playground&a.skip=', /a.skip "" is not allowed/],
    ['?lab=playground&b.skip=none,none', /one network/],
  ])('keeps the default shortcuts, with a notice, for %s', (search, notice) => {
    const d = decodeLabUrl(search);
    expect(d.notices.join(' ')).toMatch(notice);
    expect(d.state!.nets[0]!.skip).toBe(presetState('playground').nets[0]!.skip);
  });

  it('returns nothing for an empty query', () => {
    expect(decodeLabUrl('')).toEqual({ lab: null, state: null, notices: [] });
  });

  it.each([
    ['?lab=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /unknown lab/],
    ['?blocks=3', /names no lab/],
    ['?lab=vanishing&lab=exploding', /more than once/],
    ['?lab=vanishing&a.blocks=1e400', /a.blocks "1e400" is not allowed/],
    ['?lab=vanishing&a.blocks=501', /a.blocks "501" is not allowed/],
    ['?lab=vanishing&a.blocks=2.5', /not allowed/],
    ['?lab=vanishing&a.blocks=0x10', /not allowed/],
    ['?lab=vanishing&seed=-1', /seed "-1"/],
    ['?lab=vanishing&learningRate=NaN', /learningRate "NaN"/],
    ['?lab=vanishing&a.activation=%5Cfrac%7B1%7D%7B0%7D', /a.activation "\\\\frac\{1\}\{0\}"/],
    ['?lab=vanishing&a.skip=__proto__', /not allowed/],
    ['?lab=vanishing&__proto__=1&constructor=x', /Unknown setting "__proto__"/],
    ['?lab=vanishing&view=<b>x</b>', /view "<b>x<\/b>"/],
    ['?lab=playground&b.blocks=3', /one network/],
    ['?lab=vanishing&twin=yes', /twin "yes"/],
    ['?lab=vanishing&a.blocks=' + '9'.repeat(5000), /not allowed/],
  ])('falls back to defaults with a notice for %s', (search, notice) => {
    const d = decodeLabUrl(search);
    expect(d.notices.join(' ')).toMatch(notice);
    if (d.lab) {
      const def = presetState(d.lab);
      expect(d.state!.nets[0]!.blocks).toBe(def.nets[0]!.blocks);
      expect(d.state!.nets[0]!.seed).toBe(def.nets[0]!.seed);
      expect(d.state!.nets[0]!.activation).toBe(def.nets[0]!.activation);
      expect(d.state!.view).toBe('weights');
    } else {
      expect(d.state).toBeNull();
    }
  });

  it('keeps the valid parts of a partly bad link', () => {
    const d = decodeLabUrl('?lab=exploding&a.blocks=30&b.blocks=abc&dataset=spiral');
    expect(d.state!.nets[0]!.blocks).toBe(30);
    expect(d.state!.nets[1]!.blocks).toBe(24);
    expect(d.state!.nets.map((n) => n.dataset)).toEqual(['spiral', 'spiral']);
    expect(d.notices).toHaveLength(1);
  });

  it('survives random garbage', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab.=&?%<>"\'\\{}lab=vanishingblocks1e9-0x';
    for (let i = 0; i < 300; i++) {
      const s = Array.from(
        { length: 40 },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      expect(() => decodeLabUrl(s)).not.toThrow();
    }
  });
});

describe('labReducer', () => {
  it('keeps twins sharing data fields and ignores invalid values', () => {
    let s = presetState('exploding');
    s = labReducer(s, { type: 'shared', field: 'dataset', value: 'spiral' });
    expect(s.nets.map((n) => n.dataset)).toEqual(['spiral', 'spiral']);
    const same = labReducer(s, { type: 'net', index: 0, field: 'blocks', value: 0 });
    expect(same).toBe(s);
    expect(labReducer(s, { type: 'shared', field: 'dataset', value: 'mnist' })).toBe(s);
    expect(labReducer(s, { type: 'net', index: 5, field: 'blocks', value: 3 })).toBe(s);
  });

  it('keeps a list of shortcuts one per block when the depth changes', () => {
    let s = presetState('playground');
    s = labReducer(s, { type: 'net', index: 0, field: 'blocks', value: 3 });
    const cut = labReducer(s, {
      type: 'net',
      index: 0,
      field: 'skip',
      value: ['none', 'identity', 'none'],
    });
    expect(cut.nets[0]!.skip).toEqual(['none', 'identity', 'none']);
    // Deeper: the new blocks get their shortcuts; shallower: the list is cut.
    const deeper = labReducer(cut, { type: 'net', index: 0, field: 'blocks', value: 5 });
    expect(deeper.nets[0]!.skip).toEqual(['none', 'identity', 'none', 'identity', 'identity']);
    const shallower = labReducer(cut, { type: 'net', index: 0, field: 'blocks', value: 2 });
    expect(shallower.nets[0]!.skip).toEqual(['none', 'identity']);
    // Cut to one entry (or to equal entries), a list is spelled as its one value.
    expect(
      labReducer(cut, { type: 'net', index: 0, field: 'blocks', value: 1 }).nets[0]!.skip,
    ).toBe('none');
    expect(
      labReducer(s, { type: 'net', index: 0, field: 'skip', value: ['none', 'none', 'none'] })
        .nets[0]!.skip,
    ).toBe('none');
    // A uniform net stays uniform at any depth.
    expect(labReducer(s, { type: 'net', index: 0, field: 'blocks', value: 40 }).nets[0]!.skip).toBe(
      'identity',
    );
    // A list of the wrong length, or with an unknown entry, changes nothing.
    expect(
      labReducer(s, { type: 'net', index: 0, field: 'skip', value: ['none', 'identity'] }),
    ).toBe(s);
    expect(
      labReducer(s, {
        type: 'net',
        index: 0,
        field: 'skip',
        value: ['none', 'off', 'none'] as unknown as 'none'[],
      }),
    ).toBe(s);
  });

  it('derives the playground twin and loads presets into a lab', () => {
    let s = presetState('playground');
    s = labReducer(s, { type: 'compare', mode: 'skip' });
    expect(s.nets.map((n) => n.skip)).toEqual(['identity', 'none']);
    s = labReducer(s, { type: 'preset', id: 'vanishing' });
    expect(s.preset).toBe('playground');
    expect(s.nets.map((n) => n.activation)).toEqual(['sigmoid', 'sigmoid']);
  });
});
