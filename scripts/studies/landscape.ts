/** `npm run sweep -- --landscape`: the loss-landscape slices, their measures and verdicts. */
import { STUDIES } from '../../src/model/studies';
import {
  landscapeMeasures,
  type LandscapeFile,
  type LandscapeSpec,
} from '../../src/model/studies/landscape/spec';
import {
  landscapeDepthVerdicts,
  landscapeVerdicts,
} from '../../src/model/studies/landscape/verdicts';
import { fileHead, itemsPerLine, loadDigits, seconds, writeAtomically } from '../sweep-output';

const fourDigits = (v: number) => Number(v.toPrecision(4));

export async function landscapeSweep(spec: LandscapeSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const { runs } = await STUDIES.landscape.run(spec, {
    loadDigits,
    onRun: (run, done, total) => {
      const { trained, result } = run;
      const c = result.curvature;
      process.stderr.write(
        `[${seconds(started)}] ${done}/${total} ${run.blocks} blocks, seed ${run.seed}, ` +
          `${run.arm}, ${run.statistics} statistics: trained ${trained.steps} steps to loss ` +
          `${trained.loss.toFixed(4)}${trained.reached ? '' : ' (target not reached)'}; below ` +
          `chance on ${(100 * result.basin.belowChance).toFixed(1)}% of the plane, rim ` +
          `${result.basin.rimMedian.toPrecision(3)}, ${c.localMinima} local minima\n`,
      );
    },
  });
  const file: LandscapeFile = {
    ...fileHead('landscape', spec, argv),
    measures: landscapeMeasures(runs),
    // Losses to four significant digits (the measures were taken on the full values).
    runs: runs.map((r) => ({
      ...r,
      result: { ...r.result, losses: r.result.losses.map(fourDigits) },
    })),
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const v of landscapeVerdicts(runs))
    console.log(
      `${v.blocks} blocks, seed ${v.seed}: both trained ${v.bothTrained}, frozen: plain sharper ` +
        `${v.frozenPlainSharper}, both basins ${v.frozenBothBasins}; recomputed: plain chaotic ` +
        `${v.recomputedPlainChaotic}`,
    );
  for (const v of landscapeDepthVerdicts(runs))
    console.log(
      `seed ${v.seed}, frozen: plain steepens with depth ${v.plainSteepens}, residual little ` +
        `${v.residualSteepensLittle}`,
    );
  console.log(`wrote ${out} in ${seconds(started)}`);
}
