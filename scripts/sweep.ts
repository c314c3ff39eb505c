/**
 * `npm run sweep`: trains one configuration at several depths, plain and residual, on several
 * seeds (src/model/sweep.ts) with the engine on wasm, and writes the points as JSON. Without
 * arguments it makes the article's degradation figure, public/sweeps/degradation.json (two
 * optimizers, seeds 1–6: about forty minutes here). `npm run sweep -- --thousand-layers` trains the 500-block comparison of
 * block orders (src/model/deep.ts) for the thousand-layer figure,
 * public/sweeps/thousand-layers.json (about fifteen minutes). See `--help` for smaller runs.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DigitsLoader } from '../src/model/data';
import { runDeep } from '../src/model/deep';
import { runLandscapeSpec } from '../src/model/landscape';
import {
  landscapeVerdicts,
  type LandscapeFile,
  type LandscapeSpec,
} from '../src/model/landscape-spec';
import { runLesionSpec } from '../src/model/lesion';
import { runPathsSpec } from '../src/model/path-study';
import { runShatteredSpec } from '../src/model/shattered';
import {
  shatteredVerdicts,
  type ShatteredFile,
  type ShatteredSpec,
} from '../src/model/shattered-spec';
import {
  effectiveLengths,
  pathsVerdicts,
  peakLength,
  type PathsFile,
  type PathsSpec,
} from '../src/model/paths-spec';
import { lesionVerdicts, type LesionFile, type LesionSpec } from '../src/model/lesion-spec';
import { deepOutcomes, deepPairs, type DeepFile, type DeepSpec } from '../src/model/deep-spec';
import {
  degradationVerdicts,
  sweepRuns,
  type SweepFile,
  type SweepSpec,
} from '../src/model/sweep-spec';
import { runSweep } from '../src/model/sweep';
import { UsageError } from './cli-args';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';
import { parseSweepArgs, SWEEP_USAGE } from './sweep-args';

/**
 * `file` as JSON with the array under `key` one item per line, so that a results file stays
 * readable in a diff (NaN and ±Infinity become null).
 */
function itemsPerLine<F extends object>(file: F, key: keyof F & string): string {
  const { [key]: items, ...head } = file;
  const lines = (items as unknown[]).map((p) => '  ' + JSON.stringify(p));
  const top = JSON.stringify(head, null, 1).slice(0, -2);
  return `${top},\n "${key}": [\n${lines.join(',\n')}\n ]\n}\n`;
}

const loadDigits: DigitsLoader = async () =>
  new Uint8Array(await readFile(new URL('../public/data/digits.bin', import.meta.url)));

const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** Writes `text` to `out` through a temporary file, so that a stopped run leaves no half file. */
async function writeAtomically(out: string, text: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, out);
}

const commandOf = (argv: readonly string[]) =>
  ['npm run sweep', ...(argv.length ? ['--', ...argv] : [])].join(' ');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(SWEEP_USAGE);
    return;
  }
  const args = parseSweepArgs(argv);
  await useNodeBackend('wasm');
  if (args.kind === 'depth') await depthSweep(args.spec, args.out, argv);
  else if (args.kind === 'lesion') await lesionStudies(args.spec, args.out, argv);
  else if (args.kind === 'paths') await pathStudies(args.spec, args.out, argv);
  else if (args.kind === 'shattered') await shatteredStudy(args.spec, args.out, argv);
  else if (args.kind === 'landscape') await landscapes(args.spec, args.out, argv);
  else await thousandLayers(args.spec, args.out, argv);
}

async function depthSweep(spec: SweepSpec, out: string, argv: readonly string[]): Promise<void> {
  const started = Date.now();
  const total = sweepRuns(spec).length;
  const result = await runSweep(spec, {
    loadDigits,
    onPoint: (p, done) =>
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} ${p.optimizer}, seed ${p.seed}, ` +
          `${p.blocks} blocks, ${p.arm}: train loss ${p.trainLoss.toFixed(4)}` +
          `${p.diverged ? ` (diverged at step ${p.divergedAtStep})` : ''}\n`,
      ),
  });
  const file: SweepFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.sweep),
    backend: 'wasm',
    spec,
    points: result.points,
  };
  await writeAtomically(out, itemsPerLine(file, 'points'));
  for (const v of degradationVerdicts(result.points))
    console.log(
      `${v.optimizer}, seed ${v.seed}${spec.heldOutSeeds.includes(v.seed) ? ' (held out)' : ''}: ` +
        `plain rises ${v.plainRises}, residual fits ${v.residualFits}, plain fits up to ` +
        `${v.plainFitsUpTo ?? 'nowhere'}, plain at chance from ` +
        `${v.plainAtChanceFrom ?? 'nowhere'}, plain diverged ` +
        `${v.plainDiverged.map((d) => `${d.blocks} blocks at step ${d.step}`).join(', ') || 'never'}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}

async function thousandLayers(spec: DeepSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const total = deepPairs(spec).length;
  const { traces } = await runDeep(spec, {
    loadDigits,
    onStep: (pair, step) => {
      if ((step + 1) % 25 === 0)
        process.stderr.write(
          `[${seconds(started)}] ${pair.optimizer}, seed ${pair.seed}: step ${step + 1}\n`,
        );
    },
    onPair: (pair, done) =>
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} ${pair
          .map((t) => `${t.order} ${t.final.trainLoss.toFixed(4)}`)
          .join(', ')}\n`,
      ),
  });
  const file: DeepFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.deep),
    backend: 'wasm',
    spec,
    traces,
  };
  await writeAtomically(out, itemsPerLine(file, 'traces'));
  for (const optimizer of spec.optimizers)
    console.log(`${optimizer}: outcome per seed ${deepOutcomes(file, optimizer).join(', ')}`);
  console.log(`wrote ${out} in ${seconds(started)}`);
}

main().catch((e: unknown) => {
  const usage = e instanceof UsageError;
  process.stderr.write(`sweep: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(usage ? 2 : 1);
});

async function lesionStudies(spec: LesionSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await runLesionSpec(spec, {
    loadDigits,
    onRun: (run, done, total) =>
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} seed ${run.seed}, ${run.arm}: intact error ` +
          `${run.result.intact.toFixed(3)}, one block deleted ${(
            run.result.single.reduce((s, x) => s + x, 0) / run.result.single.length
          ).toFixed(3)} on average\n`,
      ),
  });
  const file: LesionFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.lesion),
    backend: 'wasm',
    spec,
    runs,
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const { seed, ...v } of lesionVerdicts(runs))
    console.log(
      `seed ${seed}${spec.heldOutSeeds.includes(seed) ? ' (held out)' : ''}: ` +
        Object.entries(v)
          .map(([k, ok]) => `${k} ${ok}`)
          .join(', '),
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}

async function pathStudies(spec: PathsSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await runPathsSpec(spec, {
    loadDigits,
    onRun: (run, done, total) => {
      const at = (rows: typeof run.init) => {
        const e = effectiveLengths(rows);
        return `peak ${peakLength(rows)}, 90% from lengths ${e.from}–${e.to}`;
      };
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} seed ${run.seed}: init ${at(run.init)}; ` +
          `trained ${at(run.trained)} (test error ${run.testError.toFixed(3)})\n`,
      );
    },
  });
  const file: PathsFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.paths),
    backend: 'wasm',
    spec,
    runs,
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const v of pathsVerdicts(runs, spec.base.blocks))
    console.log(
      `seed ${v.seed}: decays ${v.decays}, init shorter half ${v.initShorterHalf}, ` +
        `trained short ${v.trainedShort}, training shortens ${v.trainingShortens}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}

async function shatteredStudy(spec: ShatteredSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const runs = (await runShatteredSpec(spec))!;
  const file: ShatteredFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.shattered),
    backend: 'wasm',
    spec,
    // Four significant digits are plenty for a plot and keep the file small.
    runs: runs.map((r) => (r.gradient ? { ...r, gradient: r.gradient.map(fourDigits) } : r)),
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const r of runs)
    process.stderr.write(`seed ${r.seed} ${r.arm} ${r.depth} blocks: r1 ${r.lag1.toFixed(3)}\n`);
  for (const v of shatteredVerdicts(runs))
    console.log(
      `seed ${v.seed}: plain shatters ${v.plainShatters}, residual correlated ` +
        `${v.residualCorrelated}, residual slower ${v.residualSlower}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}

const fourDigits = (v: number) => Number(v.toPrecision(4));

async function landscapes(spec: LandscapeSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await runLandscapeSpec(spec, {
    loadDigits,
    onRun: (run, done, total) => {
      const c = run.result.curvature;
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} seed ${run.seed}, ${run.arm}: centre loss ` +
          `${run.result.centre.toFixed(4)}, ${c.localMinima} local minima, negative radial ` +
          `curvature at ${(100 * c.radialNegative).toFixed(0)}% of points\n`,
      );
    },
  });
  const file: LandscapeFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.landscape),
    backend: 'wasm',
    spec,
    // Losses to four significant digits (the measures were taken on the full values).
    runs: runs.map((r) => ({
      ...r,
      result: { ...r.result, losses: r.result.losses.map(fourDigits) },
    })),
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const v of landscapeVerdicts(runs))
    console.log(
      `seed ${v.seed}: plain chaotic ${v.plainChaotic}, residual smooth ${v.residualSmooth}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}
