/**
 * What the thousand-layer figure offers and says of a reader's live run beside the shipped
 * comparison: the depths it can train at, the profile axis a run at another depth shares with the
 * shipped one, and the status's words on the run: how far it is from the precomputed run, or that
 * it is a configuration of its own, and how it ended.
 */
import type { Order } from '../../../model/engine/config';
import {
  DEEP_ORDERS,
  findTrace,
  type DeepFile,
  type DeepRun,
  type DeepTrace,
} from '../../../model/studies/thousand-layers/spec';
import { stepCount } from './thousandLayersRunner';
import { profileLabels } from './thousandLayersData';

/**
 * The depths a reader can train live: the shipped depth, which repeats a precomputed run, and
 * below it 100 blocks, a configuration of its own whose steps take a fifth of the time or less
 * (about 0.3 s against 2.5 s on the shared machine this was measured on). A profile records 101
 * block inputs at both (every fifth at 500, every one at 100), at the same fractions of the
 * depth, so that the two share the profile plot's axis (`profileAxis`).
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
    xLabel: `xₗ at ${shipped} · at ${live} blocks (input → output)`,
  };
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
