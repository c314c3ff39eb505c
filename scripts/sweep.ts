/**
 * `npm run sweep`: makes a study's results with the engine on wasm and writes them as JSON. The
 * studies, their flags and shipped files are the registry's (src/model/studies/index.ts); without
 * a flag it makes the article's degradation figure, public/sweeps/degradation.json (two
 * optimizers, seeds 1–6: about forty minutes here), and `npm run sweep -- --thousand-layers` the
 * 500-block comparison of block orders, public/sweeps/thousand-layers.json (about two hours).
 * What each study runs, logs and writes is in scripts/studies/<study>.ts; `--help` lists the
 * options, for smaller runs.
 */
import type { StudyId, StudySpecs } from '../src/model/studies';
import { UsageError } from './cli-args';
import { useNodeBackend } from './node-backend';
import { parseSweepArgs, SWEEP_USAGE, type SweepArgs } from './sweep-args';
import { degradationSweep } from './studies/degradation';
import { landscapeSweep } from './studies/landscape';
import { lesionSweep } from './studies/lesion';
import { pathsSweep } from './studies/paths';
import { shatteredSweep } from './studies/shattered';
import { thousandLayersSweep } from './studies/thousand-layers';

/** What `npm run sweep` does for each study: run `spec`, write `out`, say what it found. */
const SWEEPS: {
  [K in StudyId]: (spec: StudySpecs[K], out: string, argv: readonly string[]) => Promise<void>;
} = {
  degradation: degradationSweep,
  'thousand-layers': thousandLayersSweep,
  lesion: lesionSweep,
  paths: pathsSweep,
  shattered: shatteredSweep,
  landscape: landscapeSweep,
};

const sweep = <K extends StudyId>({ study, spec, out }: SweepArgs<K>, argv: readonly string[]) =>
  SWEEPS[study](spec, out, argv);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(SWEEP_USAGE);
    return;
  }
  const args = parseSweepArgs(argv);
  await useNodeBackend('wasm');
  await sweep(args, argv);
}

main().catch((e: unknown) => {
  const usage = e instanceof UsageError;
  process.stderr.write(`sweep: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(usage ? 2 : 1);
});
