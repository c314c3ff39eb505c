import { Session } from '../src/model/experiment';
import { parseConfig } from '../src/model/config';
import { loadDataset } from '../src/model/data';
import { useNodeBackend } from './node-backend';
await useNodeBackend('wasm');
const rows: Record<string, object> = {
  plainSigmoid: { skip: 'none', activation: 'sigmoid', norm: 'none', init: 'glorot' },
  plainReluHe: { skip: 'none', activation: 'relu', norm: 'none', init: 'he' },
  plainReluHeBn: { skip: 'none', activation: 'relu', norm: 'batch', init: 'he' },
  resPostSigmoid: { skip: 'identity', order: 'post', activation: 'sigmoid', norm: 'none', init: 'glorot' },
  resPreSigmoid: { skip: 'identity', order: 'pre', activation: 'sigmoid', norm: 'none', init: 'glorot' },
  resPreReluBn: { skip: 'identity', order: 'pre', activation: 'relu', norm: 'batch', init: 'he' },
  resReluHeNoBn: { skip: 'identity', order: 'pre', activation: 'relu', norm: 'none', init: 'he' },
};
const ds = await loadDataset('spiral', 1);
for (const [name, c] of Object.entries(rows)) {
  const out: string[] = [];
  for (const seed of [1, 2, 3]) {
    const config = parseConfig({ blocks: 24, width: 32, batchSize: 64, ...c, seed });
    const s = new Session(config, ds);
    const r = await s.step();
    const g = r.gradNorms, sg = r.signalGradNorms, a = r.activationNorms;
    out.push(`w ${(g[1]! / g[g.length - 2]!).toExponential(1)} s ${(sg[0]! / sg[sg.length - 1]!).toExponential(1)} a ${(a[a.length-1]!/a[0]!).toExponential(1)}`);
    s.dispose();
  }
  console.log(name.padEnd(16), out.join(' | '));
}
