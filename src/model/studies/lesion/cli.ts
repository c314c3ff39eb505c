/** `npm run sweep -- --lesion`: the lesion study's command line, its runs and each seed's verdicts. */
import { runLesionSpec } from './run';
import { LESION_SPEC, lesionVerdicts, type LesionFile, type LesionSpec } from './spec';
import {
  countOption,
  heldOutSeedsOption,
  reportedSeedsOption,
  STUDY_OPTIONS,
  withBase,
  type StudyCli,
} from '../cli';

export const lesionCli: StudyCli<LesionSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none] [--draws N]
  [--set '{"blocks":30}'] [--out file.json]`,

  options: {
    ...STUDY_OPTIONS,
    '--seeds': reportedSeedsOption(LESION_SPEC),
    '--held-out-seeds': heldOutSeedsOption,
    '--draws': countOption('draws', 1),
  },
  locked: { fields: ['skip', 'seed'], why: 'the study sets it for each net' },
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    const kMax = Math.min(study.kMax, Math.floor(study.base.blocks / 2));
    return { ...study, kMax };
  },

  sweep: async (spec, io) => {
    const { runs } = await runLesionSpec(spec, {
      loadDigits: io.loadDigits,
      onRun: (run, done, total) =>
        io.progress(
          `[${io.elapsed()}] ${done}/${total} seed ${run.seed}, ${run.arm}: intact error ` +
            `${run.result.intact.toFixed(3)}, one block deleted ${(
              run.result.single.reduce((s, x) => s + x, 0) / run.result.single.length
            ).toFixed(3)} on average`,
        ),
    });
    const file: LesionFile = { ...io.head(spec), runs };
    await io.writeItems(io.out, file, 'runs');
    for (const { seed, ...v } of lesionVerdicts(runs))
      io.say(
        `seed ${seed}${spec.heldOutSeeds.includes(seed) ? ' (held out)' : ''}: ` +
          Object.entries(v)
            .map(([k, ok]) => `${k} ${ok}`)
            .join(', '),
      );
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
