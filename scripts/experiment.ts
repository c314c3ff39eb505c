/**
 * The experiment CLI: trains one configuration in Node and writes its history as JSON.
 *   npm run experiment -- --config '{"blocks":24,"skip":"none"}' --steps 200 --out run.json
 * `--analyses lesion` adds analyses of the trained net to the output (src/model/analyses.ts).
 * Invalid input: one line on stderr, exit code 2, no file written. Files are written only after
 * the run finished, each through a temporary file and a rename, so none is ever half-written.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { runAnalyses, type AnalysisResults } from '../src/model/analyses';
import { runExperiment, type ExperimentResult, type InitialExport } from '../src/model/experiment';
import { parseCliArgs, UsageError } from './cli-args';
import { useNodeBackend } from './node-backend';

/** JSON with typed arrays as plain arrays; NaN and ±Infinity become null. */
function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v),
    1,
  );
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function summary(r: ExperimentResult): string {
  const f = r.final;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
  const head = f.diverged
    ? `diverged at step ${f.divergedAtStep} (loss or gradients not finite)`
    : `trained ${f.steps} steps`;
  return (
    `${head}: train loss ${fmt(f.trainLoss)}, train accuracy ${fmt(f.trainAccuracy)}, ` +
    `test accuracy ${fmt(f.testAccuracy)}`
  );
}

async function main(): Promise<void> {
  const opts = parseCliArgs(process.argv.slice(2));
  await useNodeBackend(opts.backend);
  let initial: InitialExport | undefined;
  const total = opts.config.steps;
  const progress = process.stderr.isTTY
    ? (step: number) => {
        if (step % 50 === 0) process.stderr.write(`\rstep ${step + 1}/${total}`);
      }
    : undefined;
  let analyses: AnalysisResults | undefined;
  const result = await runExperiment(opts.config, {
    loadDigits: async () =>
      new Uint8Array(await readFile(new URL('../public/data/digits.bin', import.meta.url))),
    onReady: async (session) => {
      if (opts.exportInitial) initial = await session.exportInitial();
    },
    onStep: progress && ((r) => progress(r.step)),
    onDone: async (session) => {
      if (opts.analyses.length > 0) analyses = await runAnalyses(session, opts.analyses);
    },
  });
  if (progress) process.stderr.write('\n');
  const json = toJson(analyses ? { ...result, analyses } : result);
  if (opts.exportInitial && initial) await writeAtomically(opts.exportInitial, toJson(initial));
  if (opts.out) {
    await writeAtomically(opts.out, json);
    console.log(`${summary(result)}; wrote ${opts.out}`);
  } else {
    process.stdout.write(json + '\n');
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`experiment: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`experiment: failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
