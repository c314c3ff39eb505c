// @vitest-environment node
/**
 * The thousand-layer comparison's command line as `npm run sweep` runs it, on small nets and an
 * in-memory disk: it writes the whole file and removes its partial one; a run started again takes
 * the pairs a partial file holds when the same code made them, and trains the others; a partial
 * file from other code or another base configuration is not used.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config';
import type { SweepIo } from '../cli';
import { thousandLayersCli } from './cli';
import type { DeepFile, DeepSpec } from './spec';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

const spec: DeepSpec = {
  base: parseConfig({ dataset: 'spiral', blocks: 2, width: 8, batchSize: 32, steps: 3 }),
  optimizers: ['momentum'],
  learningRates: { momentum: [0.01, 0.05], adam: [] },
  seeds: [1],
  heldOutSeeds: [],
};

/** A disk in memory, a terminal kept as lines, and a fingerprint that is `code`. */
function memoryIo(files: Map<string, unknown>, code = 'this code') {
  const progress: string[] = [];
  const io: SweepIo = {
    out: 'out.json',
    loadDigits: () => Promise.reject(new Error('no digits in this test')),
    head: (s) => ({ command: 'test', fingerprint: code, backend: 'cpu', spec: s }),
    fingerprint: () => code,
    writeItems: async (path, file) => void files.set(path, structuredClone(file)),
    writeJson: async (path, value) => void files.set(path, value),
    readJson: async (path) => files.get(path) ?? null,
    remove: async (path) => void files.delete(path),
    progress: (line) => void progress.push(line),
    say: () => undefined,
    elapsed: () => '0 s',
  };
  return { io, progress };
}

describe('npm run sweep -- --thousand-layers', () => {
  // One whole run, from no partial file, that the other tests start from.
  const files = new Map<string, unknown>();
  const { io, progress } = memoryIo(files);
  let made: DeepFile;
  beforeAll(async () => {
    await thousandLayersCli.sweep(spec, io);
    made = files.get('out.json') as DeepFile;
  });

  it('writes every pair and removes its partial file at the end', () => {
    const file = made;
    expect(file.traces.map((t) => [t.learningRate, t.order])).toEqual([
      [0.01, 'post'],
      [0.01, 'pre'],
      [0.05, 'post'],
      [0.05, 'pre'],
    ]);
    expect(files.has('out.json.partial')).toBe(false);
    expect(progress.filter((l) => l.includes('(from the partial file)'))).toEqual([]);
  });

  it('takes the pairs of a partial file made by the same code, and trains the rest', async () => {
    // An interrupted run: the first pair done, and its losses marked to tell them apart.
    const first = made.traces.slice(0, 2).map((t) => ({ ...t, loss: t.loss.map(() => 42) }));
    const files = new Map<string, unknown>([['out.json.partial', { ...made, traces: first }]]);
    const { io, progress } = memoryIo(files);
    await thousandLayersCli.sweep(spec, io);
    const file = files.get('out.json') as DeepFile;
    expect(file.traces.slice(0, 2).map((t) => t.loss[0])).toEqual([42, 42]);
    expect(file.traces.slice(2)).toEqual(made.traces.slice(2));
    expect(progress.filter((l) => l.includes('(from the partial file)'))).toHaveLength(1);
    expect(files.has('out.json.partial')).toBe(false);
  });

  it('trains again what a partial file from other code or another base holds', async () => {
    const marked = {
      ...made,
      traces: made.traces.map((t) => ({ ...t, loss: t.loss.map(() => 42) })),
    };
    for (const partial of [
      { ...marked, fingerprint: 'other code' },
      { ...marked, spec: { ...marked.spec, base: { ...marked.spec.base, width: 16 } } },
      'not a results file',
    ]) {
      const files = new Map<string, unknown>([['out.json.partial', partial]]);
      const { io, progress } = memoryIo(files);
      await thousandLayersCli.sweep(spec, io);
      expect((files.get('out.json') as DeepFile).traces).toEqual(made.traces);
      expect(progress.some((l) => l.startsWith('taking the'))).toBe(false);
    }
  });
});
