/** `npm run sweep -- --shattered`: the shattered-gradients measurement, its measures and verdicts. */
import { STUDIES } from '../../src/model/studies';
import {
  lag1,
  shatteredMeasures,
  shatteredVerdicts,
  type ShatteredFile,
  type ShatteredSpec,
} from '../../src/model/studies/shattered/spec';
import { fileHead, itemsPerLine, seconds, writeAtomically } from '../sweep-output';

export async function shatteredSweep(spec: ShatteredSpec, out: string, argv: readonly string[]) {
  const started = Date.now();
  const measured = (await STUDIES.shattered.run(spec))!;
  // Four significant digits are plenty for a plot of the gradient and keep the file small; the
  // autocorrelations keep five decimals. The measures are taken from what is written.
  const runs = measured.map((r) => ({
    ...r,
    acf: r.acf.map(fiveDecimals),
    ...(r.gradient ? { gradient: r.gradient.map(fourDigits) } : {}),
  }));
  const measures = shatteredMeasures(runs, spec.branchScales);
  const file: ShatteredFile = {
    ...fileHead('shattered', spec, argv),
    measures,
    runs,
  };
  await writeAtomically(out, itemsPerLine(file, 'runs'));
  for (const r of runs)
    process.stderr.write(
      `seed ${r.seed} ${r.arm}${r.branchScale === null ? '' : ` ×${r.branchScale}`} ` +
        `${r.depth} blocks: r1 ${lag1(r).toFixed(3)}\n`,
    );
  for (const v of shatteredVerdicts(measures)) {
    const heldOut = spec.heldOutSeeds.includes(v.seed) ? ' (held out)' : '';
    const residual = v.residual.map(
      (r) =>
        `×${r.branchScale}: starts smooth ${r.startsSmooth}, correlated ${r.correlated}, ` +
        `slower ${r.slower}, still falls ${r.stillFalls}, slower than the larger scale ` +
        `${r.slowerThanLargerScale}`,
    );
    console.log(
      `seed ${v.seed}${heldOut}: plain shatters ${v.plainShatters}, plain white ${v.plainWhite}; ` +
        residual.join('; '),
    );
  }
  console.log(`wrote ${out} in ${seconds(started)}`);
}

const fourDigits = (v: number) => Number(v.toPrecision(4));
const fiveDecimals = (v: number) => Number(v.toFixed(5));
