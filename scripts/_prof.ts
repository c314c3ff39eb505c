import * as tf from '@tensorflow/tfjs';
import { Session } from '../src/model/experiment';
import { parseConfig } from '../src/model/config';
import { loadDataset } from '../src/model/data';
import { useNodeBackend } from './node-backend';
await useNodeBackend((process.argv[2] ?? 'cpu') as 'cpu');
const config = parseConfig(JSON.parse(process.argv[3] ?? '{}'));
const s = new Session(config, await loadDataset('spiral', 1));
await s.step();
await s.step();
for (const mode of ['bare', 'full']) {
  const info = await tf.profile(async () => {
    if (mode === 'bare') await s.bareStep();
    else await s.step();
  });
  const agg = new Map<string, [number, number]>();
  for (const k of info.kernels) {
    const a = agg.get(k.name) ?? [0, 0];
    a[0] += k.kernelTimeMs as number;
    a[1]++;
    agg.set(k.name, a);
  }
  console.log(
    mode,
    info.kernels.length,
    [...agg.entries()]
      .sort((a, b) => b[1][1] - a[1][1])
      .map(([n, [t, c]]) => `${n}:${c}:${t.toFixed(0)}`)
      .join(' '),
  );
}
s.dispose();
