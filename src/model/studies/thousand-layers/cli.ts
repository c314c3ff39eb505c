/**
 * `npm run sweep -- --thousand-layers`: the 500-block comparison of block orders, pair by pair.
 * It takes hours, so the pairs done so far are kept in `<out>.partial`, and a run started again
 * takes the pairs that file holds when the same code made them.
 */
import type { Order } from '../../engine/config';
import { runDeepPair } from './run';
import {
  DEEP_OPTIMIZERS,
  DEEP_ORDERS,
  deepOutcomes,
  deepPairs,
  fittingRates,
  type DeepFile,
  type DeepOptimizer,
  type DeepPair,
  type DeepSpec,
  type DeepTrace,
} from './spec';
import {
  integers,
  rates,
  STUDY_OPTIONS,
  UsageError,
  withBase,
  type StudyCli,
  type SweepIo,
} from '../cli';

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
 * The traces an interrupted run left in `partial`, if the same code made them (its fingerprint)
 * with the same base configuration; none otherwise. Seeds and rates may differ: a pair is reused
 * only where it matches one of `spec`'s.
 */
async function interruptedTraces(io: SweepIo, partial: string, spec: DeepSpec) {
  const file = (await io.readJson(partial)) as DeepFile | null;
  if (!file?.spec || !Array.isArray(file.traces)) return [];
  const sameCode = file.fingerprint === io.fingerprint(file.spec);
  const sameBase = JSON.stringify(file.spec.base) === JSON.stringify(spec.base);
  return sameCode && sameBase ? file.traces : [];
}

export const thousandLayersCli: StudyCli<DeepSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--optimizers momentum,adam] [--rates 0.003,0.01,…] [--set '{"width":16}']
  [--out file.json]`,

  options: {
    ...STUDY_OPTIONS,
    '--steps': (value, { set }, flag) => ({ set: { ...set, steps: integers(flag, value, 1)[0] } }),
    '--optimizers': (value, { spec }) => {
      const names = value.split(',').map((t) => t.trim());
      if (!names.every((n): n is DeepOptimizer => (DEEP_OPTIMIZERS as string[]).includes(n)))
        throw new UsageError(
          `--optimizers takes ${DEEP_OPTIMIZERS.join(', ')}, separated by commas`,
        );
      return { spec: { ...spec, optimizers: names } };
    },
    // The held-out seeds only check the verdicts: a quick run may leave them out.
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    // The learning-rate axis is SGD with momentum's; Adam keeps its one rate.
    '--rates': (value, { spec }, flag) => ({
      spec: { ...spec, learningRates: { ...spec.learningRates, momentum: rates(flag, value) } },
    }),
  },
  locked: {
    fields: ['order', 'optimizer', 'learningRate', 'seed'],
    why: 'the comparison sets it for each run',
  },
  finish: ({ spec, set }) => withBase(spec, set),

  sweep: async (spec, io) => {
    const total = deepPairs(spec).length;
    const fileOf = (traces: DeepTrace[]): DeepFile => ({ ...io.head(spec), traces });
    // The full comparison takes hours: the pairs done so far are kept in `partial` as they end,
    // to look at while the rest trains and so that a crash loses one pair, not all.
    const partial = `${io.out}.partial`;
    const done = await interruptedTraces(io, partial, spec);
    if (done.length)
      io.progress(`taking the ${done.length} traces of ${partial} made by this code`);
    const traces: DeepTrace[] = [];
    for (const [i, pair] of deepPairs(spec).entries()) {
      // A pair already in `done` is taken from it; `runDeep`'s loop, written out here so that
      // run.ts (whose source the results' fingerprint hashes) stays as it made them.
      const reused = DEEP_ORDERS.map((order) => doneTrace(done, pair, order));
      const fromPartial = reused.every((t) => t !== undefined);
      const got = fromPartial
        ? (reused as DeepTrace[])
        : await runDeepPair(pair, {
            loadDigits: io.loadDigits,
            onStep: (p, step) => {
              if ((step + 1) % 25 === 0)
                io.progress(
                  `[${io.elapsed()}] ${p.optimizer} at ${p.learningRate}, seed ${p.seed}: ` +
                    `step ${step + 1}`,
                );
            },
          });
      if (!got) throw new Error('the thousand-layer run stopped before its end');
      traces.push(...got);
      io.progress(
        `[${io.elapsed()}] ${i + 1}/${total} ${pair.optimizer} at ${pair.learningRate}, ` +
          `seed ${pair.seed}: ${got.map((t) => `${t.order} ${t.final.trainLoss.toFixed(4)}`).join(', ')}` +
          `${fromPartial ? ' (from the partial file)' : ''}`,
      );
      await io.writeItems(partial, fileOf(traces), 'traces');
    }
    const file = fileOf(traces);
    await io.writeItems(io.out, file, 'traces');
    await io.remove(partial);
    for (const [set, seeds] of [
      ['seeds', spec.seeds],
      ['held-out seeds', spec.heldOutSeeds],
    ] as const) {
      if (seeds.length === 0) continue;
      io.say(`${set} ${seeds.join(', ')}:`);
      for (const optimizer of spec.optimizers) {
        for (const rate of spec.learningRates[optimizer])
          io.say(
            `  ${optimizer} at ${rate}: outcome per seed ${deepOutcomes(file, optimizer, rate, seeds).join(', ')}`,
          );
        for (const order of DEEP_ORDERS)
          io.say(
            `  ${optimizer}: ${order} fits at ${fittingRates(file, optimizer, order, seeds).join(', ') || 'no rate'}`,
          );
      }
    }
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
