/**
 * Drives one lab's training worker: starts it when the lab first comes near the viewport, sends
 * the configuration (debounced, so dragging the depth slider rebuilds once it settles) and the
 * Train/Pause/Step/Reset commands, trains on its own while near and pauses when far off-screen.
 * Worker messages go into a RunHistory; React re-renders on a throttle (≤ ~12 per second),
 * never once per message.
 */
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../model/config';
import type { FromWorker, ToWorker } from '../../model/worker/protocol';
import { RunHistory } from './runHistory';
import { backendMemo, TransportContext, type TrainerTransport } from './transport';

/** Minimum milliseconds between two renders caused by worker messages. */
export const RENDER_INTERVAL_MS = 80;
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

export function useLabRun(nets: ExperimentConfig[], near: boolean, autoStart: boolean): LabRun {
  const makeTransport = useContext(TransportContext);
  const transport = useRef<TrainerTransport | null>(null);
  // A mutable store that lives as long as the lab; renders read it after each flush.
  const [history] = useState(() => new RunHistory());
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  /** Whether training should run once the lab is near: auto-start, or the reader's Train. */
  const wantRunning = useRef(autoStart);
  const pendingFlush = useRef<number | null>(null);
  const lastFlush = useRef(0);
  const [started, setStarted] = useState(false);
  const configuredOnce = useRef(false);

  const flush = useCallback(() => {
    pendingFlush.current = null;
    lastFlush.current = performance.now();
    setVersion((v) => v + 1);
  }, []);

  const scheduleFlush = useCallback(() => {
    if (pendingFlush.current !== null) return;
    const wait = Math.max(0, RENDER_INTERVAL_MS - (performance.now() - lastFlush.current));
    pendingFlush.current = window.setTimeout(() => requestAnimationFrame(flush), wait);
  }, [flush]);

  const send = useCallback((m: ToWorker) => transport.current?.post(m), []);

  // Start the worker the first time the lab is near. It stays when the lab scrolls away (the
  // run only pauses) and is terminated when the lab unmounts.
  const stopListening = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!near || transport.current) return;
    const t = makeTransport();
    transport.current = t;
    stopListening.current = t.listen(
      (m: FromWorker) => {
        if (m.type === 'ready') backendMemo.name = m.backend;
        if (history.apply(m)) scheduleFlush();
      },
      (message) => {
        history.error = message;
        scheduleFlush();
      },
    );
    setStarted(true);
  }, [near, makeTransport, history, scheduleFlush]);
  useEffect(
    () => () => {
      stopListening.current?.();
      transport.current?.terminate();
      transport.current = null;
      configuredOnce.current = false;
      if (pendingFlush.current !== null) clearTimeout(pendingFlush.current);
      pendingFlush.current = null;
      setStarted(false);
    },
    [],
  );

  // (Re)configure when the networks change. The first configuration also starts training when
  // the lab auto-starts; later ones show the new step-0 profile and wait for Train.
  const key = JSON.stringify(nets);
  useEffect(() => {
    if (!started) return;
    const configs = JSON.parse(key) as ExperimentConfig[];
    const delay = configuredOnce.current ? CONFIGURE_DELAY_MS : 0;
    const timer = window.setTimeout(() => {
      generation.current += 1;
      history.reset(generation.current, configs.length);
      send({
        type: 'configure',
        generation: generation.current,
        configs,
        backend: backendMemo.name,
      });
      if (!configuredOnce.current && wantRunning.current) send({ type: 'train' });
      else wantRunning.current = false;
      configuredOnce.current = true;
      scheduleFlush();
    }, delay);
    return () => clearTimeout(timer);
  }, [key, started, send, scheduleFlush, history]);

  // Pause when far off-screen; resume when back near if training was wanted.
  useEffect(() => {
    if (!started || !configuredOnce.current) return;
    if (!near && history.running) send({ type: 'pause' });
    else if (near && wantRunning.current && !history.running) send({ type: 'train' });
  }, [near, started, send, history]);

  return {
    history: history,
    version,
    train: useCallback(() => {
      wantRunning.current = true;
      send({ type: 'train' });
    }, [send]),
    pause: useCallback(() => {
      wantRunning.current = false;
      send({ type: 'pause' });
    }, [send]),
    step: useCallback(() => {
      wantRunning.current = false;
      send({ type: 'step' });
    }, [send]),
    reset: useCallback(() => {
      wantRunning.current = false;
      send({ type: 'reset' });
    }, [send]),
  };
}
