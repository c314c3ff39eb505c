/**
 * What a lab does when its training worker fails, in one place. The README's section "When a
 * training worker fails" walks through the whole path; in short:
 *
 * 1. A worker fails loudly (an uncaught error: the transport's `error` event, transport.ts) or
 *    silently (a loop, a crash, a kill: only the watchdog notices, watchdog.ts via `watched`).
 * 2. A backend that fails *inside* a step is handled in the worker itself, which moves to the next
 *    backend without the lab's help (model/worker/backend-fallback.ts) and says so in an `error`
 *    message with `restartedOn`.
 * 3. Everything else reaches `recoveryFor`, which decides: restart a fresh worker on the next
 *    backend (wasm → webgl → cpu) with the same networks, or report the failure when no backend is
 *    left or the worker never got as far as a configuration. The lab controller
 *    (labController.ts) carries the decision out.
 */
import { nextBackend } from '../../../model/worker/backend';
import type { Clock } from './clock';
import type { TrainerTransport, WorkerFailureHandler } from '../page/transport';
import { silenceMessage, Watchdog, type WatchdogTimings } from './watchdog';

/** What to do about a failed worker. */
export type Recovery =
  | {
      kind: 'restart';
      /** The backend the new worker starts on. */
      backend: string;
      /** The status line's sentence about it. */
      notice: string;
    }
  | {
      kind: 'report';
      /** The lab's error line. */
      error: string;
      /**
       * Whether to terminate the worker and mark the run stopped: a silent worker may be spinning
       * in a loop, while one that threw may still answer.
       */
      stop: boolean;
    };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The decision for a worker that failed with `message` (`silentMs` set when the watchdog found it
 * silent) while running on `backend` ('' before its first `ready`); `configured` says whether the
 * lab has networks to rebuild in a new worker.
 */
export function recoveryFor(
  message: string,
  silentMs: number | undefined,
  backend: string,
  configured: boolean,
): Recovery {
  const next = nextBackend(backend);
  if (next && configured)
    return {
      kind: 'restart',
      backend: next,
      notice:
        silentMs === undefined
          ? `Restarted on ${next}: the training worker failed (${message}).`
          : `${capitalise(message)}; restarted on ${next}.`,
    };
  if (silentMs === undefined) return { kind: 'report', error: message, stop: false };
  return {
    kind: 'report',
    error: backend
      ? `${capitalise(message)}; no other backend is left to restart on.`
      : `${capitalise(message)} while it started. Reload the page to try again.`,
    stop: true,
  };
}

export interface WatchOptions {
  /** The watchdog's timers (the page's own in the app). */
  clock?: Clock;
  /** The watchdog's allowances (labPage.ts). */
  timings?: Readonly<WatchdogTimings>;
}

/**
 * `inner` with a watchdog: while a reply is expected, a worker silent for longer than the
 * watchdog allows is reported to the listener's `onError` with the silence, as if it had failed.
 */
export function watched(inner: TrainerTransport, options: WatchOptions = {}): TrainerTransport {
  let fail: WorkerFailureHandler | null = null;
  const dog = new Watchdog({
    clock: options.clock,
    timings: options.timings,
    onSilent: (ms) => fail?.(silenceMessage(ms), ms),
  });
  return {
    post(m) {
      dog.sent(m);
      inner.post(m);
    },
    listen(onMessage, onError) {
      fail = onError;
      const stop = inner.listen((m) => {
        dog.heard(m);
        onMessage(m);
      }, onError);
      return () => {
        fail = null;
        stop();
      };
    },
    terminate() {
      dog.dispose();
      inner.terminate();
    },
  };
}
