/**
 * Turns the shipped thousand-layer comparison (public/sweeps/thousand-layers.json, written by
 * `npm run sweep -- --thousand-layers`) and a live run into what its figure draws: both block
 * orders' training curves, and the gradient reaching each block at the start and at the end.
 */
import type { Order } from '../../model/config';
import {
  DEEP_ORDERS,
  findTrace,
  type DeepOptimizer,
  type DeepSpec,
  type DeepTrace,
} from '../../model/deep-spec';
import { activationName, initWords } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries, type Series } from '../plots';

export const ORDER_LABEL: Record<Order, string> = {
  post: 'original',
  pre: 'pre-activation',
};
const ORDER_COLOR: Record<Order, string> = { post: PLOT_COLORS.a, pre: PLOT_COLORS.b };

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
    label: live ? `${ORDER_LABEL[order]} (your run)` : ORDER_LABEL[order],
    color: ORDER_COLOR[order],
    dashed: live,
    x,
    y,
  };
}

/**
 * The shipped curves of both orders under `optimizer` on `seed`, then the live run's (dashed),
 * whose `liveLosses` are in DEEP_ORDERS order.
 */
export function deepCurves(
  traces: readonly DeepTrace[],
  optimizer: DeepOptimizer,
  seed: number,
  liveLosses: readonly (readonly (number | null)[])[] = [],
): CurveSeries[] {
  const shipped = DEEP_ORDERS.flatMap((order) => {
    const t = findTrace(traces, optimizer, seed, order);
    return t ? [lossCurve(order, t.loss, false)] : [];
  });
  const live = DEEP_ORDERS.flatMap((order, i) => {
    const l = liveLosses[i];
    return l && l.length > 0 ? [lossCurve(order, l, true)] : [];
  });
  return [...shipped, ...live];
}

/**
 * The gradient reaching x_0 … x_n of both orders: at step 0 (faint, dashed) and at the last step
 * (solid), from `traces` (shipped or a finished live run). The last is named "last step", not by
 * its 0-based index, which would read as one short of the "after N steps" the figure states.
 */
export function deepProfiles(
  traces: readonly DeepTrace[],
  optimizer: DeepOptimizer,
  seed: number,
): Series[] {
  return DEEP_ORDERS.flatMap((order) => {
    const t = findTrace(traces, optimizer, seed, order);
    if (!t) return [];
    const values = (v: readonly (number | null)[]) => v.map((x) => x ?? NaN);
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
}

export const OPTIMIZER_LABEL: Record<DeepOptimizer, string> = {
  momentum: 'SGD with momentum 0.9',
  adam: 'Adam',
};

/** The comparison's configuration in words, for the caption. */
export function describeDeep(spec: DeepSpec, optimizer: DeepOptimizer, rate: number): string {
  const b = spec.base;
  return (
    `${b.blocks} residual blocks (${(2 * b.blocks + 2).toLocaleString('en-GB')} weight layers), ${b.dataset} data, ` +
    `width ${b.width}, batch ${b.batchSize}, ${activationName(b.activation)} with batch norm, ` +
    `${initWords(b.init)}, ` +
    `${OPTIMIZER_LABEL[optimizer]} at learning rate ${rate}, ${b.steps} steps`
  );
}
