/**
 * `npm run sweep`: the degradation sweep's command line. Its options make the spec; its run
 * writes the points and says each seed's verdicts.
 */
import { OPTIMIZERS, parseConfig } from '../../engine/config';
import { runSweep } from './run';
import {
  DEGRADATION_SPEC,
  sweepRuns,
  type SweepFile,
  type SweepOptimizer,
  type SweepSpec,
} from './spec';
import { degradationVerdicts } from './verdicts';
import {
  countOption,
  heldOutSeedsOption,
  integers,
  jsonObject,
  outOption,
  reportedSeedsOption,
  UsageError,
  type StudyCli,
} from '../cli';

/**
 * One item of --optimizers: `name:rate`, or `name` alone for the rate the article's sweep gives
 * that optimizer.
 */
export function sweepOptimizer(flag: string, text: string): SweepOptimizer {
  const [name, rate] = text.split(':');
  const usage = `${flag} takes ${OPTIMIZERS.join(', ')}, each with :rate (e.g. momentum:0.01), separated by commas`;
  const optimizer = OPTIMIZERS.find((o) => o === name);
  if (!optimizer) throw new UsageError(usage);
  const shipped = DEGRADATION_SPEC.optimizers.find((o) => o.optimizer === optimizer);
  const learningRate = rate === undefined ? shipped?.learningRate : Number(rate);
  if (learningRate === undefined) throw new UsageError(`${usage}; ${optimizer} needs a rate`);
  // parseConfig says what rates the engine accepts.
  parseConfig({ optimizer, learningRate });
  return { optimizer, learningRate };
}

export const degradationCli: StudyCli<SweepSpec> = {
  usage: `[--depths 1,2,4,…] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--curve-every N] [--optimizers adam:0.003,momentum:0.01] [--set '{"width":16}']
  [--out file.json]`,

  options: {
    '--depths': (value, { spec }, flag) => ({
      spec: { ...spec, depths: integers(flag, value, 1) },
    }),
    '--seeds': reportedSeedsOption(DEGRADATION_SPEC),
    '--held-out-seeds': heldOutSeedsOption,
    '--steps': (value, _, flag) => ({ steps: integers(flag, value, 1)[0] }),
    '--curve-every': countOption('curveEvery', 1),
    '--optimizers': (value, { spec }, flag) => ({
      spec: { ...spec, optimizers: value.split(',').map((t) => sweepOptimizer(flag, t.trim())) },
    }),
    '--out': outOption,
    '--set': (value) => ({ set: jsonObject(value) }),
  },
  locked: {
    fields: ['optimizer', 'learningRate'],
    why: 'each optimizer of the sweep sets it; use --optimizers, e.g. momentum:0.01',
  },
  finish: ({ spec, set, steps }) => {
    // Validated as a whole (depth 1 stands in for the depths, which are checked one by one).
    const base = parseConfig({ ...spec.base, ...set, ...(steps ? { steps } : {}) });
    for (const blocks of spec.depths) parseConfig({ ...base, blocks });
    return { ...spec, base };
  },

  sweep: async (spec, io) => {
    const total = sweepRuns(spec).length;
    const result = await runSweep(spec, {
      loadDigits: io.loadDigits,
      onPoint: (p, done) =>
        io.progress(
          `[${io.elapsed()}] ${done}/${total} ${p.optimizer}, seed ${p.seed}, ` +
            `${p.blocks} blocks, ${p.arm}: train loss ${p.trainLoss.toFixed(4)}` +
            `${p.diverged ? ` (diverged at step ${p.divergedAtStep})` : ''}`,
        ),
    });
    const file: SweepFile = { ...io.head(spec), points: result.points };
    await io.writeItems(io.out, file, 'points');
    for (const v of degradationVerdicts(result.points))
      io.say(
        `${v.optimizer}, seed ${v.seed}${spec.heldOutSeeds.includes(v.seed) ? ' (held out)' : ''}: ` +
          `plain rises ${v.plainRises}, residual fits ${v.residualFits}, plain fits up to ` +
          `${v.plainFitsUpTo ?? 'nowhere'}, plain at chance from ` +
          `${v.plainAtChanceFrom ?? 'nowhere'}, plain diverged ` +
          `${v.plainDiverged.map((d) => `${d.blocks} blocks at step ${d.step}`).join(', ') || 'never'}`,
      );
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
