/**
 * Turns the shipped thousand-layer comparison (public/sweeps/thousand-layers.json, written by
 * `npm run sweep -- --thousand-layers`) and a live run into what its figure draws: each block
 * order's final training loss against the learning rate, and for the run the reader picks both
 * orders' training curves and the gradient reaching each block at the start and at the end.
 */
import type { Order } from '../../../model/engine/config';
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
} from '../../../model/studies/thousand-layers/spec';
import { activationName, initWords } from '../../common/configWords';
import { signalLabels } from '../../common/layerNames';
import { PLOT_COLORS, type CurveSeries, type DepthGroup, type Series } from '../../plots';

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
 * at the last step (solid), from the shipped `traces`; then the last step of a finished live run
 * (`liveTraces`) in the darker colours of the reader's run (its step 0 too would make eight lines
 * and a legend taller than the plot). The last is named "last step", not by its 0-based index,
 * which would read as one short of the "after N steps" the figure states.
 */
export function deepProfiles(
  traces: readonly DeepTrace[],
  run: DeepRun,
  liveTraces: readonly DeepTrace[] = [],
): Series[] {
  const values = (v: readonly (number | null)[]) => v.map((x) => x ?? NaN);
  const shipped = DEEP_ORDERS.flatMap((order): Series[] => {
    const t = findTrace(traces, run, order);
    if (!t) return [];
    return [
      {
        id: `${order}-start`,
        label: `${ORDER_LABEL[order]}, step 0`,
        color: ORDER_COLOR[order],
        values: values(t.signalStart),
        dashed: true,
        faint: true,
      },
      {
        id: `${order}-end`,
        label: `${ORDER_LABEL[order]}, last step`,
        color: ORDER_COLOR[order],
        values: values(t.signalEnd),
      },
    ];
  });
  const live = DEEP_ORDERS.flatMap((order): Series[] => {
    const t = findTrace(liveTraces, run, order);
    if (!t) return [];
    const [id, label, color] = [`${order}-live-end`, liveLabel(order), LIVE_COLOR[order]];
    return [{ id, label: `${label}, last step`, color, values: values(t.signalEnd) }];
  });
  return [...shipped, ...live];
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
