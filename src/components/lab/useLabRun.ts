/**
 * Drives one lab's training worker: starts it when the lab first comes near the viewport, sends
 * the configuration (debounced, so dragging the depth slider rebuilds once it settles) and the
 * Train/Pause/Step/Reset commands, trains on its own while near and pauses when far off-screen.
 * Worker messages go into a RunHistory; React re-renders on a throttle (≤ ~12 per second),
 * never once per message.
 */
import { startTransition, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../model/config';
import { nextBackend } from '../../model/worker/backend';
import type { FromWorker, ToWorker } from '../../model/worker/protocol';
import { RunHistory } from './runHistory';
import { useLabPage } from './labPage';
import {
  TransportContext,
  watched,
  type TrainerTransport,
  type WorkerFailureHandler,
} from './transport';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Minimum milliseconds between two renders caused by worker messages. */
export const RENDER_INTERVAL_MS = 100;
/** Delay before a changed configuration is sent (coalesces slider drags). */
export const CONFIGURE_DELAY_MS = 120;

export interface LabRun {
  history: RunHistory;
  /** Bumps on every flush; plots memoise on it. */
  version: number;
  train(): void;
  pause(): void;
  step(): void;
  reset(): void;
}

/**
 * `near`: the lab is within reach (start the worker, keep training); `visible`: on screen (the
 * first configuration starts training by itself once it is).
 */
export function useLabRun(nets: ExperimentConfig[], near: boolean, visible: boolean): LabRun {
  const makeTransport = useContext(TransportContext);
  const { training, backend } = useLabPage();
  const transport = useRef<TrainerTransport | null>(null);
  // A mutable store that lives as long as the lab; renders read it after each flush.
  const [history] = useState(() => new RunHistory());
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  /**
   * Whether the lab should train while on screen: true until the reader acts (Pause, Step,
   * Reset, a new configuration) and again after Train.
   */
  const wantRunning = useRef(true);
  /** Bumps after each configuration is sent, so the visibility effect sees the first one. */
  const [configured, setConfigured] = useState(0);
  const pendingFlush = useRef<number | null>(null);
  const lastFlush = useRef(0);
  const [started, setStarted] = useState(false);
  const configuredOnce = useRef(false);

  const flush = useCallback(() => {
    pendingFlush.current = null;
    lastFlush.current = performance.now();
    // A transition: React renders it in slices of a few milliseconds, yielding to input and
    // paint, so a plot update never blocks the main thread for long (DESIGN budget: 50 ms).
    startTransition(() => setVersion((v) => v + 1));
  }, []);

  const scheduleFlush = useCallback(() => {
    if (pendingFlush.current !== null) return;
    const wait = Math.max(0, RENDER_INTERVAL_MS - (performance.now() - lastFlush.current));
    pendingFlush.current = window.setTimeout(() => requestAnimationFrame(flush), wait);
  }, [flush]);

  const me = useRef(Symbol('lab'));
  /** Whether the current run started on its own (not by the reader's Train). */
  const autoRunning = useRef(false);
  /** Starts training on the lab's own initiative, if it still wants to (set below). */
  const autoStart = useRef<() => void>(() => {});
  const send = useCallback(
    (m: ToWorker) => {
      const t = transport.current;
      if (!t) return;
      if (m.type === 'train')
        training.claim(me.current, () => {
          t.post({ type: 'pause' });
          // Another lab took over. A run the reader started stays paused until they start it
          // again; one that started on its own queues to go on once the token is free.
          if (autoRunning.current) training.request(me.current, () => autoStart.current());
          else wantRunning.current = false;
        });
      else if (m.type !== 'boundary') training.release(me.current);
      t.post(m);
    },
    [training],
  );

  useEffect(() => {
    autoStart.current = () => {
      if (!wantRunning.current) return;
      autoRunning.current = true;
      send({ type: 'train' });
    };
  }, [send]);

  // Start the worker the first time the lab is near. It stays when the lab scrolls away (the
  // run only pauses) and is terminated when the lab unmounts.
  const stopListening = useRef<(() => void) | null>(null);
  /** The configuration last sent, to rebuild it in a replacement worker. */
  const lastConfigs = useRef<ExperimentConfig[]>([]);
  useEffect(() => {
    if (!near || transport.current) return;
    const attach = (t: TrainerTransport) => {
      transport.current = t;
      stopListening.current = t.listen(onMessage, onError);
    };
    // A worker that fails (an uncaught error, a crashed backend) or goes silent while the lab
    // waits for it (the watchdog, see watchdog.ts) is replaced by one that starts on the next
    // backend (wasm → webgl → cpu), with the same configuration; the status line says so. With
    // no backend left, or before the worker ever ran, the failure is shown.
    const onError: WorkerFailureHandler = (message, silentMs) => {
      if (backend.name === undefined) backend.decided(undefined);
      const next = nextBackend(history.backend);
      if (!next || lastConfigs.current.length === 0) {
        history.error = message;
        if (silentMs !== undefined) {
          // A silent worker may be spinning in a loop: stop it. One that threw may still answer.
          transport.current?.terminate();
          history.error = history.backend
            ? `${capitalise(message)}; no other backend is left to restart on.`
            : `${capitalise(message)} while it started. Reload the page to try again.`;
          history.running = false;
        }
        scheduleFlush();
        return;
      }
      stopListening.current?.();
      transport.current?.terminate();
      training.release(me.current);
      attach(watched(makeTransport()));
      history.restart =
        silentMs === undefined
          ? `Restarted on ${next}: the training worker failed (${message}).`
          : `${capitalise(message)}; restarted on ${next}.`;
      // Counted as this backend from now on, so that a second failure moves further along.
      history.backend = next;
      generation.current += 1;
      history.reset(generation.current, lastConfigs.current.length);
      send({
        type: 'configure',
        generation: generation.current,
        configs: lastConfigs.current,
        backend: next,
      });
      setConfigured((c) => c + 1);
      scheduleFlush();
    };
    const onMessage = (m: FromWorker) => {
      if (m.type === 'ready' && backend.name === undefined) backend.decided(m.backend);
      if (m.type === 'error' && backend.name === undefined) backend.decided(undefined);
      if (history.apply(m)) scheduleFlush();
      // A run that is over (every net at its limit or diverged) frees the page's training token
      // for another lab, and stays over: scrolling back to it must not train it again (only
      // Train does). Other stops release the token when they are sent (see `send`); a status
      // that merely answers a configuration must not, or a lab that asked to train in the
      // meantime would hand its token to another and never get it back.
      if (m.type === 'status' && m.done && m.generation === history.generation) {
        training.release(me.current);
        wantRunning.current = false;
        autoRunning.current = false;
      }
    };
    attach(watched(makeTransport()));
    setStarted(true);
  }, [near, makeTransport, history, scheduleFlush, send, backend, training]);
  useEffect(
    () => () => {
      stopListening.current?.();
      training.release(me.current);
      transport.current?.terminate();
      transport.current = null;
      configuredOnce.current = false;
      if (pendingFlush.current !== null) clearTimeout(pendingFlush.current);
      pendingFlush.current = null;
      setStarted(false);
    },
    [training],
  );

  // (Re)configure when the networks change. The first configuration waits until the page knows
  // its backend (see transport.ts); later ones are debounced and wait for Train.
  const key = JSON.stringify(nets);
  useEffect(() => {
    if (!started) return;
    const configs = JSON.parse(key) as ExperimentConfig[];
    const delay = configuredOnce.current ? CONFIGURE_DELAY_MS : 0;
    let cancelled = false;
    const configure = async () => {
      if (!configuredOnce.current) await backend.wait();
      if (cancelled) return;
      generation.current += 1;
      history.reset(generation.current, configs.length);
      lastConfigs.current = configs;
      send({
        type: 'configure',
        generation: generation.current,
        configs,
        backend: backend.name,
      });
      // After the first configuration the lab waits for Train: the reader sees the new step 0.
      if (configuredOnce.current) wantRunning.current = false;
      configuredOnce.current = true;
      setConfigured((c) => c + 1);
      scheduleFlush();
    };
    const timer = window.setTimeout(() => {
      configure().catch((e: unknown) => {
        history.error = `The lab could not start: ${e instanceof Error ? e.message : String(e)}`;
        scheduleFlush();
      });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, started, send, scheduleFlush, history, backend]);

  // Train on its own while on screen, until the reader takes over: start when visible (once no
  // other lab trains), pause when scrolled out of view. Whatever started it, a lab pauses when
  // far off-screen.
  useEffect(() => {
    if (!started || configured === 0) return;
    const me_ = me.current;
    if (!near || !visible) {
      training.cancel(me_);
      if (autoRunning.current || (!near && history.running)) {
        autoRunning.current = false;
        transport.current?.post({ type: 'pause' });
        training.release(me_);
      }
      return;
    }
    if (wantRunning.current && !history.running) training.request(me_, () => autoStart.current());
  }, [near, visible, started, configured, send, history, training]);

  return {
    history,
    version,
    train: useCallback(() => {
      wantRunning.current = true;
      autoRunning.current = false;
      send({ type: 'train' });
    }, [send]),
    pause: useCallback(() => {
      wantRunning.current = false;
      autoRunning.current = false;
      send({ type: 'pause' });
    }, [send]),
    step: useCallback(() => {
      wantRunning.current = false;
      autoRunning.current = false;
      send({ type: 'step' });
    }, [send]),
    reset: useCallback(() => {
      wantRunning.current = false;
      autoRunning.current = false;
      send({ type: 'reset' });
    }, [send]),
  };
}
