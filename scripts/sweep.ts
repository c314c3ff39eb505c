/**
 * `npm run sweep`: trains one configuration at several depths, plain and residual, on several
 * seeds (src/model/sweep.ts) with the engine on wasm, and writes the points as JSON. Without
 * arguments it makes the article's degradation figure, public/sweeps/degradation.json (about
 * ten minutes here); see `--help` for a smaller or different sweep.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { summariseSweep, sweepRuns, type SweepFile } from '../src/model/sweep-spec';
import { runSweep } from '../src/model/sweep';
import { UsageError } from './cli-args';
import { engineFingerprint } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';
import { parseSweepArgs, SWEEP_USAGE } from './sweep-args';

/** JSON with NaN and ±Infinity as null, one point per line. */
function toJson(file: SweepFile): string {
  const { points, ...head } = file;
  const lines = points.map((p) => '  ' + JSON.stringify(p));
  const top = JSON.stringify(head, null, 1).slice(0, -2);
  return `${top},\n "points": [\n${lines.join(',\n')}\n ]\n}\n`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(SWEEP_USAGE);
    return;
  }
  const { spec, out } = parseSweepArgs(argv);
  await useNodeBackend('wasm');
  const started = Date.now();
  const total = sweepRuns(spec).length;
  const result = await runSweep(spec, {
    loadDigits: async () =>
      new Uint8Array(await readFile(new URL('../public/data/digits.bin', import.meta.url))),
    onPoint: (p, done) =>
      process.stderr.write(
        `[${((Date.now() - started) / 1000).toFixed(0)} s] ${done}/${total} seed ${p.seed}, ` +
          `${p.blocks} blocks, ${p.arm}: train loss ${p.trainLoss.toFixed(4)}` +
          `${p.diverged ? ' (diverged)' : ''}\n`,
      ),
  });
  const file: SweepFile = {
    command: ['npm run sweep', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    fingerprint: engineFingerprint(spec),
    backend: 'wasm',
    spec,
    points: result.points,
  };
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, toJson(file));
  await rename(tmp, out);
  for (const r of summariseSweep(result.points))
    console.log(
      `${r.arm.padEnd(8)} ${String(r.blocks).padStart(3)} blocks: median train loss ` +
        `${r.medianLoss.toFixed(4)} (${r.minLoss.toFixed(4)}–${r.maxLoss.toFixed(4)})`,
    );
  console.log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  const usage = e instanceof UsageError;
  process.stderr.write(`sweep: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(usage ? 2 : 1);
});
