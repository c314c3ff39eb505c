/**
 * Turns a shipped depth sweep (public/sweeps/degradation.json, written by `npm run sweep`) into
 * what the degradation figure draws: dots and medians per depth for plain and residual nets, and
 * the training curves of a shallow and a deep plain net and of a residual net as deep, each for
 * one optimizer and one set of seeds; and the numbers the article's text reads from it.
 */
import type { OptimizerName } from '../../../model/engine/config';
import {
  pointsOf,
  SWEEP_ARMS,
  summariseSweep,
  type SweepArm,
  type SweepFile,
  type SweepPoint,
  type SweepSpec,
} from '../../../model/studies/degradation/spec';
import { degradationVerdicts } from '../../../model/studies/degradation/verdicts';
import { activationName } from '../../common/configWords';
import { PLOT_COLORS, type CurveSeries, type DepthGroup } from '../../plots';

const ARM_LABEL: Record<SweepArm, string> = { plain: 'plain', residual: 'residual' };
const ARM_COLOR: Record<SweepArm, string> = { plain: PLOT_COLORS.a, residual: PLOT_COLORS.b };

/**
 * Dots (one per run, labelled by seed) and medians per depth of `value`, per arm, for points of
 * one optimizer. `live` names the reader's runs' optimizer ("Adam at 0.003"), for their label.
 */
export function depthGroups(
  points: readonly SweepPoint[],
  value: 'trainLoss' | 'trainAccuracy',
  live: string | null = null,
): DepthGroup[] {
  const rows = summariseSweep(points);
  return SWEEP_ARMS.filter((arm) => points.some((p) => p.arm === arm)).map((arm) => ({
    id: live ? `${arm}-live` : arm,
    label: live ? `${ARM_LABEL[arm]} (your run, ${live})` : ARM_LABEL[arm],
    color: ARM_COLOR[arm],
    hollow: live !== null,
    points: points
      .filter((p) => p.arm === arm)
      .map((p) => ({
        x: p.blocks,
        y: p[value],
        label: `${p.seed}${p.diverged ? ` (diverged at step ${p.divergedAtStep})` : ''}`,
      })),
    medians: rows
      .filter((r) => r.arm === arm)
      .map((r) => ({
        x: r.blocks,
        y: value === 'trainLoss' ? r.medianLoss : r.medianAccuracy,
      })),
  }));
}

/**
 * The loss plot's note: where chance is, and, when some runs of `points` diverged, how they are
 * drawn.
 */
export function lossNote(points: readonly SweepPoint[]): string {
  const diverged = points.filter((p) => p.diverged).length;
  const chance = 'Chance is 0.69 (two classes). Higher is worse.';
  if (diverged === 0) return chance;
  const runs = diverged === 1 ? '1 run' : `${diverged} runs`;
  return `${chance} ${runs} diverged (the data table says which); each is drawn at the loss of the weights it stopped at.`;
}

/**
 * The training curves (mean batch loss per window of `curveEvery` steps) of the shallowest plain net of at least `shallowAt` blocks and of the
 * deepest plain net, on `seed`; the deepest residual net dashed, for reference.
 */
export function depthCurves(
  points: readonly SweepPoint[],
  curveEvery: number,
  seed: number,
  shallowAt = 4,
): CurveSeries[] {
  const onSeed = points.filter((p) => p.seed === seed);
  const plain = onSeed.filter((p) => p.arm === 'plain').sort((a, b) => a.blocks - b.blocks);
  const shallow = plain.find((p) => p.blocks >= shallowAt) ?? plain[0];
  const deep = plain.at(-1);
  const residual = onSeed.filter((p) => p.arm === 'residual' && p.blocks === deep?.blocks).at(0);
  const series = (p: SweepPoint, color: string, dashed = false): CurveSeries => ({
    id: `${p.arm}-${p.blocks}`,
    label:
      `${p.arm}, ${p.blocks} block${p.blocks === 1 ? '' : 's'}` +
      (p.diverged ? `, diverged at step ${p.divergedAtStep}` : ''),
    color,
    dashed,
    // Each point is the mean over a window of steps: placed at the window's last step.
    x: p.curve.map((_, i) => (i + 1) * curveEvery),
    y: p.curve,
  });
  const out: CurveSeries[] = [];
  if (shallow && shallow !== deep) out.push(series(shallow, PLOT_COLORS.reference));
  if (deep) out.push(series(deep, PLOT_COLORS.a));
  if (residual) out.push(series(residual, PLOT_COLORS.b, true));
  return out;
}

const OPTIMIZER: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum 0.9',
  adam: 'Adam',
};

/** An optimizer and its rate in words: "SGD with momentum 0.9 at 0.01". */
export function optimizerLabel(o: { optimizer: OptimizerName; learningRate: number }): string {
  return `${OPTIMIZER[o.optimizer]} at ${o.learningRate}`;
}

/** The sweep's configuration in words, for the caption. */
export function describeSweep(spec: SweepSpec): string {
  const b = spec.base;
  const list = (v: readonly number[]) => (v.length > 1 ? `seeds ${v.join(', ')}` : `seed ${v[0]}`);
  const heldOut = spec.heldOutSeeds.length
    ? ` (held out to check the claims: ${list(spec.heldOutSeeds)})`
    : '';
  return (
    `${b.dataset} data, width ${b.width}, batch ${b.batchSize}, ${activationName(b.activation)}` +
    `${b.norm === 'batch' ? ' with batch norm' : ' without normalisation'}, ` +
    `${b.order === 'pre' ? 'pre-activation' : 'original (post-activation)'} blocks, ` +
    `${b.steps} steps, ${spec.optimizers.map(optimizerLabel).join(' or ')}, ` +
    `${list(spec.seeds)}${heldOut}; depths ${spec.depths.join(', ')} blocks`
  );
}

/** What the article's text says of one optimizer's runs on one set of seeds. */
export interface DegradationNumbers {
  /** The deepest depth up to which the plain nets fit as residual nets do, on every seed. */
  plainFitsUpTo: number | null;
  /**
   * The shallowest depth from which the plain nets, to the deepest, end at chance and never
   * fitted, on every seed of the set (null if on some seed the deepest does not).
   */
  plainAtChanceFrom: number | null;
  /** The plain nets that diverged on some seed, by depth: the steps they stopped at. */
  plainDiverged: { blocks: number; seeds: number; steps: number[] }[];
}

/** The numbers of `optimizer` on `seeds` (default: the seeds the page reports). */
export function degradationNumbers(
  file: SweepFile,
  optimizer: OptimizerName,
  seeds: readonly number[] = file.spec.seeds,
): DegradationNumbers {
  const verdicts = degradationVerdicts(pointsOf(file.points, optimizer, seeds));
  const worst = (values: (number | null)[], pick: (...v: number[]) => number) =>
    values.length === 0 || values.some((d) => d === null) ? null : pick(...(values as number[]));
  const plainFitsUpTo = worst(
    verdicts.map((v) => v.plainFitsUpTo),
    Math.min,
  );
  const plainAtChanceFrom = worst(
    verdicts.map((v) => v.plainAtChanceFrom),
    Math.max,
  );
  const byDepth = new Map<number, { seeds: number; steps: number[] }>();
  for (const v of verdicts)
    for (const d of v.plainDiverged) {
      const at = byDepth.get(d.blocks) ?? { seeds: 0, steps: [] };
      at.seeds += 1;
      if (d.step !== null) at.steps.push(d.step);
      byDepth.set(d.blocks, at);
    }
  const plainDiverged = [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([blocks, at]) => ({
      blocks,
      ...at,
      steps: [...new Set(at.steps)].sort((a, b) => a - b),
    }));
  return { plainFitsUpTo, plainAtChanceFrom, plainDiverged };
}
