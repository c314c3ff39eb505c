/**
 * `npm run bench`: milliseconds per training step of the engine in Node, per backend, with the
 * full measurements (gradient norms, signal norms, activation RMS) and with the bare tfjs step
 * (loss only). Each figure is the median of 5 timed runs of 20 steps, after 5 warm-up steps.
 * Writes bench/results.json and prints a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseConfig } from '../src/model/config';
import { loadDataset } from '../src/model/data';
import { Session } from '../src/model/experiment';
import { NODE_BACKENDS, useNodeBackend } from './node-backend';

const BLOCKS = (process.env.BENCH_BLOCKS ?? '10,20,50').split(',').map(Number);
const RUNS = 5;
const STEPS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeSteps(session: Session, bare: boolean): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) await (bare ? session.bareStep() : session.step());
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) await (bare ? session.bareStep() : session.step());
    runs.push((performance.now() - t0) / STEPS);
  }
  return median(runs);
}

const rows: Record<string, string | number>[] = [];
for (const backend of NODE_BACKENDS) {
  await useNodeBackend(backend);
  for (const blocks of BLOCKS) {
    for (const skip of ['identity', 'none'] as const) {
      const config = parseConfig({ blocks, width: 32, batchSize: 128, dataset: 'spiral', skip });
      const data = await loadDataset('spiral', config.seed);
      const session = new Session(config, data);
      const full = await timeSteps(session, false);
      const bare = await timeSteps(session, true);
      session.dispose();
      const row = {
        backend,
        blocks,
        skip,
        msPerStep: +full.toFixed(2),
        msPerBareStep: +bare.toFixed(2),
        metricsOverheadPct: +((100 * (full - bare)) / bare).toFixed(1),
      };
      rows.push(row);
      console.log(Object.values(row).join('\t'));
    }
  }
}
mkdirSync('bench', { recursive: true });
const machine = {
  cpus: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
};
writeFileSync(
  'bench/results.json',
  JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2) + '\n',
);
console.log(
  `wrote bench/results.json (${machine.cpus}, ${machine.cores} cores, Node ${machine.node})`,
);
