import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  allSkips,
  ConfigError,
  DEFAULT_CONFIG,
  noSkips,
  parseConfig,
  skipAt,
  skipList,
  someSkips,
} from './config';

function problems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills every field with its default', () => {
    expect(parseConfig({})).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(undefined)).toEqual(DEFAULT_CONFIG);
  });

  it('keeps valid values', () => {
    const c = parseConfig({ blocks: 100, width: 2, skip: 'none', order: 'post', seed: 0 });
    expect(c).toMatchObject({ blocks: 100, width: 2, skip: 'none', order: 'post', seed: 0 });
    expect(c.activation).toBe(DEFAULT_CONFIG.activation);
  });

  it('rejects an unknown field by name and lists the known ones', () => {
    const [p] = problems({ depth: 3 });
    expect(p).toMatch(/unknown field "depth"/);
    expect(p).toMatch(/blocks/);
  });

  it('rejects a value outside an enumeration with the allowed values', () => {
    const allowed = ACTIVATIONS.map((a) => `"${a}"`).join(', ');
    expect(allowed).toMatch(/^"relu", "tanh", "sigmoid"/);
    expect(problems({ activation: 'swish' })).toEqual([
      `activation is "swish", allowed: one of ${allowed}`,
    ]);
    expect(problems({ arch: 'conv' })[0]).toMatch(/arch is "conv", allowed: one of "mlp"/);
  });

  it('rejects integers out of range, fractions and non-numbers', () => {
    expect(problems({ blocks: 0 })).toEqual(['blocks is 0, allowed: an integer from 1 to 500']);
    expect(problems({ blocks: 501 })[0]).toMatch(/blocks is 501/);
    expect(parseConfig({ blocks: 500 }).blocks).toBe(500);
    expect(problems({ width: 3.5 })).toEqual(['width is 3.5, allowed: an integer from 2 to 256']);
    expect(problems({ batchSize: '128' })[0]).toBe(
      'batchSize is "128", allowed: an integer from 1 to 1024',
    );
    expect(problems({ seed: -1 })[0]).toMatch(/seed is -1/);
  });

  it('rejects non-finite and non-positive real numbers', () => {
    expect(problems({ learningRate: 0 })).toEqual([
      'learningRate is 0, allowed: a number above 0 up to 10',
    ]);
    expect(problems({ learningRate: 11 })[0]).toMatch(/learningRate is 11/);
    expect(problems({ branchScale: 1.5 })[0]).toMatch(/branchScale is 1.5/);
    expect(problems({ learningRate: null })[0]).toMatch(/learningRate is null/);
  });

  it('rejects wrong types with a readable description of the value', () => {
    expect(problems({ skip: true })[0]).toMatch(/skip is true/);
    expect(problems({ order: ['pre'] })[0]).toMatch(/order is an array/);
    expect(problems({ norm: { a: 1 } })[0]).toMatch(/norm is an object/);
  });

  it('takes one shortcut per block, checks the count and spells a uniform list as one value', () => {
    const mask = ['identity', 'none', 'identity'] as const;
    expect(parseConfig({ blocks: 3, skip: mask }).skip).toEqual(mask);
    expect(parseConfig({ blocks: 3, skip: ['none', 'none', 'none'] }).skip).toBe('none');
    expect(problems({ blocks: 3, skip: ['identity', 'none'] })).toEqual([
      'skip has 2 entries, allowed: one per block (3)',
    ]);
    expect(problems({ blocks: 2, skip: ['identity', 'gated'] })[0]).toBe(
      'skip is an array, allowed: one of "identity", "none", or a list of those with one per block',
    );
    expect(problems({ blocks: 2, skip: [] })[0]).toMatch(/skip is an array/);
  });

  it('answers per block what each shortcut is', () => {
    const c = parseConfig({ blocks: 3, skip: ['identity', 'none', 'identity'] });
    expect([0, 1, 2].map((l) => skipAt(c, l))).toEqual(['identity', 'none', 'identity']);
    expect(skipList(parseConfig({ blocks: 2 }))).toEqual(['identity', 'identity']);
    expect([allSkips(c), noSkips(c), someSkips(c)]).toEqual([false, false, true]);
    const plain = parseConfig({ blocks: 2, skip: 'none' });
    expect([allSkips(plain), noSkips(plain), someSkips(plain)]).toEqual([false, true, false]);
  });

  it('reports every bad field at once', () => {
    expect(problems({ blocks: 0, width: 1, foo: 1 })).toHaveLength(3);
  });

  it('rejects a config that is not an object', () => {
    expect(problems([1, 2])[0]).toMatch(/must be a JSON object/);
    expect(problems('spiral')[0]).toMatch(/must be a JSON object/);
    expect(problems(42)[0]).toMatch(/must be a JSON object, got 42/);
  });

  it('never accepts prototype tricks as fields', () => {
    const input = JSON.parse('{"__proto__": {"blocks": 5}}') as unknown;
    expect(problems(input)[0]).toMatch(/unknown field "__proto__"/);
  });
});
