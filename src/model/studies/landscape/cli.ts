/**
 * `npm run sweep -- --landscape`: the loss-landscape study's command line, its slices and each
 * seed's verdicts.
 */
import { parseConfig } from '../../engine/config';
import { runLandscapeSpec } from './run';
import {
  BN_STATISTICS,
  LANDSCAPE_SPEC,
  landscapeMeasures,
  type BnStatistics,
  type LandscapeFile,
  type LandscapeSpec,
} from './spec';
import { landscapeDepthVerdicts, landscapeVerdicts } from './verdicts';
import {
  addSetOption,
  countOption,
  integers,
  outOption,
  UsageError,
  withBase,
  type StudyCli,
} from '../cli';

const fourDigits = (v: number) => Number(v.toPrecision(4));

export const landscapeCli: StudyCli<LandscapeSpec> = {
  usage: `[--depths 8,16,24] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--statistics frozen,recomputed] [--grid N] [--set '{"width":16}'] [--out file.json]`,

  options: {
    // Seeds picked by hand are no check on unseen seeds: --seeds drops the held-out seeds unless
    // --held-out-seeds names some (before or after; the defaults' very array means it did not).
    '--seeds': (value, { spec }, flag) => ({
      spec: {
        ...spec,
        seeds: integers(flag, value, 0),
        heldOutSeeds: spec.heldOutSeeds === LANDSCAPE_SPEC.heldOutSeeds ? [] : spec.heldOutSeeds,
      },
    }),
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--depths': (value, { spec }, flag) => ({
      spec: { ...spec, depths: integers(flag, value, 1) },
    }),
    '--statistics': (value, { spec }, flag) => {
      const kinds = value.split(',').map((t) => t.trim());
      const known = (t: string): t is BnStatistics =>
        (BN_STATISTICS as readonly string[]).includes(t);
      if (!kinds.every(known))
        throw new UsageError(`${flag} takes ${BN_STATISTICS.join(', ')}, separated by commas`);
      return { spec: { ...spec, bnStatistics: kinds } };
    },
    '--grid': countOption('grid', 5),
    '--out': outOption,
    '--set': addSetOption,
  },
  locked: {
    fields: ['skip', 'seed', 'blocks'],
    why: 'the slices set it for each net (--depths, --seeds)',
  },
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    for (const blocks of study.depths) parseConfig({ ...study.base, blocks });
    return study;
  },

  sweep: async (spec, io) => {
    const { runs } = await runLandscapeSpec(spec, {
      loadDigits: io.loadDigits,
      onRun: (run, done, total) => {
        const { trained, result } = run;
        const c = result.curvature;
        io.progress(
          `[${io.elapsed()}] ${done}/${total} ${run.blocks} blocks, seed ${run.seed}, ` +
            `${run.arm}, ${run.statistics} statistics: trained ${trained.steps} steps to loss ` +
            `${trained.loss.toFixed(4)}${trained.reached ? '' : ' (target not reached)'}; below ` +
            `chance on ${(100 * result.basin.belowChance).toFixed(1)}% of the plane, rim ` +
            `${result.basin.rimMedian.toPrecision(3)}, ${c.localMinima} local minima`,
        );
      },
    });
    const file: LandscapeFile = {
      ...io.head(spec),
      measures: landscapeMeasures(runs),
      // Losses to four significant digits (the measures were taken on the full values).
      runs: runs.map((r) => ({
        ...r,
        result: { ...r.result, losses: r.result.losses.map(fourDigits) },
      })),
    };
    await io.writeItems(io.out, file, 'runs');
    for (const v of landscapeVerdicts(runs))
      io.say(
        `${v.blocks} blocks, seed ${v.seed}: both trained ${v.bothTrained}, frozen: plain sharper ` +
          `${v.frozenPlainSharper}, both basins ${v.frozenBothBasins}; recomputed: plain chaotic ` +
          `${v.recomputedPlainChaotic}`,
      );
    for (const v of landscapeDepthVerdicts(runs))
      io.say(
        `seed ${v.seed}, frozen: plain steepens with depth ${v.plainSteepens}, residual little ` +
          `${v.residualSteepensLittle}`,
      );
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
