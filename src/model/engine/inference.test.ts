// @vitest-environment node
/**
 * The evaluation rule: a trained network is evaluated with batch norm in inference mode, using
 * population statistics over the whole training set at the current weights (Session.predict).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { Session } from './experiment';
import { crossEntropy } from './train';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

const data = makePlanarDataset('circles', 1);

async function trained(extra: object, steps = 30): Promise<Session> {
  const config = parseConfig({ dataset: 'circles', blocks: 3, width: 8, batchSize: 32, ...extra });
  const s = new Session(config, data);
  for (let i = 0; i < steps; i++) await s.step();
  return s;
}

const rows = (from: Float32Array, start: number, count: number) =>
  tf.tensor2d(from.subarray(2 * start, 2 * (start + count)), [count, 2]);

describe('batch norm in inference mode', () => {
  for (const order of ['post', 'pre'] as const) {
    it(`${order}: a row's prediction does not depend on the rows evaluated with it`, async () => {
      const s = await trained({ order });
      const [alone, withTest, withGrid] = tf.tidy(() => {
        const one = rows(data.testX, 0, 1);
        const others = rows(data.testX, 1, 99);
        const far = tf.fill([50, 2], 3) as tf.Tensor2D; // points far outside the data
        return [
          s.predict(one),
          tf.slice(s.predict(tf.concat([one, others])), [0, 0], [1, -1]),
          tf.slice(s.predict(tf.concat([one, far])), [0, 0], [1, -1]),
        ];
      });
      const a = await alone!.data();
      for (const t of [withTest!, withGrid!]) {
        const b = await t.data();
        for (let j = 0; j < a.length; j++) expect(b[j]).toBeCloseTo(a[j]!, 5);
      }
      tf.dispose([alone!, withTest!, withGrid!]);
      s.dispose();
    });
  }

  it('on the training set it equals the training-mode pass over the whole set', async () => {
    const s = await trained({ order: 'pre' });
    const [inference, training] = tf.tidy(() => {
      const x = tf.tensor2d(data.trainX, [data.trainY.length, 2]);
      return [s.predict(x), s.network.forward(x).logits];
    });
    const a = await inference!.data();
    const b = await training!.data();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-4);
    tf.dispose([inference!, training!]);
    s.dispose();
  });

  it('differs from batch statistics on a skewed batch, which is why it is the rule', async () => {
    const s = await trained({ order: 'pre' }, 100);
    // Only class-1 test points: batch statistics would re-centre them on themselves.
    const ones: number[] = [];
    data.testY.forEach((y, i) => y === 1 && ones.push(data.testX[2 * i]!, data.testX[2 * i + 1]!));
    const n = ones.length / 2;
    const [inf, bat] = tf.tidy(() => {
      const x = tf.tensor2d(ones, [n, 2]);
      const oneHot = tf.oneHot(tf.fill([n], 1, 'int32') as tf.Tensor1D, 2).toFloat() as tf.Tensor2D;
      return [
        crossEntropy(s.predict(x), oneHot),
        crossEntropy(s.network.forward(x).logits, oneHot),
      ];
    });
    const lossInference = (await inf!.data())[0]!;
    const lossBatch = (await bat!.data())[0]!;
    expect(lossInference).toBeLessThan(0.3);
    expect(lossBatch).toBeGreaterThan(lossInference + 0.2);
    tf.dispose([inf!, bat!]);
    s.dispose();
  });

  it('leaves no tensors behind: the statistics live only inside each evaluation', async () => {
    const s = await trained({ order: 'post' }, 2);
    const before = tf.memory().numTensors;
    await s.evaluate();
    expect(tf.memory().numTensors).toBe(before);
    tf.tidy(() => void s.predict(rows(data.testX, 0, 5)));
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
