/**
 * Memory of one 500-block net over many steps, in Node on wasm: the tensor count and the JS heap
 * every `every` steps. A step that leaked one tensor would add a thousand over a thousand steps;
 * the table shows whether the count and the heap stay flat. (The browser soak test checks 5,000
 * steps of a lab's nets; a 500-block net takes too long a step for the test suite.)
 */
import * as tf from '@tensorflow/tfjs';
import { parseConfig } from '../../src/model/engine/config';
import { loadDataset } from '../../src/model/engine/data';
import { Session } from '../../src/model/engine/experiment';
import { useNodeBackend } from '../node-backend';

export interface SoakRow {
  step: number;
  tensors: number;
  heapMiB: number;
  /** Bytes tfjs holds in tensors (wasm memory in use), MiB. */
  tensorMiB: number;
  msPerStep: number;
}

const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** Trains the thousand-layer figure's pre-activation net for `steps` steps. */
export async function soak(
  steps: number,
  every: number,
  log: (s: string) => void,
): Promise<SoakRow[]> {
  await useNodeBackend('wasm');
  const config = parseConfig({
    dataset: 'spiral',
    blocks: 500,
    width: 32,
    batchSize: 128,
    order: 'pre',
    optimizer: 'momentum',
    learningRate: 0.05,
  });
  const session = new Session(config, await loadDataset('spiral', 1));
  const rows: SoakRow[] = [];
  try {
    let t0 = performance.now();
    for (let s = 1; s <= steps; s++) {
      await session.step();
      if (s % every === 0 || s === 1) {
        const t = performance.now();
        // A collection first, so that the heap figure is what is live, not what awaits collection.
        (globalThis as { gc?: () => void }).gc?.();
        const row = {
          step: s,
          tensors: tf.memory().numTensors,
          heapMiB: mib(process.memoryUsage().heapUsed),
          tensorMiB: mib(tf.memory().numBytes),
          msPerStep: Number(((t - t0) / (s === 1 ? 1 : every)).toFixed(0)),
        };
        rows.push(row);
        log(`soak step ${s}: ${row.tensors} tensors, heap ${row.heapMiB} MiB`);
        t0 = performance.now();
      }
    }
  } finally {
    session.dispose();
  }
  return rows;
}
