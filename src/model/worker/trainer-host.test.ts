// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../engine/config';
import { useNodeBackend } from '../../../scripts/node-backend';
import { rankBackends } from './backend';
import { preset } from '../labs/presets';
import { divergenceMessage } from './divergence';
import type { RunRecord } from './protocol';
import { BOUNDARY_RESOLUTION } from './trainer-host';
import { hostHarness, until } from '../../../tests/support/host';

// wasm, the backend the labs' worker prefers: the 24-block twins below train 3-4x faster on it.
beforeAll(async () => {
  await useNodeBackend('wasm');
});

const small = (extra: object = {}) =>
  parseConfig({ dataset: 'circles', blocks: 3, width: 8, batchSize: 16, steps: 30, ...extra });

const makeHost = () => hostHarness();

describe('TrainerHost', () => {
  it('configures, reports step 0 at once, steps, trains, pauses and resets', async () => {
    const { host, of } = makeHost();
    await host.handle({ type: 'configure', generation: 1, configs: [small()] });
    const ready = of('ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]!.layers[0]).toEqual([
      'stem/kernel',
      'block1/dense1/kernel',
      'block1/dense2/kernel',
      'block2/dense1/kernel',
      'block2/dense2/kernel',
      'block3/dense1/kernel',
      'block3/dense2/kernel',
      'head/kernel',
    ]);
    expect(ready[0]!.points[0]!.x).toHaveLength(500);
    expect(of('metrics').map((m) => m.records[0]!.step)).toEqual([0]);
    expect(of('evaluation')).toHaveLength(1);

    await host.handle({ type: 'step' });
    expect(of('metrics').map((m) => m.records[0]!.step)).toEqual([0, 1]);
    expect(of('boundary').at(-1)!.grids[0]!.values).toHaveLength(BOUNDARY_RESOLUTION ** 2);

    await host.handle({ type: 'train' });
    await until(() => of('metrics').length >= 6);
    await host.handle({ type: 'pause' });
    const after = of('metrics').length;
    expect(of('status').at(-1)!.running).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(of('metrics').length).toBe(after);

    await host.handle({ type: 'reset' });
    expect(of('metrics').at(-1)!.records[0]!.step).toBe(0);
    host.dispose();
  });

  it('stops at config.steps', async () => {
    const { host, of } = makeHost();
    await host.handle({ type: 'configure', generation: 1, configs: [small({ steps: 5 })] });
    await host.handle({ type: 'train' });
    await until(() => of('status').at(-1)?.running === false && of('metrics').length > 1);
    // Steps 0 … 4: five updates, as the CLI's --steps 5 takes them.
    expect(of('metrics').at(-1)!.records[0]!.step).toBe(4);
    expect(of('status').at(-1)!.done).toBe(true);
    // The lab's own resume, arriving after the end, leaves the run over and says so again.
    const statuses = of('status').length;
    await host.handle({ type: 'train', resume: true });
    expect(of('status')).toHaveLength(statuses + 1);
    expect(of('status').at(-1)).toMatchObject({ running: false, done: true, step: 4 });
    expect(of('metrics').at(-1)!.records[0]!.step).toBe(4);
    // The reader's Train after the end continues for another `steps`.
    await host.handle({ type: 'train' });
    await until(
      () => of('metrics').at(-1)!.records[0]!.step === 9 && of('status').at(-1)?.running === false,
    );
    host.dispose();
  });

  it('stops a twin lab at the limit when run A diverged early (B trains on alone)', async () => {
    const { host, of } = makeHost();
    // The unnormalised lab: A (full-scale branches, SGD 0.1) diverges at step 1, B trains.
    const configs = preset('unnormalised').nets.map((c) => ({ ...c, steps: 12 }));
    await host.handle({ type: 'configure', generation: 1, configs });
    await host.handle({ type: 'train' });
    await until(() => of('status').at(-1)?.running === false && of('metrics').length > 2);
    expect(of('diverged').map((m) => m.run)).toEqual([0]);
    const last = of('metrics').at(-1)!.records;
    expect(last[0]).toBeNull();
    expect(last[1]!.step).toBe(11);
    expect(of('status').at(-1)!.step).toBe(11);
    expect(of('status').at(-1)!.done).toBe(true);
    // Nothing more arrives: the lab has stopped.
    const count = of('metrics').length;
    await new Promise((r) => setTimeout(r, 30));
    expect(of('metrics').length).toBe(count);
    host.dispose();
  });

  it('steps twins in lockstep with identical shared initial weights', async () => {
    const { host, of } = makeHost();
    const a = small({ skip: 'none' });
    const b = small({ skip: 'identity' });
    await host.handle({ type: 'configure', generation: 2, configs: [a, b] });
    await host.handle({ type: 'step' });
    const m = of('metrics');
    expect(m.map((x) => x.records.map((r) => r!.step))).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(m.every((x) => x.generation === 2)).toBe(true);
    // Same seed, same shapes: both nets start from the same weights, so the gradient of the
    // head (the only layer whose upstream equals at step 0 only if …) differs but the stem's
    // activation RMS, computed before any block, is identical.
    expect(m[0]!.records[0]!.activationNorms[0]).toBe(m[0]!.records[1]!.activationNorms[0]);
    host.dispose();
  });

  it('stops a diverging run with a message and keeps the twin training', async () => {
    const { host, of } = makeHost();
    const diverging = small({
      blocks: 24,
      norm: 'none',
      order: 'pre',
      optimizer: 'sgd',
      learningRate: 0.1,
      width: 32,
      batchSize: 64,
    });
    const scaled = { ...diverging, branchScale: 0.2 };
    await host.handle({ type: 'configure', generation: 3, configs: [diverging, scaled] });
    for (let i = 0; i < 4; i++) await host.handle({ type: 'step' });
    const d = of('diverged');
    expect(d).toHaveLength(1);
    expect(d[0]!.run).toBe(0);
    expect(d[0]!.message).toMatch(/Network A diverged at step \d/);
    expect(d[0]!.message).toMatch(/batch norm/);
    expect(d[0]!.message).toMatch(/branch scale/);
    const last = of('metrics').at(-1)!.records;
    expect(last[0]).toBeNull();
    expect(last[1]!.finite).toBe(true);
    host.dispose();
  });

  it('reports errors instead of throwing', async () => {
    const { host, of } = makeHost();
    await host.handle({
      type: 'configure',
      generation: 4,
      configs: [small({ dataset: 'digits' })],
    });
    expect(of('error')[0]!.message).toMatch(/digits/);
  });

  it('leaks no tensors across rebuilds and resets', async () => {
    const { host } = makeHost();
    await host.handle({
      type: 'configure',
      generation: 1,
      configs: [small(), small({ skip: 'none' })],
    });
    await host.handle({ type: 'step' });
    await host.handle({ type: 'reset' });
    await host.handle({ type: 'step' });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await host.handle({ type: 'reset' });
      await host.handle({ type: 'step' });
    }
    expect(tf.memory().numTensors).toBe(before);
    host.dispose();
  });
});

describe('rankBackends', () => {
  it('stops at the first fast-enough backend and keeps the rest as fallbacks', async () => {
    const seen: string[] = [];
    const r = await rankBackends(async (b) => (seen.push(b), b === 'wasm' ? 5 : 50));
    expect(seen).toEqual(['wasm']);
    expect(r.map((x) => x.name)).toEqual(['wasm', 'webgl', 'cpu']);
  });
  it('measures on when the first is slow, orders by time and drops failures', async () => {
    const times: Record<string, number | null> = { wasm: null, webgl: 80, cpu: 40 };
    const r = await rankBackends(async (b) => times[b] ?? null);
    expect(r.map((x) => x.name)).toEqual(['cpu', 'webgl']);
  });
  it('trusts an earlier choice without measuring the rest', async () => {
    const seen: string[] = [];
    const r = await rankBackends(async (b) => (seen.push(b), 300), undefined, 'cpu');
    expect(seen).toEqual(['cpu']);
    expect(r.map((x) => x.name)).toEqual(['cpu', 'wasm', 'webgl']);
  });
});

describe('divergenceMessage', () => {
  it('says what happened and what to try', () => {
    const rec: RunRecord = {
      step: 2,
      loss: NaN,
      accuracy: 0,
      gradNorms: new Float32Array([Infinity]),
      signalGradNorms: new Float32Array([1]),
      activationNorms: new Float32Array([1]),
      finite: false,
    };
    const msg = divergenceMessage('Network A', small({ norm: 'none', blocks: 24 }), rec);
    expect(msg).toMatch(/at step 2: the loss became NaN, the gradients became infinite/);
    expect(msg).toMatch(/lower learning rate.*batch norm.*branch scale.*fewer blocks/);
  });
});
