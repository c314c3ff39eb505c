import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { BoundaryGrid, RunRecord } from '../../../model/worker/protocol';
import { historyCsv, historyJson } from '../page/exportRun';
import { HEATMAP_ROWS, RunHistory } from './runHistory';
import { Thinned } from '../page/thinned';

const rec = (step: number, loss = 0.5): RunRecord => ({
  step,
  loss,
  accuracy: 0.75,
  gradNorms: new Float32Array([1e-30, 0.5, 2]),
  signalGradNorms: new Float32Array([0.1, 0.2]),
  activationNorms: new Float32Array([1, Infinity]),
  finite: Number.isFinite(loss),
});

function ready(h: RunHistory, runs = 2) {
  h.reset(3, runs);
  h.apply({
    type: 'ready',
    generation: 3,
    backend: 'wasm',
    layers: Array.from({ length: runs }, () => [
      'stem/kernel',
      'block1/dense1/kernel',
      'head/kernel',
    ]),
    points: Array.from({ length: runs }, () => null),
  });
}

describe('Thinned', () => {
  it('stays bounded and evenly spaced', () => {
    const t = new Thinned<number>(10);
    for (let s = 0; s < 1000; s++) t.push(s, s);
    expect(t.length).toBeLessThanOrEqual(10);
    const gaps = new Set(t.steps.slice(1).map((s, i) => s - t.steps[i]!));
    expect(gaps.size).toBe(1);
    expect(t.steps[0]).toBe(0);
  });
});

describe('RunHistory', () => {
  it('keeps step 0, the latest record and bounded series; ignores older generations', () => {
    const h = new RunHistory();
    ready(h);
    for (let s = 0; s <= 2 * HEATMAP_ROWS; s++)
      h.apply({ type: 'metrics', generation: 3, records: [rec(s), s > 5 ? null : rec(s)] });
    expect(h.apply({ type: 'metrics', generation: 2, records: [rec(9999)] })).toBe(false);
    expect(h.runs[0]!.step0!.step).toBe(0);
    expect(h.runs[0]!.latest!.step).toBe(2 * HEATMAP_ROWS);
    expect(h.runs[1]!.latest!.step).toBe(5);
    expect(h.runs[0]!.heatWeights.length).toBeLessThanOrEqual(HEATMAP_ROWS);
    expect(h.step).toBe(2 * HEATMAP_ROWS);
    // A boundary drawn at step 0 goes when its net diverges.
    const grid: BoundaryGrid = {
      values: new Float32Array(4),
      resolution: 2,
      extent: [-1, 1, -1, 1],
    };
    h.apply({ type: 'boundary', generation: 3, step: 0, grids: [grid, grid] });
    expect(h.runs[1]!.boundary).not.toBeNull();
    h.apply({ type: 'diverged', generation: 3, run: 1, step: 6, message: 'x' });
    expect(h.runs[1]!.diverged).toEqual({ step: 6, message: 'x' });
    expect(h.runs[1]!.boundary).toBeNull();
    expect(h.runs[0]!.boundary).not.toBeNull();
    const status = (done: boolean) =>
      ({
        type: 'status',
        generation: 3,
        running: true,
        stepsPerSecond: 12,
        step: 600,
        done,
      }) as const;
    h.apply(status(false));
    expect([h.running, h.stepsPerSecond]).toEqual([true, 12]);
    // Over means not training: a status that says both shows the run finished.
    h.apply(status(true));
    expect([h.running, h.done]).toEqual([false, true]);
  });

  it('exports CSV and JSON with non-finite values spelled out or null', () => {
    const h = new RunHistory();
    ready(h, 1);
    h.apply({ type: 'metrics', generation: 3, records: [rec(0)] });
    h.apply({ type: 'metrics', generation: 3, records: [rec(1, NaN)] });
    const csv = historyCsv(h).trim().split('\n');
    expect(csv[0]).toBe(
      'run,step,loss,accuracy,grad:stem/kernel,grad:block1/dense1/kernel,grad:head/kernel,signal:x0,signal:x1,rms:x0,rms:x1',
    );
    expect(csv[2]!.startsWith('A,1,NaN,0.75,')).toBe(true);
    expect(csv[1]!.endsWith(',1,Infinity')).toBe(true);
    const json = JSON.parse(historyJson(h, [parseConfig({ blocks: 1 })]));
    expect(json.runs[0].config.blocks).toBe(1);
    expect(json.runs[0].history[1].loss).toBeNull();
    expect(json.runs[0].layers).toEqual(['stem/kernel', 'block1/dense1/kernel', 'head/kernel']);
  });
});

describe('RunHistory phases', () => {
  it('keeps the announced phase until the worker posts anything else', () => {
    const h = new RunHistory();
    ready(h, 1);
    expect(h.apply({ type: 'progress', generation: 3, phase: 'step', step: 0 }, 1000)).toBe(true);
    expect(h.phase).toEqual({ phase: 'step', step: 0, since: 1000 });
    // An older configuration's phase is not this one's.
    expect(h.apply({ type: 'progress', generation: 2, phase: 'build', step: 0 }, 2000)).toBe(false);
    expect(h.phase?.phase).toBe('step');
    h.apply({ type: 'metrics', generation: 3, records: [rec(0)] });
    expect(h.phase).toBeNull();
    h.apply({ type: 'progress', generation: 3, phase: 'boundary', step: 0 }, 3000);
    expect(h.apply({ type: 'idle', generation: 3, handled: 2 })).toBe(true);
    expect(h.phase).toBeNull();
    expect(h.apply({ type: 'idle', generation: 3, handled: 3 })).toBe(false);
    h.apply({ type: 'progress', generation: 3, phase: 'evaluate', step: 0 }, 4000);
    h.reset(4, 1);
    expect(h.phase).toBeNull();
  });
});

describe('RunHistory with a reused run', () => {
  /** A finished run of 3 steps, as the page's finished runs hand it over. */
  function finishedRun() {
    const h = new RunHistory();
    ready(h, 1);
    for (let s = 0; s < 3; s++) h.apply({ type: 'metrics', generation: 3, records: [rec(s)] });
    return h.runs[0]!;
  }
  const from = { lab: 'Lab 1', net: 'B', here: false, step: 2, diverged: false };

  it("keeps it through the worker's ready and first records, until the run goes past it", () => {
    const h = new RunHistory();
    h.reset(3, 2);
    h.seed([0, 1].map(() => ({ layers: ['stem/kernel', 'head/kernel'], record: rec(0, 0.9) })));
    h.reuse(1, finishedRun(), from);
    expect(h.precomputed).toBe(true);
    expect(h.done).toBe(false);
    h.apply({
      type: 'ready',
      generation: 3,
      backend: 'wasm',
      layers: [0, 1].map(() => ['stem/kernel', 'block1/dense1/kernel', 'head/kernel']),
      points: [null, null],
    });
    h.apply({ type: 'metrics', generation: 3, records: [rec(0), null] });
    expect(h.runs[1]!.latest!.step).toBe(2);
    expect(h.runs[1]!.records).toHaveLength(3);
    expect(h.step).toBe(0);
    // Replayed and trained on: its records continue the run.
    h.apply({ type: 'metrics', generation: 3, records: [rec(3), rec(3)] });
    expect(h.runs[1]!.records.map((r) => r.step)).toEqual([0, 1, 2, 3]);
    h.forgetReused();
    expect(h.reused).toEqual([null, null]);
  });

  it('is over at once when every run is reused, at their last step', () => {
    const h = new RunHistory();
    h.reset(3, 2);
    h.reuse(0, finishedRun(), from);
    expect(h.done).toBe(false);
    h.reuse(1, finishedRun(), { ...from, step: 1, diverged: true });
    expect([h.done, h.step]).toEqual([true, 2]);
    h.apply({
      type: 'ready',
      generation: 3,
      backend: 'wasm',
      layers: [0, 1].map(() => ['stem/kernel', 'block1/dense1/kernel', 'head/kernel']),
      points: [null, null],
    });
    expect(h.step).toBe(2);
    expect(h.runs.every((r) => r.latest?.step === 2)).toBe(true);
  });

  it('keeps the start of a phase announced again (a replay in slices)', () => {
    const h = new RunHistory();
    ready(h, 1);
    h.apply({ type: 'progress', generation: 3, phase: 'replay', step: 399 }, 1000);
    h.apply({ type: 'progress', generation: 3, phase: 'replay', step: 399 }, 1250);
    expect(h.phase).toEqual({ phase: 'replay', step: 399, since: 1000 });
    h.apply({ type: 'progress', generation: 3, phase: 'step', step: 400 }, 1500);
    expect(h.phase?.since).toBe(1500);
  });
});
