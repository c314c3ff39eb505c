import * as tf from '@tensorflow/tfjs';
import { Session } from '../src/model/experiment';
import { parseConfig } from '../src/model/config';
import { loadDataset } from '../src/model/data';
import { useNodeBackend } from './node-backend';
for (const b of ['cpu', 'wasm'] as const) {
  await useNodeBackend(b);
  const config = parseConfig({ blocks: 20, width: 32, batchSize: 128, dataset: 'spiral' });
  const s = new Session(config, await loadDataset('spiral', 1));
  for (let i = 0; i < 5; i++) await s.step();
  let t0 = performance.now();
  for (let i = 0; i < 30; i++) await s.step();
  const full = (performance.now() - t0) / 30;
  for (let i = 0; i < 5; i++) await s.bareStep();
  t0 = performance.now();
  for (let i = 0; i < 30; i++) await s.bareStep();
  const bare = (performance.now() - t0) / 30;
  console.log(b, full.toFixed(1), bare.toFixed(1), tf.memory().numTensors);
  s.dispose();
}
