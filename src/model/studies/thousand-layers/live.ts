/**
 * The thousand-layer comparison in the study worker: it trains one deep pair (both block orders)
 * in lockstep and says what it is doing before step 1 (building the nets, then the first step),
 * then reports every step with how long it took.
 */
import type { LiveContext } from '../study';
import { runDeepPair, type DeepPhase } from './run';
import type { DeepPair, DeepTrace } from './spec';

/** Train both nets of `pair` in lockstep for `steps` steps. */
export interface DeepJob {
  pair: DeepPair;
  steps: number;
}

export type DeepMessage =
  /** The backend is ready (`backend`) and the pair is building its nets, or training. */
  | { type: 'deep-phase'; phase: DeepPhase; backend: string }
  /**
   * Both nets took step `step` (0-based) of `steps`; `losses` in DEEP_ORDERS order (null once a
   * net stopped); `ms` is how long the two steps took together.
   */
  | { type: 'deep-step'; step: number; steps: number; losses: (number | null)[]; ms: number }
  | { type: 'deep-done'; traces: DeepTrace[]; ms: number };

export async function thousandLayersLive(
  { pair, steps }: DeepJob,
  ctx: LiveContext<DeepMessage>,
): Promise<void> {
  const { post, now, backend } = ctx;
  let stepStarted = now();
  const traces = await runDeepPair(pair, {
    steps,
    loadDigits: ctx.loadDigits,
    onPhase: (_, phase) => {
      stepStarted = now();
      post({ type: 'deep-phase', phase, backend });
    },
    onStep: (_, step, losses) => {
      const t = now();
      post({ type: 'deep-step', step, steps, losses, ms: t - stepStarted });
      stepStarted = t;
    },
  });
  post({ type: 'deep-done', traces: traces ?? [], ms: ctx.elapsed() });
}
