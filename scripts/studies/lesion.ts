/** `npm run sweep -- --lesion`: the lesion study, its runs and each seed's verdicts. */
import { STUDIES } from '../../src/model/studies';
import {
  lesionVerdicts,
  type LesionFile,
  type LesionSpec,
} from '../../src/model/studies/lesion/spec';
import { fileHead, itemsPerLine, loadDigits, seconds, writeAtomically } from '../sweep-output';

export async function lesionSweep(spec: LesionSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await STUDIES.lesion.run(spec, {
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
    ...fileHead('lesion', spec, argv),
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
