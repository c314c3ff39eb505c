// @vitest-environment node
/**
 * The engine on tfjs's wasm backend (the one the worker prefers). The other tests run on `cpu`,
 * which implements every kernel; wasm lacks some (UnsortedSegmentSum, the gradient of a gather),
 * so this checks that a measured step, the engine's bare step and tfjs's autodiff step all run
 * there and agree.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { parseConfig } from './config';
import { loadDataset } from './data';
import { Session } from './experiment';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('on the wasm backend', () => {
  it('steps with every measurement, by its own backward pass and by autodiff, alike', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const data = await loadDataset('spiral', 1);
    const config = parseConfig({ blocks: 6, width: 16, batchSize: 32, dataset: 'spiral' });
    // Three sessions from the same seed: each kind of step starts from the same θ and batch.
    const [a, b, c] = [0, 1, 2].map(() => new Session(config, data));
    const measured = await a!.step();
    const manual = await b!.bareStep('manual');
    const autodiff = await c!.bareStep('autodiff');
    expect(measured.finite).toBe(true);
    expect(measured.signalGradNorms).toHaveLength(7);
    expect(Math.abs(manual - measured.loss)).toBeLessThan(1e-6);
    expect(Math.abs(autodiff - measured.loss)).toBeLessThan(1e-6);
    // After one update from the same start, the three nets' next losses agree too, and the
    // steps leave no tensor behind (the first one created the optimizers' state).
    const before = tf.memory().numTensors;
    const next = await Promise.all([a!, b!, c!].map((s) => s.bareStep('manual')));
    expect(Math.max(...next) - Math.min(...next)).toBeLessThan(1e-4);
    await a!.step();
    await c!.bareStep('autodiff');
    expect(tf.memory().numTensors).toBe(before);
    for (const s of [a!, b!, c!]) s.dispose();
  });
});
