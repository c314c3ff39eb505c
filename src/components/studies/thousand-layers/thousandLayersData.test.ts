import { describe, expect, it } from 'vitest';
import type { DeepFile, DeepTrace } from '../../../model/studies/thousand-layers/spec';
import { THOUSAND_LAYERS_SPEC } from '../../../model/studies/thousand-layers/spec';
import { PLOT_COLORS } from '../../plots';
import { deepCurves, deepProfiles } from './thousandLayersData';

const trace = (order: 'post' | 'pre', loss: (number | null)[]): DeepTrace =>
  ({ optimizer: 'momentum', learningRate: 0.05, seed: 1, order, loss }) as DeepTrace;
const file: Pick<DeepFile, 'spec' | 'traces'> = {
  spec: THOUSAND_LAYERS_SPEC,
  traces: [trace('post', [10, 20, null]), trace('pre', [1, 0.5, 0.25])],
};
const run = { optimizer: 'momentum', learningRate: 0.05, seed: 1 } as const;

describe('the reader’s run in the plots', () => {
  it('draws the reader’s run solid and darker, labelled as theirs', () => {
    const curves = deepCurves(file.traces, run, [[2, null, 1], [0.9]]);
    expect(curves.map((c) => [c.label, c.color, Boolean(c.dashed)])).toEqual([
      ['original', PLOT_COLORS.a, false],
      ['pre-activation', PLOT_COLORS.b, false],
      ['your run, original', PLOT_COLORS.aDark, false],
      ['your run, pre-activation', PLOT_COLORS.bDark, false],
    ]);
    expect(Array.from(curves[2]!.x)).toEqual([0, 2]);
    const profiled = (t: DeepTrace) => ({ ...t, signalStart: [1], signalEnd: [2] });
    const profiles = deepProfiles(file.traces.map(profiled), run, [profiled(file.traces[1]!)]);
    // The reader's last step only: its step 0 too would make a legend taller than the plot.
    expect(profiles.map((p) => p.label).slice(-2)).toEqual([
      'pre-activation, last step',
      'your run, pre-activation, last step',
    ]);
    expect(profiles.at(-1)!.color).toBe(PLOT_COLORS.bDark);
    expect(Array.from(profiles.at(-1)!.values)).toEqual([2]);
  });
});
