/**
 * Trains the thousand-layer comparison (what it is: deep-spec.ts) pair by pair: the original and
 * the pre-activation net of one optimizer, learning rate and seed step in lockstep, so that a
 * live run shows both curves growing together. `npm run sweep -- --thousand-layers`, the sweep worker and the
 * tests use it.
 */
import type { Order } from '../../engine/config';
import { loadDataset, type DigitsLoader } from '../../engine/data';
import {
  deepPairs,
  profileBlocks,
  type DeepFinal,
  type DeepPair,
  type DeepSpec,
  type DeepTrace,
} from './spec';
import { Session } from '../../engine/experiment';

/** What a pair is doing, for a progress line: building both nets, or training. */
export type DeepPhase = 'building' | 'training';

/** Options of `runDeepPair` and `runDeep`. */
export interface DeepOptions {
  loadDigits?: DigitsLoader;
  /** Steps to take instead of `spec.base.steps` (tests take fewer). */
  steps?: number;
  /** Called when a pair starts building its nets and when its first step starts. */
  onPhase?: (pair: DeepPair, phase: DeepPhase) => void;
  /**
   * Called after both nets of a pair took step `step` (0-based), with the loss of each, in
   * DEEP_ORDERS order (null for a net that stopped on a non-finite step).
   */
  onStep?: (pair: DeepPair, step: number, losses: (number | null)[]) => void;
  /** Checked between steps: once true, the run stops and returns what it has. */
  cancelled?: () => boolean;
}

/** Significant digits kept: five for losses (checked against the engine to 1e-4), three for
 * gradient profiles, which are drawn on a log axis spanning many decades. */
const round = (x: number, digits = 5) =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)) : null;

/**
 * Trains the two nets of `pair` side by side and returns their traces, or null if cancelled.
 * Every tensor is released before it returns.
 */
export async function runDeepPair(
  pair: DeepPair,
  opts: DeepOptions = {},
): Promise<DeepTrace[] | null> {
  const first = pair.configs[0]!;
  const steps = opts.steps ?? first.steps;
  opts.onPhase?.(pair, 'building');
  // The two configs differ only in block order: one dataset serves both.
  const dataset = await loadDataset(first.dataset, first.seed, opts.loadDigits);
  const at = profileBlocks(first.blocks);
  const profile = (v: Float32Array) => at.map((l) => round(v[l]!, 3));
  const sessions: Session[] = [];
  try {
    for (const config of pair.configs) sessions.push(new Session(config, dataset));
    const traces: DeepTrace[] = pair.configs.map((c) => ({
      optimizer: pair.optimizer,
      learningRate: pair.learningRate,
      seed: pair.seed,
      order: c.order as Order,
      loss: [],
      signalStart: [],
      signalEnd: [],
      final: null as unknown as DeepFinal,
    }));
    opts.onPhase?.(pair, 'training');
    for (let step = 0; step < steps; step++) {
      if (opts.cancelled?.()) return null;
      const losses: (number | null)[] = [];
      for (const [i, session] of sessions.entries()) {
        const trace = traces[i]!;
        if (session.divergedAtStep !== null) {
          losses.push(null);
          continue;
        }
        const r = await session.step();
        const loss = r.finite ? round(r.loss) : null;
        trace.loss.push(loss);
        losses.push(loss);
        if (step === 0) trace.signalStart = profile(r.signalGradNorms);
        if (r.finite) trace.signalEnd = profile(r.signalGradNorms);
      }
      opts.onStep?.(pair, step, losses);
    }
    for (const [i, session] of sessions.entries()) {
      const e = await session.evaluate();
      traces[i]!.final = {
        trainLoss: e.trainLoss,
        trainAccuracy: e.trainAccuracy,
        testAccuracy: e.testAccuracy,
        diverged: session.divergedAtStep !== null,
        divergedAtStep: session.divergedAtStep,
      };
    }
    return traces;
  } finally {
    for (const s of sessions) s.dispose();
  }
}

/**
 * Options of `runDeep`: those of a pair, and a call after each pair with its traces (awaited,
 * so that it may write them).
 */
export interface DeepRunOptions extends DeepOptions {
  onPair?: (traces: DeepTrace[], done: number, total: number) => void | Promise<void>;
}

/** Trains every pair of `spec` in turn; `complete` is false when cancelled. */
export async function runDeep(
  spec: DeepSpec,
  opts: DeepRunOptions = {},
): Promise<{ traces: DeepTrace[]; complete: boolean }> {
  const pairs = deepPairs(spec);
  const traces: DeepTrace[] = [];
  for (const [i, pair] of pairs.entries()) {
    const got = await runDeepPair(pair, opts);
    if (!got) return { traces, complete: false };
    traces.push(...got);
    await opts.onPair?.(got, i + 1, pairs.length);
  }
  return { traces, complete: true };
}
