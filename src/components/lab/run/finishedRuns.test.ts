/**
 * The page's finished runs: keyed by the whole config whatever its field order or shortcut
 * spelling, copied both ways, and holding only runs that ended at their config's step limit (or
 * diverged before it); shown in a lab's history as finished runs and named in its words.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../../model/engine/config';
import type { RunRecord } from '../../../model/worker/protocol';
import { configKey } from './configKey';
import { FinishedRuns, keepFinished, showFinished, type RunOrigin } from './finishedRuns';
import { reusedText } from './finishedRuns';
import { RunHistory } from './runHistory';

const STEPS = 6;
const a = parseConfig({ dataset: 'circles', blocks: 2, width: 8, steps: STEPS, skip: 'none' });
const b = parseConfig({ dataset: 'circles', blocks: 2, width: 8, steps: STEPS });
const lab1: RunOrigin = { lab: 'Lab 1', net: 'B', owner: Symbol('lab 1') };

const rec = (step: number, finite = true): RunRecord => ({
  step,
  loss: finite ? 0.7 / (1 + step) : NaN,
  accuracy: 0.5,
  gradNorms: Float32Array.of(1, 2, 3, 4, 5, 6),
  signalGradNorms: Float32Array.of(1, 2, 3),
  activationNorms: Float32Array.of(1, 1, 1),
  finite,
});

/**
 * A twin history as the worker leaves it after `last` steps: records, evaluations every 2 steps
 * and at `last`, a boundary, B diverged at `diverged` if given.
 */
function trained(last: number, diverged?: number): RunHistory {
  const h = new RunHistory();
  h.reset(1, 2);
  h.apply({
    type: 'ready',
    generation: 1,
    backend: 'cpu',
    layers: [0, 1].map(() => ['stem', 'b1', 'b2', 'b3', 'b4', 'head']),
    points: [null, null],
  });
  for (let s = 0; s <= last; s++) {
    const bAlive = diverged === undefined || s <= diverged;
    h.apply({
      type: 'metrics',
      generation: 1,
      records: [rec(s), bAlive ? rec(s, s !== diverged) : null],
    });
    if (s === diverged)
      h.apply({ type: 'diverged', generation: 1, run: 1, step: s, message: 'B diverged' });
    if (s % 2 === 0 || s === last) {
      const value = { trainLoss: 0.1, trainAccuracy: 0.9, testLoss: 0.2, testAccuracy: 0.8 + s };
      h.apply({
        type: 'evaluation',
        generation: 1,
        step: s,
        evals: [value, bAlive && s !== diverged ? value : null],
      });
    }
  }
  h.apply({
    type: 'boundary',
    generation: 1,
    step: last,
    grids: [0, 1].map(() => ({
      values: Float32Array.of(0.25, 0.5, 0.75, 1),
      resolution: 2,
      extent: [0, 1, 0, 1] as [number, number, number, number],
    })),
  });
  h.apply({
    type: 'status',
    generation: 1,
    running: false,
    stepsPerSecond: 9,
    step: last,
    done: true,
  });
  return h;
}

describe('configKey', () => {
  it('names a network by every field, in one order, with its shortcuts one per block', () => {
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as ExperimentConfig;
    expect(configKey(reordered)).toBe(configKey(b));
    expect(configKey({ ...b, skip: ['identity', 'identity'] })).toBe(configKey(b));
    expect(configKey({ ...b, skip: ['identity', 'none'] })).not.toBe(configKey(b));
    expect(configKey({ ...b, seed: b.seed + 1 })).not.toBe(configKey(b));
    expect(configKey({ ...b, steps: STEPS + 1 })).not.toBe(configKey(b));
  });
});

describe('FinishedRuns', () => {
  it('keeps a run that ended at its step limit, found by an equal config however it is built', () => {
    const runs = new FinishedRuns();
    const h = trained(STEPS - 1);
    expect(runs.put(b, h.runs[1]!, lab1)).toBe(true);
    const got = runs.get(Object.fromEntries(Object.entries(b).reverse()) as ExperimentConfig);
    expect(got).toMatchObject({ step: STEPS - 1, diverged: false, from: lab1 });
    expect(got!.series.latest!.step).toBe(STEPS - 1);
    expect(got!.series.evals.map((e) => e.step)).toEqual([0, 2, 4, 5]);
    expect(got!.series.records).toHaveLength(STEPS);
    expect(got!.series.boundary!.values).toEqual(Float32Array.of(0.25, 0.5, 0.75, 1));
    expect(runs.get({ ...b, seed: b.seed + 1 })).toBeNull();
    expect(runs.get(a)).toBeNull();
  });

  it('keeps no run stopped before its limit, nor one that Train after the end took further', () => {
    const runs = new FinishedRuns();
    expect(runs.put(b, trained(STEPS - 2).runs[1]!, lab1)).toBe(false);
    expect(runs.put(b, trained(2 * STEPS - 1).runs[1]!, lab1)).toBe(false);
    // Ended at the limit, but its last evaluation has not arrived yet.
    const h = trained(STEPS - 1);
    h.runs[1]!.evals.pop();
    expect(runs.put(b, h.runs[1]!, lab1)).toBe(false);
    expect(runs.size).toBe(0);
  });

  it('keeps a run that diverged before its limit, at the step it diverged', () => {
    const runs = new FinishedRuns();
    expect(runs.put(b, trained(STEPS - 1, 2).runs[1]!, lab1)).toBe(true);
    expect(runs.get(b)).toMatchObject({ step: 2, diverged: true });
    expect(runs.get(b)!.series.diverged).toEqual({ step: 2, message: 'B diverged' });
  });

  it('copies both ways: neither the lab it came from nor one that took it changes it', () => {
    const runs = new FinishedRuns();
    const h = trained(STEPS - 1);
    runs.put(b, h.runs[1]!, lab1);
    // The lab it came from trains on (Train after the end) and redraws its boundary.
    h.apply({
      type: 'status',
      generation: 1,
      running: true,
      stepsPerSecond: 9,
      step: 5,
      done: false,
    });
    h.apply({ type: 'metrics', generation: 1, records: [rec(STEPS), rec(STEPS)] });
    h.apply({ type: 'boundary', generation: 1, step: STEPS, grids: [null, null] });
    h.apply({ type: 'diverged', generation: 1, run: 1, step: STEPS, message: 'later' });
    // A lab that took it trains it further, as its history does: appending and replacing.
    const taken = runs.get(b)!.series;
    taken.loss.push(STEPS, 0.01);
    taken.heatWeights.push(STEPS, Float32Array.of(9));
    taken.layers.push('extra');
    taken.evals.push({ step: STEPS, value: { ...taken.evals[0]!.value } });
    taken.records.push(rec(STEPS));
    taken.latest = rec(STEPS);
    taken.boundary = null;
    const again = runs.get(b)!.series;
    expect(again.latest!.step).toBe(STEPS - 1);
    expect(again.loss.steps.at(-1)).toBe(STEPS - 1);
    expect(again.heatWeights.steps.at(-1)).toBe(STEPS - 1);
    expect(again.layers).toHaveLength(6);
    expect(again.evals.at(-1)!.step).toBe(STEPS - 1);
    expect(again.records).toHaveLength(STEPS);
    expect(again.boundary!.values[0]).toBe(0.25);
    expect(again.diverged).toBeNull();
  });

  it('keeps the first lab to finish a network, which may refresh its own copy', () => {
    const runs = new FinishedRuns();
    runs.put(b, trained(STEPS - 1).runs[1]!, lab1);
    const lab4: RunOrigin = { lab: 'Lab 4', net: 'B', owner: Symbol('lab 4') };
    expect(runs.put(b, trained(STEPS - 1).runs[1]!, lab4)).toBe(false);
    expect(runs.get(b)!.from).toBe(lab1);
    const later = trained(STEPS - 1);
    later.runs[1]!.boundary!.values[0] = 0.5;
    expect(runs.put(b, later.runs[1]!, lab1)).toBe(true);
    expect(runs.get(b)!.series.boundary!.values[0]).toBe(0.5);
  });
});

describe('a lab and the finished runs', () => {
  it('offers every run of a finished lab, and shows those another lab needs as finished', () => {
    const runs = new FinishedRuns();
    keepFinished(trained(STEPS - 1), runs, [a, b], 'Lab 1', lab1.owner);
    expect(runs.get(a)!.from).toMatchObject({ lab: 'Lab 1', net: 'A' });
    expect(runs.get(b)!.from).toMatchObject({ lab: 'Lab 1', net: 'B' });

    const other = { ...a, blocks: 3 };
    const h = new RunHistory();
    h.reset(1, 2);
    const frozen = showFinished(h, runs, [other, b], Symbol('lab 4'));
    expect(frozen).toEqual([null, { step: STEPS - 1, diverged: false }]);
    expect(h.reused).toEqual([
      null,
      { lab: 'Lab 1', net: 'B', here: false, step: STEPS - 1, diverged: false },
    ]);
    expect(h.runs[1]!.latest!.step).toBe(STEPS - 1);
    // Only one of two: the lab is not over.
    expect(h.done).toBe(false);

    const mine = new RunHistory();
    mine.reset(1, 2);
    showFinished(mine, runs, [a, b], lab1.owner);
    expect(mine.reused.every((r) => r?.here)).toBe(true);
    expect(mine.done).toBe(true);
    expect(mine.step).toBe(STEPS - 1);
  });

  it('says which network is shown from where', () => {
    const r = { lab: 'Lab 1', net: 'B', here: false, step: 399, diverged: false };
    expect(reusedText('B', r)).toBe(
      'B is the same network as B in Lab 1: its run to step 399 is shown from there, not trained again.',
    );
    expect(reusedText('A', { ...r, net: '', diverged: true, step: 1 })).toBe(
      'A is the same network as the network in Lab 1: its run, which diverged at step 1, is shown from there, not trained again.',
    );
    expect(reusedText('The network', { ...r, here: true })).toBe(
      'The network ran with these settings earlier in this lab: its run to step 399 is shown again, not trained again.',
    );
  });
});
