/**
 * Turns the shipped shattered-gradients measurements (public/sweeps/shattered.json, written by
 * `npm run sweep -- --shattered`) into what its figure draws: the lag-1 autocorrelation against
 * depth, plain against residual, and the gradient along the line at one depth.
 */
import type { ShatteredRun, ShatteredSpec } from '../../model/shattered-spec';
import type { SweepArm } from '../../model/sweep-spec';
import { activationName, initWords } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries, type DepthGroup } from '../plots';

const ARM_COLOR: Record<SweepArm, string> = { plain: PLOT_COLORS.a, residual: PLOT_COLORS.b };
const ARMS = ['plain', 'residual'] as const;

const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * r₁ against depth, one group per arm: a dot per seed, a line through the medians. `live` runs
 * are the reader's, drawn hollow.
 */
export function lagGroups(runs: readonly ShatteredRun[], live = false): DepthGroup[] {
  return ARMS.flatMap((arm) => {
    const mine = runs.filter((r) => r.arm === arm);
    if (!mine.length) return [];
    const depths = [...new Set(mine.map((r) => r.depth))].sort((a, b) => a - b);
    return [
      {
        id: live ? `${arm}-live` : arm,
        label: live ? `${arm}, your run` : arm,
        color: ARM_COLOR[arm],
        hollow: live,
        points: mine.map((r) => ({ x: r.depth, y: r.lag1, label: `seed ${r.seed}` })),
        medians: depths.map((d) => ({
          x: d,
          y: median(mine.filter((r) => r.depth === d).map((r) => r.lag1)),
        })),
      },
    ];
  });
}

/** `g` divided by its root mean square, so that nets of very different gain share an axis. */
export function byRms(g: readonly number[]): number[] {
  const rms = Math.sqrt(g.reduce((s, v) => s + v * v, 0) / g.length);
  return g.map((v) => (rms > 0 ? v / rms : 0));
}

/**
 * The gradient along the line of each arm at `depth` on `seed`, scaled by its RMS, against the
 * position on the line (0 at its start, 1 at its end). Empty where no run kept it.
 */
export function traceSeries(
  runs: readonly ShatteredRun[],
  seed: number,
  depth: number,
  live = false,
): CurveSeries[] {
  return ARMS.flatMap((arm) => {
    const r = runs.find((x) => x.seed === seed && x.depth === depth && x.arm === arm);
    if (!r?.gradient) return [];
    const n = r.gradient.length;
    return [
      {
        id: live ? `${arm}-live` : arm,
        label: `${arm}${live ? ', your run' : ''} (r₁ = ${r.lag1.toFixed(2)})`,
        color: ARM_COLOR[arm],
        dashed: live,
        x: r.gradient.map((_, i) => i / (n - 1)),
        y: byRms(r.gradient),
      },
    ];
  });
}

/** The experiment's configuration in words, for the caption. */
export function describeShattered(spec: ShatteredSpec): string {
  const b = spec.base;
  const [f, t] = [spec.line.from, spec.line.to];
  return (
    `networks at initialisation, never trained: width ${b.width}, ${activationName(b.activation)}, ` +
    `${initWords(b.init)}, batch norm (statistics over the line's points), pre-activation blocks, ` +
    `residual branches scaled by ${b.branchScale} (0.15 in the labs); output: the difference of the two logits; ` +
    `${spec.points} points on the line from (${f.join(', ')}) to (${t.join(', ')}); ` +
    `depths ${spec.depths.join(', ')} blocks`
  );
}
