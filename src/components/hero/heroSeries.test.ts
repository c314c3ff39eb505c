/** Where the opening figure's precomputed and live profiles meet. */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../model/worker/protocol';
import { RunHistory } from '../lab/run/runHistory';
import { precomputedProfile } from './heroData';
import { heroLoss, heroProfile, netName } from './heroSeries';
import { heroReducer, INITIAL_HERO } from './heroState';

function record(step: number, blocks = 24): RunRecord {
  const g = Float32Array.from({ length: 2 * blocks + 2 }, (_, i) => 0.01 * (i + 1) + step);
  return {
    step,
    loss: 0.7 - step / 1000,
    accuracy: 0.5,
    gradNorms: g,
    signalGradNorms: new Float32Array(blocks + 1),
    activationNorms: new Float32Array(blocks + 1),
    finite: true,
  };
}

/** A run as the worker reports it: ready, step 0, and `steps` more, with evaluations. */
function liveRun(steps = 0) {
  const h = new RunHistory();
  h.reset(1, 1);
  h.apply({ type: 'ready', generation: 1, backend: 'wasm', layers: [[]], points: [null] });
  for (let s = 0; s <= steps; s++) {
    h.apply({ type: 'metrics', generation: 1, records: [record(s)] });
    if (s % 20 === 0)
      h.apply({
        type: 'evaluation',
        generation: 1,
        step: s,
        evals: [{ trainLoss: 0.6, trainAccuracy: 0.6, testLoss: 0.6, testAccuracy: 0.6 }],
      });
  }
  return h.runs[0]!;
}

const cut = heroReducer(INITIAL_HERO, { type: 'shortcut', block: 11, on: false });

describe('the profile plot’s series', () => {
  it('draw a uniform net from the precomputed profiles, the other switch position faint', () => {
    const p = heroProfile(INITIAL_HERO, null);
    expect(p.pending).toBe(false);
    expect(p.series.map((s) => [s.label, s.faint ?? false])).toEqual([
      ['with shortcuts', false],
      ['without shortcuts', true],
    ]);
    expect(p.series[0]!.values).toBe(precomputedProfile('identity', 24));
    expect(p.series[1]!.values).toBe(precomputedProfile('none', 24));
    // The worker's step 0 of the same net changes nothing: the numbers are the same.
    expect(heroProfile(INITIAL_HERO, liveRun()).series[0]!.values).toBe(
      precomputedProfile('identity', 24),
    );
  });

  it('wait for the worker for a net with a cut shortcut, then draw its step 0', () => {
    expect(netName(cut)).toBe('1 of 24 shortcuts cut');
    const waiting = heroProfile(cut, null);
    expect(waiting.pending).toBe(true);
    expect(waiting.series.map((s) => s.label)).toEqual(['with shortcuts', 'without shortcuts']);
    const run = liveRun();
    const drawn = heroProfile(cut, run);
    expect(drawn.pending).toBe(false);
    expect(drawn.series[0]).toMatchObject({ label: '1 of 24 shortcuts cut' });
    expect(drawn.series[0]!.values).toBe(run.step0!.gradNorms);
    expect(drawn.series.slice(1).every((s) => s.faint)).toBe(true);
  });

  it('draw a trained net’s latest profile over its step 0, and its loss', () => {
    const run = liveRun(40);
    const p = heroProfile(cut, run);
    expect(p.step).toBe(40);
    expect(p.series.map((s) => [s.label, s.dashed ?? false])).toEqual([
      ['1 of 24 shortcuts cut, step 40', false],
      ['1 of 24 shortcuts cut, step 0', true],
    ]);
    const loss = heroLoss(run, '#000');
    expect(loss.map((s) => s.label)).toEqual(["the step's batch", 'whole training set']);
    expect(Array.from(loss[1]!.x)).toEqual([0, 20, 40]);
    // Nothing to draw before the first step.
    expect(heroLoss(liveRun(0), '#000')).toEqual([]);
    expect(heroLoss(null, '#000')).toEqual([]);
  });
});
