// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS, parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { Session } from './experiment';
import { makeOptimizer } from './train';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

const small = { blocks: 3, width: 8, batchSize: 16, dataset: 'circles' } as const;

describe('training step', () => {
  it('keeps the tensor count flat over 200 steps and across a rebuild', async () => {
    const data = makePlanarDataset('circles', 1);
    const before = tf.memory().numTensors;
    for (const optimizer of OPTIMIZERS) {
      const session = new Session(parseConfig({ ...small, optimizer }), data);
      await session.step(); // Adam and momentum create their slots on the first step.
      const afterFirst = tf.memory().numTensors;
      for (let i = 0; i < 200; i++) await session.step();
      await session.evaluate();
      await session.bareStep();
      expect(tf.memory().numTensors, optimizer).toBe(afterFirst);
      session.dispose();
      expect(tf.memory().numTensors, `${optimizer} after dispose`).toBe(before);
    }
    // A rebuilt model (new architecture) holds the same number of tensors as a fresh one.
    const a = new Session(parseConfig({ ...small, blocks: 5 }), data);
    await a.step();
    const countA = tf.memory().numTensors;
    a.dispose();
    const b = new Session(parseConfig({ ...small, blocks: 5 }), data);
    await b.step();
    expect(tf.memory().numTensors).toBe(countA);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports one value per weight matrix and per block input', async () => {
    const session = new Session(parseConfig(small), makePlanarDataset('circles', 1));
    const r = await session.step();
    expect(r.step).toBe(0);
    expect(r.gradNorms).toHaveLength(2 * small.blocks + 2);
    expect(r.signalGradNorms).toHaveLength(small.blocks + 1);
    expect(r.activationNorms).toHaveLength(small.blocks + 1);
    expect(r.loss).toBeGreaterThan(0);
    // The accuracy is a share of the batch's rows: a whole number of them.
    const right = r.accuracy * small.batchSize;
    expect(right).toBeCloseTo(Math.round(right), 4);
    expect(r.finite).toBe(true);
    expect((await session.step()).step).toBe(1);
    session.dispose();
  });

  it.each(OPTIMIZERS)('%s lowers the training loss', async (optimizer) => {
    const lr = { sgd: 0.1, momentum: 0.05, adam: 0.01 }[optimizer];
    const session = new Session(
      parseConfig({ ...small, optimizer, learningRate: lr, batchSize: 64 }),
      makePlanarDataset('circles', 1),
    );
    const start = (await session.evaluate()).trainLoss;
    for (let i = 0; i < 60; i++) await session.step();
    expect((await session.evaluate()).trainLoss).toBeLessThan(0.7 * start);
    session.dispose();
  });

  it('gives Adam the explicit ε of the contract', () => {
    const opt = makeOptimizer(parseConfig({ optimizer: 'adam' })) as tf.AdamOptimizer;
    expect(opt.getConfig()['epsilon']).toBe(1e-7);
    opt.dispose();
  });

  it('stops a run that goes non-finite and names the step', async () => {
    // An unnormalised He-initialised residual net: the signal doubles in variance per block,
    // the loss at step 0 is huge and one plain SGD step makes the parameters overflow.
    const config = parseConfig({
      blocks: 24,
      width: 16,
      batchSize: 32,
      norm: 'none',
      init: 'he',
      optimizer: 'sgd',
      learningRate: 1,
    });
    const session = new Session(config, makePlanarDataset('spiral', 1));
    let last;
    for (let i = 0; i < 20 && session.divergedAtStep === null; i++) last = await session.step();
    expect(session.divergedAtStep).not.toBeNull();
    expect(last!.finite).toBe(false);
    expect(last!.step).toBe(session.divergedAtStep);
    await expect(session.step()).rejects.toThrow(/diverged at step/);
    session.dispose();
  });
});
