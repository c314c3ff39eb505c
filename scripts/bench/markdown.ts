/**
 * Renders bench/results.json as the Markdown tables of BENCHMARKS.md, so that the figures there
 * are copied from a run, not typed: `npx tsx scripts/bench/markdown.ts`.
 */
import { readFileSync } from 'node:fs';
import type { BrowserRow } from './browser';

type Step = BrowserRow;
interface Results {
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    loadAverageAtStart: number;
  };
  node: Step[];
  twins: { backend: string; blocks: number; msOne: number; msTwin: number; ratio: number }[];
  browser: Step[];
  lab: {
    seconds: number;
    steps: number;
    longestTaskMs: number;
    longTasks: number;
    plotUpdatesPerSecond: number;
  }[];
  app: null | {
    firstPaintGzip: number;
    workerGzip: number;
    wasmGzip: number;
    domInteractiveMs: number | null;
  };
  sweep?: { seconds: number; backend: string }[];
  deep?: {
    building: number;
    firstStep: number;
    step1Done: number;
    secondsPerStep: number;
    steps: number;
  }[];
  lesion?: { firstTrained: number; done: number }[];
  analyses?: Record<string, Record<string, number>[]>;
  soak?: { step: number; tensors: number; heapMiB: number; tensorMiB: number; msPerStep: number }[];
  torch: {
    version?: string;
    skipped?: string;
    rows?: { blocks: number; skip: string; msPerStep: number }[];
  };
}

const r = JSON.parse(readFileSync(process.argv[2] ?? 'bench/results.json', 'utf8')) as Results;
const net = (skip: string) => (skip === 'identity' ? 'residual' : 'plain');
const ms = (x: number | null) => (x === null ? '–' : x < 100 ? x.toFixed(1) : x.toFixed(0));
const triple = (s: Step | undefined) =>
  s ? `${ms(s.msPerStep)} / ${ms(s.msPerBareStep)} / ${ms(s.msPerTfjsStep)}` : '–';
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const keys = [...new Set(r.node.map((s) => `${s.blocks} ${s.skip}`))];

const m = r.machine;
console.log(
  `${r.date.slice(0, 10)}, ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ` +
    `${r.torch.version ?? 'no PyTorch'}; load average ${m.loadAverageAtStart} at the start.\n`,
);
console.log('Node, ms per step: engine with measurements / engine bare / tfjs autodiff bare\n');
console.log(
  table(
    ['blocks', 'net', 'cpu', 'wasm', 'PyTorch', 'wasm engine ÷ PyTorch', 'measurements'],
    keys.map((k) => {
      const [blocks, skip] = k.split(' ') as [string, string];
      const pick = (b: string) =>
        r.node.find((s) => `${s.blocks} ${s.skip}` === k && s.backend === b);
      const wasm = pick('wasm');
      const torch = r.torch.rows?.find((t) => `${t.blocks} ${t.skip}` === k);
      const overhead =
        wasm?.msPerStep && wasm.msPerBareStep
          ? `${((100 * (wasm.msPerStep - wasm.msPerBareStep)) / wasm.msPerBareStep).toFixed(0)} %`
          : '–';
      return [
        blocks,
        net(skip),
        triple(pick('cpu')),
        triple(wasm),
        torch ? ms(torch.msPerStep) : '–',
        torch && wasm?.msPerStep ? (wasm.msPerStep / torch.msPerStep).toFixed(2) : '–',
        overhead,
      ];
    }),
  ),
);
if (r.twins.length > 0) {
  console.log('\nTwin runs, 25 blocks\n');
  console.log(
    table(
      ['backend', 'one run (ms)', 'twins (ms)', 'ratio'],
      r.twins.map((t) => [t.backend, ms(t.msOne), ms(t.msTwin), t.ratio.toFixed(2)]),
    ),
  );
}
console.log(
  '\nHeadless Chromium, ms per step: engine with measurements / engine bare / tfjs autodiff\n',
);
const backends = [...new Set(r.browser.map((s) => s.backend))];
const bkeys = [...new Set(r.browser.map((s) => `${s.blocks} ${s.skip}`))];
console.log(
  table(
    ['blocks', 'net', ...backends],
    bkeys.map((k) => {
      const [blocks, skip] = k.split(' ') as [string, string];
      return [
        blocks,
        net(skip),
        ...backends.map((b) =>
          triple(r.browser.find((s) => `${s.blocks} ${s.skip}` === k && s.backend === b)),
        ),
      ];
    }),
  ),
);
if (r.lab.length > 0) {
  console.log('\nA lab training in the page (two 24-block nets, wasm)\n');
  console.log(
    table(
      ['run', 'seconds', 'steps', 'longest task (ms)', 'tasks ≥ 50 ms', 'plot updates / s'],
      r.lab.map((l, i) => [
        String(i + 1),
        String(l.seconds),
        String(l.steps),
        String(l.longestTaskMs),
        String(l.longTasks),
        String(l.plotUpdatesPerSecond),
      ]),
    ),
  );
}
const kB = (b: number) => `${Math.round(b / 1000)} kB`;
if (r.app)
  console.log(
    `\nBuilt app: ${kB(r.app.firstPaintGzip)} gzip before first paint, worker chunk ${kB(r.app.workerGzip)}, ` +
      `wasm ${kB(r.app.wasmGzip)}, DOM interactive at ${r.app.domInteractiveMs} ms.`,
  );
if (r.sweep?.length)
  console.log(
    `\nThe degradation figure's live sweep (default settings), wall time: ` +
      `${r.sweep.map((x) => `${x.seconds} s`).join(', ')} (${r.sweep[0]!.backend}).`,
  );
if (r.deep?.length) {
  console.log("\nThe thousand-layer figure's live run (two 500-block nets), seconds\n");
  console.log(
    table(
      ['run', 'building', 'first step starts', 'step 1 done', 'per step after', 'steps'],
      r.deep.map((d, i) => [
        String(i + 1),
        String(d.building),
        String(d.firstStep),
        String(d.step1Done),
        String(d.secondsPerStep),
        String(d.steps),
      ]),
    ),
  );
}
if (r.lesion?.length)
  console.log(
    `\nThe lesion figure's live study (train two 24-block nets, take both apart), seconds to the ` +
      `first net trained / to done: ${r.lesion.map((x) => `${x.firstTrained} / ${x.done}`).join(', ')}.`,
  );
for (const [name, rows] of Object.entries(r.analyses ?? {}))
  if (rows.length)
    console.log(
      `\nThe ${name} figure's live run, seconds to ${Object.keys(rows[0]!).join(' / ')}: ` +
        `${rows.map((x) => Object.values(x).join(' / ')).join(', ')}.`,
    );
if (r.soak?.length) {
  console.log('\nOne 500-block net, Node wasm\n');
  console.log(
    table(
      ['step', 'tensors', 'heap (MiB)', 'tensor memory (MiB)', 'ms per step'],
      r.soak.map((x) => [
        String(x.step),
        String(x.tensors),
        String(x.heapMiB),
        String(x.tensorMiB),
        String(x.msPerStep),
      ]),
    ),
  );
}
