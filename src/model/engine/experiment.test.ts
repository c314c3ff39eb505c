// @vitest-environment node
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { loadDataset } from './data';
import { makePlanarDataset } from './data/planar';
import { runExperiment, Session } from './experiment';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

const base = { blocks: 3, width: 8, batchSize: 32, steps: 15 };

describe('runExperiment', () => {
  it('repeats the same history for the same seed', async () => {
    const a = await runExperiment({ ...base, seed: 11 });
    const b = await runExperiment({ ...base, seed: 11 });
    expect(a.history).toHaveLength(15);
    expect(b.history).toEqual(a.history);
    expect(b.final).toEqual(a.final);
  });

  it('gives another history for another seed', async () => {
    const a = await runExperiment({ ...base, seed: 11 });
    const b = await runExperiment({ ...base, seed: 12 });
    expect(b.history[0]!.loss).not.toBe(a.history[0]!.loss);
    expect(b.history[0]!.gradNorms).not.toEqual(a.history[0]!.gradNorms);
  });

  it('returns config, layers, history and final as the contract says', async () => {
    const r = await runExperiment({ ...base, dataset: 'moons' }, { steps: 4 });
    expect(r.config).toEqual(parseConfig({ ...base, dataset: 'moons' }));
    expect(r.layers[0]).toEqual({ name: 'stem/kernel', shape: [2, 8] });
    expect(r.history.map((h) => h.step)).toEqual([0, 1, 2, 3]);
    expect(r.final).toMatchObject({ diverged: false, divergedAtStep: null, steps: 4 });
    // final is the evaluation of the net after its last step, as a session of its own gives it.
    const session = new Session(r.config, await loadDataset('moons', r.config.seed));
    for (let s = 0; s < 4; s++) await session.step();
    expect(r.final).toMatchObject(await session.evaluate());
    session.dispose();
  });

  it('trains on the digits file', async () => {
    const bytes = new Uint8Array(readFileSync('public/data/digits.bin'));
    const r = await runExperiment(
      { blocks: 2, width: 32, dataset: 'digits', steps: 60, batchSize: 64 },
      { loadDigits: async () => bytes },
    );
    expect(r.layers[0]!.shape).toEqual([64, 32]);
    expect(r.layers.at(-1)!.shape).toEqual([32, 10]);
    expect(r.final.testAccuracy).toBeGreaterThan(0.8);
  });

  it('rejects an invalid config before doing any work', async () => {
    await expect(runExperiment({ blocks: 0 })).rejects.toThrow(/blocks is 0/);
  });
});

describe('Session.exportInitial', () => {
  it('exports every parameter and the batch that step 0 trains on', async () => {
    const config = parseConfig({ ...base, batchSize: 4 });
    const data = makePlanarDataset('spiral', config.seed);
    const s = new Session(config, data);
    const e = await s.exportInitial();
    expect(e.params.map((p) => p.name)).toEqual(s.network.packed.params.map((p) => p.name));
    for (const p of e.params) expect(p.values).toHaveLength(p.shape.reduce((a, b) => a * b, 1));
    expect(e.batch.x).toHaveLength(4);
    expect(e.batch.x[0]).toHaveLength(2);
    // Those rows are training examples with their labels.
    for (let i = 0; i < 4; i++) {
      const row = e.batch.x[i]!;
      const match = Array.from({ length: data.trainY.length }, (_, r) => r).find(
        (r) => data.trainX[2 * r] === row[0] && data.trainX[2 * r + 1] === row[1],
      );
      expect(match).toBeDefined();
      expect(data.trainY[match!]).toBe(e.batch.y[i]);
    }
    s.dispose();
  });

  it('loads datasets by name', async () => {
    expect((await loadDataset('xor', 1)).numClasses).toBe(2);
  });
});
