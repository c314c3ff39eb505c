/** `npm run sweep`: the degradation sweep, its points and each seed's verdicts. */
import { STUDIES } from '../../src/model/studies';
import {
  degradationVerdicts,
  sweepRuns,
  type SweepFile,
  type SweepSpec,
} from '../../src/model/studies/degradation/spec';
import { fileHead, itemsPerLine, loadDigits, seconds, writeAtomically } from '../sweep-output';

export async function degradationSweep(
  spec: SweepSpec,
  out: string,
  argv: readonly string[],
): Promise<void> {
  const started = Date.now();
  const total = sweepRuns(spec).length;
  const result = await STUDIES.degradation.run(spec, {
    loadDigits,
    onPoint: (p, done) =>
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} ${p.optimizer}, seed ${p.seed}, ` +
          `${p.blocks} blocks, ${p.arm}: train loss ${p.trainLoss.toFixed(4)}` +
          `${p.diverged ? ` (diverged at step ${p.divergedAtStep})` : ''}\n`,
      ),
  });
  const file: SweepFile = {
    ...fileHead('degradation', spec, argv),
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
