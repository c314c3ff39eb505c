/**
 * `npm run sweep`: trains one configuration at several depths, plain and residual, on several
 * seeds (src/model/studies/degradation/run.ts) with the engine on wasm, and writes the points as JSON. Without
 * arguments it makes the article's degradation figure, public/sweeps/degradation.json (two
 * optimizers, seeds 1–6: about forty minutes here). `npm run sweep -- --thousand-layers` trains the 500-block comparison of
 * block orders (src/model/studies/thousand-layers/run.ts) for the thousand-layer figure,
 * public/sweeps/thousand-layers.json (about two hours). See `--help` for smaller runs.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Order } from '../src/model/engine/config';
import type { DigitsLoader } from '../src/model/engine/data';
import { runDeepPair } from '../src/model/studies/thousand-layers/run';
import { runLandscapeSpec } from '../src/model/studies/landscape/run';
import {
  landscapeDepthVerdicts,
  landscapeMeasures,
  landscapeVerdicts,
  type LandscapeFile,
  type LandscapeSpec,
} from '../src/model/studies/landscape/spec';
import { runLesionSpec } from '../src/model/studies/lesion/run';
import { runPathsSpec } from '../src/model/studies/paths/run';
import { runShatteredSpec } from '../src/model/studies/shattered/run';
import {
  lag1,
  shatteredMeasures,
  shatteredVerdicts,
  type ShatteredFile,
  type ShatteredSpec,
} from '../src/model/studies/shattered/spec';
import {
  effectiveLengths,
  meanLength,
  PATHS_FILE,
  PATHS_NUMBERS_FILE,
  pathsNumbers,
  pathsScaleVerdicts,
  pathsVerdicts,
  type PathsFile,
  type PathsSpec,
} from '../src/model/studies/paths/spec';
import { lesionVerdicts, type LesionFile, type LesionSpec } from '../src/model/studies/lesion/spec';
import {
  DEEP_ORDERS,
  deepOutcomes,
  deepPairs,
  fittingRates,
  type DeepFile,
  type DeepPair,
  type DeepSpec,
  type DeepTrace,
} from '../src/model/studies/thousand-layers/spec';
import {
  degradationVerdicts,
  sweepRuns,
  type SweepFile,
  type SweepSpec,
} from '../src/model/studies/degradation/spec';
import { runSweep } from '../src/model/studies/degradation/run';
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

/**
 * The traces an interrupted `--thousand-layers` run left in `partial`, if the same code made them
 * (its fingerprint) with the same base configuration; none otherwise. Seeds and rates may differ:
 * a pair is reused only where it matches one of `spec`'s.
 */
/** The trace of `order` in `pair` among `done`, if there is one. */
const doneTrace = (done: readonly DeepTrace[], pair: DeepPair, order: Order) =>
  done.find(
    (t) =>
      t.optimizer === pair.optimizer &&
      t.learningRate === pair.learningRate &&
      t.seed === pair.seed &&
      t.order === order,
  );

async function interruptedTraces(partial: string, spec: DeepSpec): Promise<DeepTrace[]> {
  let file: DeepFile;
  try {
    file = JSON.parse(await readFile(partial, 'utf8')) as DeepFile;
  } catch {
    return [];
  }
  const sameCode = file.fingerprint === engineFingerprint(file.spec, ENTRIES.deep);
  const sameBase = JSON.stringify(file.spec.base) === JSON.stringify(spec.base);
  return sameCode && sameBase ? file.traces : [];
}

async function thousandLayers(spec: DeepSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const total = deepPairs(spec).length;
  const fileOf = (traces: DeepTrace[]): DeepFile => ({
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.deep),
    backend: 'wasm',
    spec,
    traces,
  });
  // The full comparison takes hours: the pairs done so far are kept in `partial` as they end,
  // to look at while the rest trains and so that a crash loses one pair, not all.
  const partial = `${out}.partial`;
  const done = await interruptedTraces(partial, spec);
  if (done.length)
    process.stderr.write(`taking the ${done.length} traces of ${partial} made by this code\n`);
  const traces: DeepTrace[] = [];
  for (const [i, pair] of deepPairs(spec).entries()) {
    // A pair already in `done` is taken from it; `runDeep`'s loop, written out here so that
    // deep.ts (whose source the results' fingerprint hashes) stays as it made them.
    const reused = DEEP_ORDERS.map((order) => doneTrace(done, pair, order));
    const got = reused.every((t) => t !== undefined)
      ? (reused as DeepTrace[])
      : await runDeepPair(pair, {
          loadDigits,
          onStep: (p, step) => {
            if ((step + 1) % 25 === 0)
              process.stderr.write(
                `[${seconds(started)}] ${p.optimizer} at ${p.learningRate}, seed ${p.seed}: ` +
                  `step ${step + 1}\n`,
              );
          },
        });
    if (!got) throw new Error('the thousand-layer run stopped before its end');
    traces.push(...got);
    process.stderr.write(
      `[${seconds(started)}] ${i + 1}/${total} ${pair.optimizer} at ${pair.learningRate}, ` +
        `seed ${pair.seed}: ${got.map((t) => `${t.order} ${t.final.trainLoss.toFixed(4)}`).join(', ')}` +
        `${reused.every((t) => t !== undefined) ? ' (from the partial file)' : ''}\n`,
    );
    await writeAtomically(partial, itemsPerLine(fileOf(traces), 'traces'));
  }
  const file = fileOf(traces);
  await writeAtomically(out, itemsPerLine(file, 'traces'));
  await rm(partial, { force: true });
  for (const [set, seeds] of [
    ['seeds', spec.seeds],
    ['held-out seeds', spec.heldOutSeeds],
  ] as const) {
    if (seeds.length === 0) continue;
    console.log(`${set} ${seeds.join(', ')}:`);
    for (const optimizer of spec.optimizers) {
      for (const rate of spec.learningRates[optimizer])
        console.log(
          `  ${optimizer} at ${rate}: outcome per seed ${deepOutcomes(file, optimizer, rate, seeds).join(', ')}`,
        );
      for (const order of DEEP_ORDERS)
        console.log(
          `  ${optimizer}: ${order} fits at ${fittingRates(file, optimizer, order, seeds).join(', ') || 'no rate'}`,
        );
    }
  }
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
      const at = (m: typeof run.init) => {
        const e = effectiveLengths(m);
        return `mean length ${meanLength(m).toFixed(1)}, 90% from lengths ${e.from}–${e.to}`;
      };
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} seed ${run.seed}, branch scale ${run.branchScale}: ` +
          `init ${at(run.init)}; trained ${at(run.trained)} (test error ${run.testError.toFixed(3)})\n`,
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
  // The article's numbers follow the shipped study only.
  if (out === `public/${PATHS_FILE}`)
    await writeAtomically(PATHS_NUMBERS_FILE, `${JSON.stringify(pathsNumbers(file), null, 1)}\n`);
  const n = spec.base.blocks;
  for (const v of pathsVerdicts(runs, n))
    console.log(
      `seed ${v.seed}, branch scale ${v.branchScale}: init shorter ${v.initShorter}, ` +
        `trained short ${v.trainedShort}, training shortens ${v.trainingShortens}, ` +
        `decays ${v.decays}, init cancels ${v.initCancels}, trained adds ${v.trainedAdds}`,
    );
  for (const v of pathsScaleVerdicts(runs, n))
    console.log(
      `seed ${v.seed}: small branch scale favours short paths ${v.smallScaleFavoursShort}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}

async function shatteredStudy(spec: ShatteredSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const measured = (await runShatteredSpec(spec))!;
  // Four significant digits are plenty for a plot of the gradient and keep the file small; the
  // autocorrelations keep five decimals. The measures are taken from what is written.
  const runs = measured.map((r) => ({
    ...r,
    acf: r.acf.map(fiveDecimals),
    ...(r.gradient ? { gradient: r.gradient.map(fourDigits) } : {}),
  }));
  const measures = shatteredMeasures(runs, spec.branchScales);
  const file: ShatteredFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.shattered),
    backend: 'wasm',
    spec,
    measures,
    runs,
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const r of runs)
    process.stderr.write(
      `seed ${r.seed} ${r.arm}${r.branchScale === null ? '' : ` ×${r.branchScale}`} ` +
        `${r.depth} blocks: r1 ${lag1(r).toFixed(3)}\n`,
    );
  for (const v of shatteredVerdicts(measures)) {
    const heldOut = spec.heldOutSeeds.includes(v.seed) ? ' (held out)' : '';
    const residual = v.residual.map(
      (r) =>
        `×${r.branchScale}: starts smooth ${r.startsSmooth}, correlated ${r.correlated}, ` +
        `slower ${r.slower}, still falls ${r.stillFalls}, slower than the larger scale ` +
        `${r.slowerThanLargerScale}`,
    );
    console.log(
      `seed ${v.seed}${heldOut}: plain shatters ${v.plainShatters}, plain white ${v.plainWhite}; ` +
        residual.join('; '),
    );
  }
  console.log(`wrote ${out} in ${seconds(started)}`);
}

const fourDigits = (v: number) => Number(v.toPrecision(4));
const fiveDecimals = (v: number) => Number(v.toFixed(5));

async function landscapes(spec: LandscapeSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await runLandscapeSpec(spec, {
    loadDigits,
    onRun: (run, done, total) => {
      const { trained, result } = run;
      const c = result.curvature;
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} ${run.blocks} blocks, seed ${run.seed}, ` +
          `${run.arm}, ${run.statistics} statistics: trained ${trained.steps} steps to loss ` +
          `${trained.loss.toFixed(4)}${trained.reached ? '' : ' (target not reached)'}; below ` +
          `chance on ${(100 * result.basin.belowChance).toFixed(1)}% of the plane, rim ` +
          `${result.basin.rimMedian.toPrecision(3)}, ${c.localMinima} local minima\n`,
      );
    },
  });
  const file: LandscapeFile = {
    command: commandOf(argv),
    fingerprint: engineFingerprint(spec, ENTRIES.landscape),
    backend: 'wasm',
    spec,
    measures: landscapeMeasures(runs),
    // Losses to four significant digits (the measures were taken on the full values).
    runs: runs.map((r) => ({
      ...r,
      result: { ...r.result, losses: r.result.losses.map(fourDigits) },
    })),
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const v of landscapeVerdicts(runs))
    console.log(
      `${v.blocks} blocks, seed ${v.seed}: both trained ${v.bothTrained}, frozen: plain sharper ` +
        `${v.frozenPlainSharper}, both basins ${v.frozenBothBasins}; recomputed: plain chaotic ` +
        `${v.recomputedPlainChaotic}`,
    );
  for (const v of landscapeDepthVerdicts(runs))
    console.log(
      `seed ${v.seed}, frozen: plain steepens with depth ${v.plainSteepens}, residual little ` +
        `${v.residualSteepensLittle}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}
