/**
 * `npm run sweep`: makes a study's results with the engine on wasm and writes them as JSON. The
 * studies, their flags, options and shipped files are the registry's (src/model/studies/index.ts,
 * each study's cli.ts); this file lends them the disk and the terminal. Without a flag it makes
 * the article's degradation figure, public/sweeps/degradation.json (two optimizers, seeds 1–6:
 * about forty minutes here), and `npm run sweep -- --thousand-layers` the 500-block comparison of
 * block orders, public/sweeps/thousand-layers.json (about two hours). `--help` lists the options,
 * for smaller runs.
 */
import type { StudyId } from '../src/model/studies';
import { UsageError } from '../src/model/studies/cli';
import { useNodeBackend } from './node-backend';
import { cliOf, parseSweepArgs, SWEEP_USAGE, type SweepArgs } from './sweep-args';
import { sweepIo } from './sweep-output';

const sweep = <K extends StudyId>({ study, spec, out }: SweepArgs<K>, argv: readonly string[]) =>
  cliOf(study).sweep(spec, sweepIo(study, out, argv));

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
