import { runExperiment } from '../src/model/experiment';
import { useNodeBackend } from './node-backend';
await useNodeBackend((process.argv[3] ?? 'wasm') as 'wasm');
const base = JSON.parse(process.argv[2]!);
for (const extra of JSON.parse(process.argv[4] ?? '[{}]')) {
  const t0 = performance.now();
  const r = await runExperiment({ ...base, ...extra });
  const h = r.history;
  console.log(JSON.stringify(extra), `${(performance.now() - t0).toFixed(0)}ms`, 'loss0', h[0]?.loss.toFixed(3), 'final', r.final.trainLoss.toFixed(4), r.final.trainAccuracy.toFixed(3), 'div', r.final.divergedAtStep, 'lastAct', h[h.length-1]?.activationNorms.at(-1)?.toExponential(1));
}
