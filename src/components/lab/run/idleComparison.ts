/**
 * The page's one backend comparison (backendChoice.ts): once nothing has happened for a while and
 * no lab trains, a worker of its own times a probe step on every backend and the page remembers
 * the fastest for the next visit. It holds the training token as a yielding holder, so the first
 * lab that wants to train stops it at once (and it tries again after the next quiet spell). It
 * never delays a lab.
 */
import type { BackendChoice } from './backendChoice';
import type { Clock } from './clock';
import type { TrainingToken } from './trainingToken';
import type { TransportFactory } from '../page/transport';

/** Quiet milliseconds (no lab training) before the comparison starts. */
export const QUIET_MS = 8_000;

export interface IdleComparisonDeps {
  backend: BackendChoice;
  training: TrainingToken;
  makeTransport: TransportFactory;
  clock: Clock;
}

/**
 * Schedules the comparison if the page still wants one; returns a function that cancels it (and
 * stops a comparison under way).
 */
export function compareWhenIdle(deps: IdleComparisonDeps): () => void {
  const { backend, training, makeTransport, clock } = deps;
  const me = Symbol('backend comparison');
  let timer: unknown = null;
  let stopRun: (() => void) | null = null;
  let cancelled = false;

  const schedule = () => {
    if (cancelled || !backend.comparisonWanted) return;
    timer = clock.setTimeout(attempt, QUIET_MS);
  };

  const attempt = () => {
    timer = null;
    if (cancelled || !backend.comparisonWanted) return;
    if (!training.claimYielding(me, () => stopRun?.())) return schedule();
    if (!backend.claimComparison()) return training.release(me);
    const transport = makeTransport();
    let finished = false;
    const end = () => {
      finished = true;
      unlisten();
      transport.terminate();
      stopRun = null;
    };
    // A lab wants the cores: drop this comparison and try again after the next quiet spell.
    stopRun = () => {
      if (finished) return;
      end();
      backend.comparisonAbandoned();
      schedule();
    };
    const unlisten = transport.listen(
      (m) => {
        if (m.type !== 'backends' || finished) return;
        end();
        training.release(me);
        backend.recordComparison(m.ranking);
      },
      () => {
        if (finished) return;
        end();
        training.release(me);
        // A worker that cannot even compare will not do better later: leave it for this visit.
      },
    );
    transport.post({ type: 'compare-backends' });
  };

  schedule();
  return () => {
    cancelled = true;
    if (timer !== null) clock.clearTimeout(timer);
    stopRun?.();
    training.release(me);
  };
}
