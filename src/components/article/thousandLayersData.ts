/**
 * Turns the shipped thousand-layer comparison (public/sweeps/thousand-layers.json, written by
 * `npm run sweep -- --thousand-layers`) and a live run into what its figure draws: each block
 * order's final training loss against the learning rate, and for the run the reader picks both
 * orders' training curves and the gradient reaching each block at the start and at the end.
 */
import type { Order } from '../../model/config';
import {
  DEEP_ORDERS,
  findTrace,
  finalLoss,
  fittingRates,
  profileBlocks,
  type DeepFile,
  type DeepOptimizer,
  type DeepRun,
  type DeepSpec,
  type DeepTrace,
} from '../../model/deep-spec';
import { stepCount } from './deepRunner';
import { activationName, initWords, signalLabels } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries, type DepthGroup, type Series } from '../plots';

export const ORDER_LABEL: Record<Order, string> = {
  post: 'original',
  pre: 'pre-activation',
};
const ORDER_COLOR: Record<Order, string> = { post: PLOT_COLORS.a, pre: PLOT_COLORS.b };
/** The reader's own run: the same hue, darker, and solid, beside the precomputed run. */
const LIVE_COLOR: Record<Order, string> = { post: PLOT_COLORS.aDark, pre: PLOT_COLORS.bDark };
const liveLabel = (order: Order) => `your run, ${ORDER_LABEL[order]}`;

/** Loss per step as a curve, leaving out steps without a finite loss. */
function lossCurve(order: Order, losses: readonly (number | null)[], live: boolean): CurveSeries {
  const x: number[] = [];
  const y: number[] = [];
  losses.forEach((l, step) => {
    if (l !== null && l > 0) {
      x.push(step);
      y.push(l);
    }
  });
  return {
    id: live ? `${order}-live` : order,
    label: live ? liveLabel(order) : ORDER_LABEL[order],
    color: live ? LIVE_COLOR[order] : ORDER_COLOR[order],
    x,
    y,
  };
}

/**
 * The shipped curves of both orders in `run`, then the live run's, whose `liveLosses` are in
 * DEEP_ORDERS order.
 */
export function deepCurves(
  traces: readonly DeepTrace[],
  run: DeepRun,
  liveLosses: readonly (readonly (number | null)[])[] = [],
): CurveSeries[] {
  const shipped = DEEP_ORDERS.flatMap((order) => {
    const t = findTrace(traces, run, order);
    return t ? [lossCurve(order, t.loss, false)] : [];
  });
  const live = DEEP_ORDERS.flatMap((order, i) => {
    const l = liveLosses[i];
    return l && l.length > 0 ? [lossCurve(order, l, true)] : [];
  });
  return [...shipped, ...live];
}

/**
 * The gradient reaching the recorded block inputs of both orders: at step 0 (faint, dashed) and
 * at the last step (solid), from the shipped `traces`, then from a finished live run's
 * `liveTraces` in the darker colours of the reader's run. The last is named "last step", not by
 * its 0-based index, which would read as one short of the "after N steps" the figure states.
 */
export function deepProfiles(
  traces: readonly DeepTrace[],
  run: DeepRun,
  liveTraces: readonly DeepTrace[] = [],
): Series[] {
  const profiles = (from: readonly DeepTrace[], live: boolean) =>
    DEEP_ORDERS.flatMap((order): Series[] => {
      const t = findTrace(from, run, order);
      if (!t) return [];
      const values = (v: readonly (number | null)[]) => v.map((x) => x ?? NaN);
      const id = live ? `${order}-live` : order;
      const label = live ? liveLabel(order) : ORDER_LABEL[order];
      const color = live ? LIVE_COLOR[order] : ORDER_COLOR[order];
      return [
        {
          id: `${id}-start`,
          label: `${label}, step 0`,
          color,
          values: values(t.signalStart),
          dashed: true,
          faint: true,
        },
        { id: `${id}-end`, label: `${label}, last step`, color, values: values(t.signalEnd) },
      ];
    });
  return [...profiles(traces, false), ...profiles(liveTraces, true)];
}

/**
 * The depths a reader can train live: the shipped depth, which repeats a precomputed run, and
 * below it 100 blocks, a configuration of its own that steps about five times faster. A profile
 * records 101 block inputs at both (every fifth at 500, every one at 100), at the same fractions
 * of the depth, so that the two share the profile plot's axis (`profileAxis`).
 */
export function liveDepths(shipped: number): number[] {
  return [shipped, ...[100].filter((d) => d < shipped)];
}

/** The depth a live run opens at: the smallest offered, so that a first run ends soon. */
export const openingDepth = (shipped: number): number => Math.min(...liveDepths(shipped));

/**
 * The profile plot's block inputs and axis label: those of the shipped depth, and where the
 * reader's run is at another depth both, "x₅ · x₁", for the inputs at the same fraction of each
 * depth. Null when the two record different numbers of inputs and cannot share the axis.
 */
export function profileAxis(
  shipped: number,
  live: number | null,
): { labels: string[]; xLabel: string } | null {
  const mine = profileLabels(shipped);
  if (live === null || live === shipped)
    return { labels: mine, xLabel: 'block input xₗ (input → output)' };
  const yours = profileLabels(live);
  if (yours.length !== mine.length) return null;
  return {
    labels: mine.map((l, i) => `${l} · ${yours[i]}`),
    xLabel: `block input xₗ at ${shipped} · at ${live} blocks (input → output)`,
  };
}

/** x₀, x₅, … xₙ: the block inputs a profile of a net of `blocks` blocks records. */
export function profileLabels(blocks: number): string[] {
  const all = signalLabels(blocks + 1);
  return profileBlocks(blocks).map((l) => all[l]!);
}

/**
 * Each order's final training loss against the learning rate of `optimizer` on `seeds`: a dot
 * per run (labelled by seed) and a line through the medians. A diverged run has no finite loss:
 * its dot is left out and the data table says so.
 */
export function rateGroups(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  optimizer: DeepOptimizer,
  seeds: readonly number[] = file.spec.seeds,
): DepthGroup[] {
  const rates = file.spec.learningRates[optimizer];
  return DEEP_ORDERS.map((order) => {
    const runs = rates.flatMap((learningRate) =>
      seeds.flatMap((seed) => {
        const t = findTrace(file.traces, { optimizer, learningRate, seed }, order);
        return t ? [t] : [];
      }),
    );
    return {
      id: order,
      label: ORDER_LABEL[order],
      color: ORDER_COLOR[order],
      points: runs.map((t) => ({
        x: t.learningRate,
        y: t.final.diverged ? NaN : t.final.trainLoss,
        label: `${t.seed}${t.final.diverged ? ` (diverged at step ${t.final.divergedAtStep})` : ''}`,
      })),
      medians: rates.flatMap((learningRate) => {
        const losses = runs.filter((t) => t.learningRate === learningRate).map(finalLoss);
        return losses.length ? [{ x: learningRate, y: median(losses) }] : [];
      }),
    };
  });
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Numbers as a list in words: "0.003", "0.003 and 0.01", "0.003, 0.01 and 0.02". */
export function listInWords(values: readonly (number | string)[]): string {
  const v = values.map(String);
  return v.length <= 1 ? (v[0] ?? '') : `${v.slice(0, -1).join(', ')} and ${v.at(-1)}`;
}

/**
 * Where each order trains, in words, for the figure's readout: "the original at 0.003 and 0.01,
 * the pre-activation net at 0.003, 0.01, 0.02 and 0.03" (read from the file, never typed).
 */
export function fittingInWords(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  optimizer: DeepOptimizer,
  seeds: readonly number[] = file.spec.seeds,
): string {
  const where = (order: Order) => {
    const rates = fittingRates(file, optimizer, order, seeds);
    return rates.length ? `at ${listInWords(rates)}` : 'at none of the rates';
  };
  return `the original ${where('post')}, the pre-activation net ${where('pre')}`;
}

export const OPTIMIZER_LABEL: Record<DeepOptimizer, string> = {
  momentum: 'SGD with momentum 0.9',
  adam: 'Adam',
};

/** The comparison's configuration in words, for the caption. */
export function describeDeep(spec: DeepSpec): string {
  const b = spec.base;
  const rates = (o: DeepOptimizer) => spec.learningRates[o];
  const under = spec.optimizers.map((o) =>
    rates(o).length > 1
      ? `${OPTIMIZER_LABEL[o]} at learning rates ${listInWords(rates(o))}`
      : `${OPTIMIZER_LABEL[o]} at learning rate ${rates(o)[0]}`,
  );
  return (
    `${b.blocks} residual blocks (${(2 * b.blocks + 2).toLocaleString('en-GB')} weight layers), ${b.dataset} data, ` +
    `width ${b.width}, batch ${b.batchSize}, ${activationName(b.activation)} with batch norm, ` +
    `${initWords(b.init)}, ${b.steps} steps; ${listInWords(under)}`
  );
}

/**
 * How far the reader's live run is from the precomputed run of the same optimizer, rate and seed:
 * the largest relative difference between their batch losses, over the steps the reader's nets
 * have taken, and how many losses were compared. Null when the live run is not at the
 * precomputed settings (another depth) or has no step yet. The engine is deterministic, so this
 * is float rounding between this browser and the machine that made the file.
 */
export function lossDifference(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  run: DeepRun,
  blocks: number,
  losses: readonly (readonly (number | null)[])[],
): { value: number; count: number } | null {
  if (blocks !== file.spec.base.blocks) return null;
  let value = 0;
  let count = 0;
  DEEP_ORDERS.forEach((order, i) => {
    const shipped = findTrace(file.traces, run, order)?.loss ?? [];
    (losses[i] ?? []).forEach((mine, step) => {
      const theirs = shipped[step];
      if (mine === null || theirs === null || theirs === undefined) return;
      value = Math.max(value, Math.abs(mine - theirs) / Math.abs(theirs));
      count += 1;
    });
  });
  return count ? { value, count } : null;
}

/** `lossDifference` in words, for the live run's status. */
export function lossDifferenceText(d: { value: number; count: number } | null): string {
  if (!d) return '';
  const pct = d.value === 0 ? '0' : `${(100 * d.value).toPrecision(2)}%`;
  return ` Largest difference from the precomputed batch losses so far: ${pct} (${d.count} losses).`;
}

/**
 * What the live run's status adds about the reader's run once it started: at the shipped depth
 * how far its batch losses are from the precomputed run's, at another depth that it is a new
 * configuration with nothing to compare, and once it is done each net's final training loss.
 */
export function liveRunText(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  run: DeepRun,
  live: {
    blocks: number;
    stepsDone: number;
    losses: readonly (readonly (number | null)[])[];
    traces: readonly DeepTrace[] | null;
  },
): string {
  const shipped = file.spec.base.blocks;
  const compared =
    live.blocks === shipped
      ? lossDifferenceText(lossDifference(file, run, live.blocks, live.losses))
      : ` ${live.blocks} blocks is a new configuration: the precomputed runs are at ${shipped} ` +
        'blocks, so there is nothing to compare it with.';
  const final = (order: Order) => {
    const t = live.traces && findTrace(live.traces, run, order);
    if (!t) return null;
    return t.final.diverged ? 'diverged' : t.final.trainLoss.toFixed(3);
  };
  const [post, pre] = DEEP_ORDERS.map(final);
  const result =
    post && pre
      ? ` Your run's training loss on the whole training set after ${stepCount(live.stepsDone)}: ` +
        `original ${post}, pre-activation ${pre}.`
      : '';
  return compared + result;
}
