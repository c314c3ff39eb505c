/**
 * `npm run sweep -- --paths`: the path-length study, its runs and verdicts, and (for the shipped
 * study) the numbers the article quotes.
 */
import { STUDIES } from '../../src/model/studies';
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
} from '../../src/model/studies/paths/spec';
import { fileHead, itemsPerLine, loadDigits, seconds, writeAtomically } from '../sweep-output';

export async function pathsSweep(spec: PathsSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await STUDIES.paths.run(spec, {
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
    ...fileHead('paths', spec, argv),
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
