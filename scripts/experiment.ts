/**
 * The experiment CLI: trains one configuration in Node and writes its history as JSON.
 *   npm run experiment -- --config '{"blocks":24,"skip":"none"}' --steps 200 --out run.json
 * `--analyses lesion` adds analyses of the trained net to the output (src/model/studies/analyses.ts).
 * `--export-pytorch run.py` writes the config's PyTorch script (src/model/pytorch/script.ts); given
 * alone it writes only that, without training. `--export-replicate DIR` writes what the script's
 * `--replicate DIR` reproduces: initial weights, data, batch order and the engine's result
 * (src/model/pytorch/replicate.ts).
 * Invalid input: one line on stderr, exit code 2, no file written. Files are written only after
 * the run finished, each through a temporary file and a rename, so none is ever half-written.
 */
import { register } from 'node:module';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAnalyses, type AnalysisResults } from '../src/model/studies/analyses';
import {
  runExperiment,
  type ExperimentResult,
  type InitialExport,
} from '../src/model/engine/experiment';
import {
  exportReplicate,
  replicateFiles,
  type ReplicateExport,
} from '../src/model/pytorch/replicate';
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

/**
 * The PyTorch export, loaded once Node can read its .py files as text (scripts/text-imports.mjs):
 * the hooks apply to imports made after they are registered, so this one is dynamic.
 */
async function loadPytorchScript(): Promise<
  typeof import('../src/model/pytorch/script').pytorchScript
> {
  register('./text-imports.mjs', import.meta.url);
  return (await import('../src/model/pytorch/script')).pytorchScript;
}

/** The command line as typed, quoted for a shell where needed (the script's header). */
function commandLine(args: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['npm run experiment --', ...args.map(quote)].join(' ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opts = parseCliArgs(args);
  const script = opts.exportPytorch
    ? (await loadPytorchScript())(opts.config, { source: opts.source, command: commandLine(args) })
    : undefined;
  const alone = !opts.out && !opts.exportInitial && !opts.exportReplicate && !opts.analyses.length;
  if (script && opts.exportPytorch && alone) {
    // Nothing else asked for: the script alone, no training run.
    await writeAtomically(opts.exportPytorch, script);
    console.log(`wrote ${opts.exportPytorch} (PyTorch script, ${opts.source})`);
    return;
  }
  await useNodeBackend(opts.backend);
  let initial: InitialExport | undefined;
  let replicate: ReplicateExport | undefined;
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
      if (opts.exportReplicate) replicate = await exportReplicate(session, total);
    },
    onStep: progress && ((r) => progress(r.step)),
    onDone: async (session) => {
      if (opts.analyses.length > 0) analyses = await runAnalyses(session, opts.analyses);
    },
  });
  if (progress) process.stderr.write('\n');
  const json = toJson(analyses ? { ...result, analyses } : result);
  if (opts.exportInitial && initial) await writeAtomically(opts.exportInitial, toJson(initial));
  if (opts.exportReplicate && replicate) {
    await mkdir(opts.exportReplicate, { recursive: true });
    for (const [name, text] of Object.entries(replicateFiles(replicate, result))) {
      await writeAtomically(join(opts.exportReplicate, name), text);
    }
  }
  if (opts.exportPytorch && script) await writeAtomically(opts.exportPytorch, script);
  if (opts.out) await writeAtomically(opts.out, json);
  const wrote = [opts.out, opts.exportInitial, opts.exportReplicate, opts.exportPytorch];
  // With a replicate folder the result is in DIR/engine.json: stdout gets the summary.
  if (opts.out || opts.exportReplicate) {
    console.log(`${summary(result)}; wrote ${wrote.filter((w) => w !== undefined).join(', ')}`);
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
