/**
 * `npm run sweep -- --thousand-layers`: the 500-block comparison of block orders, pair by pair.
 * It takes hours, so the pairs done so far are kept in `<out>.partial`, and a run started again
 * takes the pairs that file holds when the same code made them.
 */
import { readFile, rm } from 'node:fs/promises';
import type { Order } from '../../src/model/engine/config';
import { STUDIES } from '../../src/model/studies';
import {
  DEEP_ORDERS,
  deepOutcomes,
  deepPairs,
  fittingRates,
  type DeepFile,
  type DeepPair,
  type DeepSpec,
  type DeepTrace,
} from '../../src/model/studies/thousand-layers/spec';
import { engineFingerprint } from '../claims-fingerprint';
import { fileHead, itemsPerLine, loadDigits, seconds, writeAtomically } from '../sweep-output';

/** The trace of `order` in `pair` among `done`, if there is one. */
const doneTrace = (done: readonly DeepTrace[], pair: DeepPair, order: Order) =>
  done.find(
    (t) =>
      t.optimizer === pair.optimizer &&
      t.learningRate === pair.learningRate &&
      t.seed === pair.seed &&
      t.order === order,
  );

/**
 * The traces an interrupted `--thousand-layers` run left in `partial`, if the same code made them
 * (its fingerprint) with the same base configuration; none otherwise. Seeds and rates may differ:
 * a pair is reused only where it matches one of `spec`'s.
 */
async function interruptedTraces(partial: string, spec: DeepSpec): Promise<DeepTrace[]> {
  let file: DeepFile;
  try {
    file = JSON.parse(await readFile(partial, 'utf8')) as DeepFile;
  } catch {
    return [];
  }
  const sameCode =
    file.fingerprint === engineFingerprint(file.spec, STUDIES['thousand-layers'].entry);
  const sameBase = JSON.stringify(file.spec.base) === JSON.stringify(spec.base);
  return sameCode && sameBase ? file.traces : [];
}

export async function thousandLayersSweep(spec: DeepSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const total = deepPairs(spec).length;
  const fileOf = (traces: DeepTrace[]): DeepFile => ({
    ...fileHead('thousand-layers', spec, argv),
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
    // run.ts (whose source the results' fingerprint hashes) stays as it made them.
    const reused = DEEP_ORDERS.map((order) => doneTrace(done, pair, order));
    const got = reused.every((t) => t !== undefined)
      ? (reused as DeepTrace[])
      : await STUDIES['thousand-layers'].run(pair, {
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
