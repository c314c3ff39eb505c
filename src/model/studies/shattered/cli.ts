/**
 * `npm run sweep -- --shattered`: the shattered-gradients study's command line, its measures and
 * each seed's verdicts.
 */
import { parseConfig } from '../../engine/config';
import { runShatteredSpec } from './run';
import {
  lag1,
  shatteredMeasures,
  shatteredVerdicts,
  type ShatteredFile,
  type ShatteredSpec,
} from './spec';
import { integers, outOption, seedsOption, UsageError, type StudyCli } from '../cli';

const fourDigits = (v: number) => Number(v.toPrecision(4));
const fiveDecimals = (v: number) => Number(v.toFixed(5));

export const shatteredCli: StudyCli<ShatteredSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--depths 1,2,4,…] [--branch-scales 1,0.25] [--out file.json]`,

  options: {
    '--seeds': seedsOption,
    // "none" measures the reported seeds alone (a quick look; the shipped file has both sets).
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--depths': (value, { spec }, flag) => {
      const depths = integers(flag, value, 1);
      for (const blocks of depths) parseConfig({ ...spec.base, blocks });
      return {
        spec: { ...spec, depths, traceDepths: spec.traceDepths.filter((d) => depths.includes(d)) },
      };
    },
    '--branch-scales': (value, { spec }, flag) => {
      const branchScales = value.split(',').map((t) => Number(t.trim()));
      const fits = (v: number) => v > 0 && v <= 1;
      if (
        !value.trim() ||
        !branchScales.every(fits) ||
        new Set(branchScales).size < branchScales.length
      )
        throw new UsageError(`${flag} takes distinct numbers in (0, 1], separated by commas`);
      return { spec: { ...spec, branchScales } };
    },
    '--out': outOption,
  },
  finish: ({ spec }) => spec,

  sweep: async (spec, io) => {
    const measured = (await runShatteredSpec(spec))!;
    // Four significant digits are plenty for a plot of the gradient and keep the file small; the
    // autocorrelations keep five decimals. The measures are taken from what is written.
    const runs = measured.map((r) => ({
      ...r,
      acf: r.acf.map(fiveDecimals),
      ...(r.gradient ? { gradient: r.gradient.map(fourDigits) } : {}),
    }));
    const measures = shatteredMeasures(runs, spec.branchScales);
    const file: ShatteredFile = { ...io.head(spec), measures, runs };
    await io.writeItems(io.out, file, 'runs');
    for (const r of runs)
      io.progress(
        `seed ${r.seed} ${r.arm}${r.branchScale === null ? '' : ` ×${r.branchScale}`} ` +
          `${r.depth} blocks: r1 ${lag1(r).toFixed(3)}`,
      );
    for (const v of shatteredVerdicts(measures)) {
      const heldOut = spec.heldOutSeeds.includes(v.seed) ? ' (held out)' : '';
      const residual = v.residual.map(
        (r) =>
          `×${r.branchScale}: starts smooth ${r.startsSmooth}, correlated ${r.correlated}, ` +
          `slower ${r.slower}, still falls ${r.stillFalls}, slower than the larger scale ` +
          `${r.slowerThanLargerScale}`,
      );
      io.say(
        `seed ${v.seed}${heldOut}: plain shatters ${v.plainShatters}, plain white ${v.plainWhite}; ` +
          residual.join('; '),
      );
    }
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
