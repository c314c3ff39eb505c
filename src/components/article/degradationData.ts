/**
 * Turns a shipped depth sweep (public/sweeps/degradation.json, written by `npm run sweep`) into
 * what the degradation figure draws: dots and medians per depth for plain and residual nets, and
 * the training curves of a shallow and a deep plain net and of a residual net as deep.
 */
import type { ExperimentConfig } from '../../model/config';
import {
  SWEEP_ARMS,
  summariseSweep,
  type SweepArm,
  type SweepPoint,
  type SweepSpec,
} from '../../model/sweep-spec';
import { activationName } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries, type DepthGroup } from '../plots';

const ARM_LABEL: Record<SweepArm, string> = { plain: 'plain', residual: 'residual' };
const ARM_COLOR: Record<SweepArm, string> = { plain: PLOT_COLORS.a, residual: PLOT_COLORS.b };

/** Dots (one per run, labelled by seed) and medians per depth of `value`, per arm. */
export function depthGroups(
  points: readonly SweepPoint[],
  value: 'trainLoss' | 'trainAccuracy',
  live = false,
): DepthGroup[] {
  const rows = summariseSweep(points);
  return SWEEP_ARMS.filter((arm) => points.some((p) => p.arm === arm)).map((arm) => ({
    id: live ? `${arm}-live` : arm,
    label: live ? `${ARM_LABEL[arm]} (your run)` : ARM_LABEL[arm],
    color: ARM_COLOR[arm],
    hollow: live,
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
    label: `${p.arm}, ${p.blocks} block${p.blocks === 1 ? '' : 's'}`,
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

const OPTIMIZER: Record<ExperimentConfig['optimizer'], string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum 0.9',
  adam: 'Adam',
};

/** The sweep's configuration in words, for the caption. */
export function describeSweep(spec: SweepSpec): string {
  const b = spec.base;
  const seeds = spec.seeds.length > 1 ? `seeds ${spec.seeds.join(', ')}` : `seed ${spec.seeds[0]}`;
  return (
    `${b.dataset} data, width ${b.width}, batch ${b.batchSize}, ${activationName(b.activation)}` +
    `${b.norm === 'batch' ? ' with batch norm' : ' without normalisation'}, ` +
    `${b.order === 'pre' ? 'pre-activation' : 'original (post-activation)'} blocks, ` +
    `${OPTIMIZER[b.optimizer]} at learning rate ${b.learningRate}, ${b.steps} steps, ${seeds}; ` +
    `depths ${spec.depths.join(', ')} blocks`
  );
}
