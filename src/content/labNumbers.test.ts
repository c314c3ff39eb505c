import { describe, expect, it } from 'vitest';
import { preset } from '../model/presets';
import { configOf, netOf, percentRange, texNumber, texRange, textRange } from './labNumbers';

describe("the article's lab numbers", () => {
  it('formats numbers and ranges over seeds', () => {
    expect(texNumber(0.2234)).toBe('0.22');
    expect(texNumber(16.8)).toBe('17');
    expect(texNumber(40312)).toBe('{4\\times10^{4}}');
    expect(texNumber(9.69e-31)).toBe('{9.7\\times10^{-31}}');
    expect(texNumber(9.99e-31)).toBe('10^{-30}');
    expect(texRange([14800, 40300, 34100])).toBe('{1.5\\times10^{4}}\\text{ to }{4\\times10^{4}}');
    expect(texRange([0.5, 0.5])).toBe('0.5');
    expect(textRange([0.356, null, 0.535])).toBe('0.36 to 0.54');
    expect(percentRange([0.71, 0.818])).toBe('71 to 82%');
  });

  it('names the configuration of each number, from the preset itself', () => {
    const c = preset('exploding').nets[0]!;
    expect(configOf(c)).toBe(
      '24 blocks, 50 weight layers, width 32, batch 64, circles data, Adam at 0.01, 300 steps, seeds 1–3',
    );
    expect(configOf(c, { steps: false })).toBe(
      '24 blocks, 50 weight layers, width 32, batch 64, circles data, seeds 1–3',
    );
    expect(netOf('exploding', 1).config).toEqual(preset('exploding').nets[1]);
  });
});
