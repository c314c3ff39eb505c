/**
 * Turns the shipped shattered-gradients measurements (public/sweeps/shattered.json, written by
 * `npm run sweep -- --shattered`) into what its figure draws: r₁ against depth for the plain nets
 * and the residual nets at each branch scale; the autocorrelation function against lag, one panel
 * per depth; and the gradient along the line at one depth, one panel per net.
 */
import { lag1, type ShatteredRun, type ShatteredSpec } from '../../../model/studies/shattered/spec';
import { activationName, initWords } from '../../common/configWords';
import { PLOT_COLORS, type CurvePanel, type CurveSeries, type DepthGroup } from '../../plots';
import { compareRuns, type Comparison } from '../live/liveComparison';

/** A branch scale, or null for the plain nets: what the figure draws one series of. */
export type ShatteredArm = number | null;

/**
 * Colours by arm: the plain nets and the residual nets at full scale in the twin-run blue and
 * orange; other scales in further hues of the same colour-blind-safe set (Dark2).
 */
const SCALE_COLOR: Readonly<Record<string, string>> = {
  '1': PLOT_COLORS.b,
  '0.5': '#7570b3',
  '0.25': '#1b9e77',
  '0.1': '#a6761d',
};

export const armColor = (arm: ShatteredArm): string =>
  arm === null ? PLOT_COLORS.a : (SCALE_COLOR[String(arm)] ?? PLOT_COLORS.reference);
export const armLabel = (arm: ShatteredArm): string =>
  arm === null ? 'plain' : `residual ×${arm}`;
const armId = (arm: ShatteredArm, live: boolean) =>
  `${arm === null ? 'plain' : `residual-${arm}`}${live ? '-live' : ''}`;

/** The arms of `runs`: plain first, then the branch scales from largest to smallest. */
export function armsOf(runs: readonly ShatteredRun[]): ShatteredArm[] {
  const scales = [...new Set(runs.flatMap((r) => (r.branchScale === null ? [] : [r.branchScale])))];
  const plain = runs.some((r) => r.branchScale === null) ? [null] : [];
  return [...plain, ...scales.sort((a, b) => b - a)];
}

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
  return armsOf(runs).map((arm) => {
    const mine = runs.filter((r) => r.branchScale === arm);
    const depths = [...new Set(mine.map((r) => r.depth))].sort((a, b) => a - b);
    return {
      id: armId(arm, live),
      label: `${armLabel(arm)}${live ? ', your run' : ''}`,
      color: armColor(arm),
      hollow: live,
      points: mine.map((r) => ({ x: r.depth, y: lag1(r), label: `seed ${r.seed}` })),
      medians: depths.map((d) => ({
        x: d,
        y: median(mine.filter((r) => r.depth === d).map(lag1)),
      })),
    };
  });
}

/** `g` divided by its root mean square, so that nets of very different gain share an axis. */
export function byRms(g: readonly number[]): number[] {
  const rms = Math.sqrt(g.reduce((s, v) => s + v * v, 0) / g.length);
  return g.map((v) => (rms > 0 ? v / rms : 0));
}

const r1Text = (r: ShatteredRun) => `r₁ = ${lag1(r).toFixed(2)}`;

/**
 * The gradient along the line at `depth` on `seed`, one panel per arm (plain first), each
 * divided by its RMS, against the position on the line (0 at its start, 1 at its end): the
 * shipped one, and the reader's (`live`) with markers beside it; each panel's title gives r₁. Arms
 * with no kept gradient at that depth are left out; none at all gives no panels.
 */
export function tracePanels(
  shipped: readonly ShatteredRun[],
  live: readonly ShatteredRun[],
  seed: number,
  depth: number,
): CurvePanel[] {
  const at = (runs: readonly ShatteredRun[], arm: ShatteredArm) =>
    runs.find((x) => x.seed === seed && x.depth === depth && x.branchScale === arm && x.gradient);
  return armsOf([...shipped, ...live]).flatMap((arm) => {
    const pairs = [
      [at(shipped, arm), false],
      [at(live, arm), true],
    ] as const;
    const series = pairs.flatMap(([run, mine]): CurveSeries[] => {
      if (!run?.gradient) return [];
      const n = run.gradient.length;
      return [
        {
          id: armId(arm, mine),
          label: mine ? 'your run' : 'precomputed',
          color: armColor(arm),
          markers: mine,
          x: run.gradient.map((_, i) => i / (n - 1)),
          y: byRms(run.gradient),
        },
      ];
    });
    const [theirs, mine] = [pairs[0][0], pairs[1][0]];
    const shown = theirs ?? mine;
    if (!shown) return [];
    const r1 =
      theirs && mine ? `${r1Text(theirs)} (your run: ${lag1(mine).toFixed(2)})` : r1Text(shown);
    return [{ id: armId(arm, false), title: `${armLabel(arm)}, ${r1}`, series }];
  });
}

/** "1 block", "8 blocks". */
export const blocksText = (n: number) => `${n} block${n === 1 ? '' : 's'}`;

/**
 * The autocorrelation function against lag on `seed`, one panel per depth of `depths`, one curve
 * per arm: the shipped runs, then the reader's (`live`) with markers.
 */
export function acfPanels(
  shipped: readonly ShatteredRun[],
  live: readonly ShatteredRun[],
  seed: number,
  depths: readonly number[],
): CurvePanel[] {
  const curves = (runs: readonly ShatteredRun[], depth: number, mine: boolean) =>
    armsOf(runs).flatMap((arm): CurveSeries[] => {
      const r = runs.find((x) => x.seed === seed && x.depth === depth && x.branchScale === arm);
      if (!r) return [];
      return [
        {
          id: armId(arm, mine),
          label: `${armLabel(arm)}${mine ? ', your run' : ''}`,
          color: armColor(arm),
          markers: mine,
          x: r.acf.map((_, k) => k),
          y: r.acf,
        },
      ];
    });
  return depths.map((depth) => ({
    id: `depth-${depth}`,
    title: blocksText(depth),
    series: [...curves(shipped, depth, false), ...curves(live, depth, true)],
  }));
}

/**
 * How far the reader's nets are from the precomputed ones of the same seed, depth and arm (plain,
 * or residual at a branch scale), over their autocorrelation functions: the plain nets of a run
 * at a scale not precomputed still have twins, its residual nets none.
 */
export function shatteredComparison(
  shipped: readonly ShatteredRun[],
  live: readonly ShatteredRun[],
): Comparison {
  return compareRuns(shipped, live, {
    twin: (mine, theirs) =>
      mine.seed === theirs.seed &&
      mine.depth === theirs.depth &&
      mine.branchScale === theirs.branchScale,
    values: (r) => r.acf,
  });
}

/** The experiment's configuration in words, for the caption. */
export function describeShattered(spec: ShatteredSpec): string {
  const b = spec.base;
  const [f, t] = [spec.line.from, spec.line.to];
  return (
    `networks at initialisation, never trained: width ${b.width}, ${activationName(b.activation)}, ` +
    `${initWords(b.init)}, batch norm (statistics over the line's points, held fixed), ` +
    `pre-activation blocks; residual branches scaled by ${spec.branchScales.join(' or ')} ` +
    `before the addition; output: the difference of the two logits; ` +
    `${spec.points} points on the line from (${f.join(', ')}) to (${t.join(', ')}); ` +
    `autocorrelation at lags 0 to ${spec.maxLag}; depths ${spec.depths.join(', ')} blocks`
  );
}
