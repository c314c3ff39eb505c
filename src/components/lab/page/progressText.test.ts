import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import { elapsedText, phaseText } from './progressText';

const net = parseConfig({ dataset: 'circles', blocks: 24, width: 32 });

describe("a lab's progress sentence", () => {
  it('tells choosing a backend from starting the one the page chose', () => {
    expect(phaseText('backend', 0, [net])).toBe('Choosing the fastest backend for this browser…');
    expect(phaseText('backend', 0, [net], 'wasm')).toBe('Starting the WebAssembly backend…');
    expect(phaseText('backend', 0, [net], 'cpu')).toBe('Starting the plain JavaScript backend…');
  });
  it('names the networks it builds and the step it computes', () => {
    expect(phaseText('build', 0, [net, net])).toBe('Building two 24-block networks…');
    expect(phaseText('build', 0, [net, { ...net, blocks: 8 }])).toBe(
      'Building networks of 24 and 8 blocks…',
    );
    expect(phaseText('step', 0, [net])).toMatch(/^Measuring step 0/);
    expect(phaseText('step', 7, [net])).toBe('Computing step 7…');
    expect(phaseText('replay', 399, [net, net])).toBe(
      'Replaying the reused network up to step 399, where its shown run ended, before training goes on…',
    );
    expect(elapsedText(1000, 3500)).toBe('2 s');
  });
});
