import { describe, expect, it } from 'vitest';
import { preset } from '../../model/labs/presets';
import { atChance, CLAIMS, configOf, netOf, texNumber, texRange, textRange } from './labNumbers';

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

  // The extra runs and the depth sweep are reported, not judged by a lab's verdict: what the text
  // says of them is checked here, on the claim seeds.
  it('back what the text says of the extra runs and the depth sweep', () => {
    const { extras, depthSweep } = CLAIMS;
    // GradientFlow: "At full scale … B stays at chance too".
    for (const l of extras['vanishing-B-full-scale'].trainLoss) expect(atChance(l)).toBe(true);
    // BatchNorm: "At 12 blocks … the same plain network reaches a loss of …", far below the
    // 24-block net's "fits partly"; "the plain sigmoid network of Lab 1, stuck at chance
    // without normalisation, reaches a loss of … with batch norm".
    const partly = Math.min(...netOf('exploding', 0).trainLoss.map(Number));
    for (const l of extras['exploding-A-12-blocks'].trainLoss) expect(l).toBeLessThan(partly / 4);
    for (const l of netOf('vanishing', 0).trainLoss) expect(atChance(l)).toBe(true);
    for (const l of extras['vanishing-A-batch-norm'].trainLoss) expect(atChance(l)).toBe(false);
    // BatchNorm: the residual medians are "still growing, as the relation allows, but far more
    // slowly" than the plain ones: every step up, and under a quarter of the plain growth in decades.
    const median = (r: number[]) => [...r].sort((a, b) => a - b)[Math.floor(r.length / 2)]!;
    const plain = depthSweep.plain.map(median);
    const residual = depthSweep.residual.map(median);
    residual.slice(1).forEach((m, i) => expect(m).toBeGreaterThan(residual[i]!));
    const decades = (m: number[]) => Math.log10(m.at(-1)! / m[0]!);
    expect(decades(residual)).toBeLessThan(decades(plain) / 4);
  });
});
