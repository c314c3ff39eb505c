/**
 * `npm run bench`: prints tables and writes bench/results.json. See BENCHMARKS.md.
 * BENCH_BLOCKS=10,25 limits the depths (default 10,25,50,100); BENCH_BROWSER_BACKENDS=wasm limits
 * the browser backends (default wasm,webgl,cpu), BENCH_NODE_BACKENDS=wasm the Node ones (default
 * cpu,wasm). BENCH_SOAK_STEPS (default 1000; 0 skips it) sets the steps of the 500-block soak;
 * BENCH_ONLY=depth runs only the figures of the depth issue (the step tables at BENCH_BLOCKS,
 * the degradation figure's live sweep, the thousand-layer figure's live run, the soak) and writes
 * bench/results-depth.json. BENCH_ONLY=analyses runs only the live runs of the analysis figures
 * (path lengths, shattered gradients, loss landscapes) and writes bench/results-analyses.json.
 * BENCH_ONLY=lab-ready times arrivals at the first lab (its profile on screen, then trainable) by
 * its anchor and by scrolling to it early and once the page has settled (lab-ready.ts), with
 * BENCH_LAB_BEFORE=<folder> another build interleaved; writes bench/results-lab-ready.json
 * (BENCH_LAB_OUT=<file> elsewhere).
 * BENCH_ONLY=load measures five fresh loads of the page (first contentful paint, total blocking
 * time, longest task) and of a bare floor page, and writes bench/results-load.json (BENCH_LOAD_DIST:
 * see load.ts; BENCH_LOAD_OUT=<file> writes elsewhere, e.g. the "before" build's figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { appFigures, browserSteps, labFigures } from './browser';
import { deepFigures } from './deep';
import { analysisFigures } from './analyses';
import { lesionFigures } from './lesion';
import { floorFigures, loadFigures, openingOnly } from './load';
import { labReadyFigures } from './lab-ready';
import { nodeSteps, nodeTwins } from './node';
import { benchSkips, median } from './stats';
import { soak } from './soak';
import { sweepFigures } from './sweep';
import { torchAvailable, torchStep } from './torch';

const blocksList = (process.env.BENCH_BLOCKS ?? '10,25,50,100').split(',').map(Number);
const log = (s: string) => process.stderr.write(s + '\n');

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverageAtStart: Number(os.loadavg()[0]!.toFixed(2)),
};
log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

const nodeBackends = (process.env.BENCH_NODE_BACKENDS ?? 'cpu,wasm').split(',');
const soakSteps = Number(process.env.BENCH_SOAK_STEPS ?? 1000);
const deepOnly = process.env.BENCH_ONLY === 'depth';

if (process.env.BENCH_ONLY === 'lab-ready') {
  const runs = await labReadyFigures(
    Number(process.env.BENCH_LAB_RUNS ?? 5),
    process.env.BENCH_LAB_BEFORE,
  );
  console.log(
    '\nArriving at Lab 1 at 1440 × 900: ms to its profile on screen, and until it can train',
  );
  console.table(runs);
  // Median and range of each build's arrivals of each kind, as BENCHMARKS.md reports them.
  const spread = (xs: number[]) =>
    `${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
  console.table(
    [...new Set(runs.map((r) => `${r.arrival}|${r.build}`))].map((key) => {
      const [arrival, build] = key.split('|');
      const mine = runs.filter((r) => r.arrival === arrival && r.build === build);
      return {
        arrival,
        build,
        profile: spread(mine.map((r) => r.profileMs)),
        trainable: spread(mine.map((r) => r.trainableMs)),
        firstPaint: spread(mine.map((r) => r.firstPaintMs)),
      };
    }),
  );
  mkdirSync('bench', { recursive: true });
  const out = process.env.BENCH_LAB_OUT ?? 'bench/results-lab-ready.json';
  writeFileSync(out, JSON.stringify({ machine, runs }, null, 1) + '\n');
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'load') {
  const { runs: load, html } = await loadFigures();
  console.log('\nFive fresh loads of the page at 1440 × 900, navigation to idle');
  console.table(load);
  // Right after, the same browser on a bare page: what this machine allows at this moment.
  const floor = await floorFigures();
  console.log('\nFive fresh loads of a bare page (one heading, one paragraph): the floor');
  console.table(floor);
  // And on the page's own opening as bare HTML: what its first screen of text costs alone.
  const opening = await floorFigures(5, openingOnly(html));
  console.log('\nFive fresh loads of the opening alone (no CSS, script or font; first section)');
  console.table(opening);
  const file =
    process.env.BENCH_LOAD_OUT ??
    (process.env.BENCH_LOAD_DIST ? 'bench/results-load-other.json' : 'bench/results-load.json');
  mkdirSync('bench', { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), machine, load, floor, opening }, null, 2) +
      '\n',
  );
  log(`wrote ${file}`);
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'analyses') {
  const analyses = await analysisFigures();
  for (const [name, rows] of Object.entries(analyses)) {
    console.log(`\nThe ${name} figure's live run, seconds to each milestone`);
    console.table(rows);
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(
    'bench/results-analyses.json',
    JSON.stringify({ date: new Date().toISOString(), machine, analyses }, null, 2) + '\n',
  );
  log('wrote bench/results-analyses.json');
  process.exit(0);
}

const node = await nodeSteps(blocksList, log, nodeBackends);
const twins = deepOnly ? [] : await nodeTwins(25);

const torch = torchAvailable();
log(torch.ok ? `PyTorch: ${torch.why}` : `PyTorch column skipped: ${torch.why}`);
const torchRows = torch.ok
  ? blocksList.flatMap((blocks) =>
      benchSkips(blocks).map((skip) => ({ blocks, skip, ...torchStep(blocks, skip) })),
    )
  : [];

console.log(
  '\nEngine in Node, ms per step (median of 41 interleaved steps), width 32, batch 128, spiral',
);
console.table(
  node.map((r) => {
    const t = torchRows.find((x) => x.blocks === r.blocks && x.skip === r.skip);
    return {
      ...r,
      torchMs: t?.msPerStep ?? '-',
      vsTorch: t ? Number((r.msPerStep / t.msPerStep).toFixed(2)) : '-',
    };
  }),
);
console.log('\nTwin runs (plain + residual in lockstep) vs one run, 25 blocks');
console.table(twins);

log('building the benchmark page and timing the engine in headless Chromium…');
const browser = await browserSteps(
  blocksList,
  (process.env.BENCH_BROWSER_BACKENDS ?? 'wasm,webgl,cpu').split(','),
);
console.log('\nEngine in headless Chromium, ms per step');
console.table(browser);
const labRuns = deepOnly ? [] : await labFigures();
console.log('\nA lab training in the page (main thread), five runs');
console.table(labRuns);
const app = deepOnly ? null : await appFigures();
console.log('\nThe built app');
console.table([app]);
const sweep = await sweepFigures();
console.log("\nThe degradation figure's live sweep, default settings, seconds");
console.table(sweep);
const deep = await deepFigures();
console.log("\nThe thousand-layer figure's live run in the page");
console.table(deep);
const lesion = await lesionFigures();
console.log("\nThe lesion figure's live study (seed 1), seconds");
console.table(lesion);
const analyses = await analysisFigures();
for (const [name, rows] of Object.entries(analyses)) {
  console.log(`\nThe ${name} figure's live run, seconds to each milestone`);
  console.table(rows);
}
const soakRows = soakSteps > 0 ? await soak(soakSteps, 100, log) : [];
console.log(`\nOne 500-block net over ${soakSteps} steps, Node wasm`);
console.table(soakRows);

mkdirSync('bench', { recursive: true });
const results = {
  date: new Date().toISOString(),
  machine,
  node,
  twins,
  browser,
  lab: labRuns,
  app,
  sweep,
  deep,
  lesion,
  analyses,
  soak: soakRows,
  torch: torch.ok ? { version: torch.why, rows: torchRows } : { skipped: torch.why },
};
writeFileSync(
  deepOnly ? 'bench/results-depth.json' : 'bench/results.json',
  JSON.stringify(results, null, 2) + '\n',
);
log(`wrote bench/${deepOnly ? 'results-depth' : 'results'}.json`);
