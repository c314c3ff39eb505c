/**
 * `npm run sweep -- --paths`: the path-length study's command line, its runs, the article's numbers
 * (when it makes the shipped file) and each seed's verdicts.
 */
import { runPathsSpec } from './run';
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
} from './spec';
import { countOption, integers, STUDY_OPTIONS, UsageError, withBase, type StudyCli } from '../cli';

export const pathsCli: StudyCli<PathsSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--branch-scales 0.15,1] [--samples N] [--set '{"blocks":30}'] [--out file.json]`,

  options: {
    ...STUDY_OPTIONS,
    '--samples': countOption('samples', 1),
    // The held-out seeds only check the verdicts: a quick run may leave them out.
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--branch-scales': (value, { spec }, flag) => {
      const scales = value.split(',').map((t) => Number(t.trim()));
      if (scales.some((v) => !(v > 0 && v <= 1)))
        throw new UsageError(`${flag} takes numbers in (0, 1], separated by commas`);
      return { spec: { ...spec, branchScales: scales } };
    },
  },
  locked: { fields: ['seed', 'branchScale'], why: 'use --seeds and --branch-scales' },
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    if (study.base.skip !== 'identity' || study.base.order !== 'pre')
      throw new UsageError(
        '--paths measures pre-activation residual nets: skip identity, order pre',
      );
    return study;
  },

  sweep: async (spec, io) => {
    const { runs } = await runPathsSpec(spec, {
      loadDigits: io.loadDigits,
      onRun: (run, done, total) => {
        const at = (m: typeof run.init) => {
          const e = effectiveLengths(m);
          return `mean length ${meanLength(m).toFixed(1)}, 90% from lengths ${e.from}–${e.to}`;
        };
        io.progress(
          `[${io.elapsed()}] ${done}/${total} seed ${run.seed}, branch scale ${run.branchScale}: ` +
            `init ${at(run.init)}; trained ${at(run.trained)} (test error ${run.testError.toFixed(3)})`,
        );
      },
    });
    const file: PathsFile = { ...io.head(spec), runs };
    await io.writeItems(io.out, file, 'runs');
    // The article's numbers follow the shipped study only.
    if (io.out === `public/${PATHS_FILE}`)
      await io.writeJson(PATHS_NUMBERS_FILE, pathsNumbers(file));
    const n = spec.base.blocks;
    for (const v of pathsVerdicts(runs, n))
      io.say(
        `seed ${v.seed}, branch scale ${v.branchScale}: init shorter ${v.initShorter}, ` +
          `trained short ${v.trainedShort}, training shortens ${v.trainingShortens}, ` +
          `decays ${v.decays}, init cancels ${v.initCancels}, trained adds ${v.trainedAdds}`,
      );
    for (const v of pathsScaleVerdicts(runs, n))
      io.say(`seed ${v.seed}: small branch scale favours short paths ${v.smallScaleFavoursShort}`);
    io.say(`wrote ${io.out} in ${io.elapsed()}`);
  },
};
