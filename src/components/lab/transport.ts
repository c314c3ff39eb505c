/**
 * How a lab talks to its training worker. Behind an interface so that component tests inject a
 * fake and never start tfjs; the app creates a module Web Worker (tfjs lives only in it).
 */
import { createContext } from 'react';
import type { FromWorker, ToWorker } from '../../model/worker/protocol';

/** A channel to one training worker. */
export interface TrainerTransport {
  post(message: ToWorker): void;
  /** Adds the one listener; returns a function that removes it. */
  listen(onMessage: (message: FromWorker) => void, onError: (message: string) => void): () => void;
  terminate(): void;
}

/** Makes a transport; called once per lab, when it first scrolls near. */
export type TransportFactory = () => TrainerTransport;

/** The worker-backed transport of the app. */
export function createWorkerTransport(): TrainerTransport {
  if (typeof Worker === 'undefined') return unavailableTransport();
  const worker = new Worker(new URL('../../model/worker/train.worker.ts', import.meta.url), {
    type: 'module',
    name: 'residual-trainer',
  });
  return {
    post: (m) => worker.postMessage(m),
    listen(onMessage, onError) {
      const msg = (e: MessageEvent<FromWorker>) => onMessage(e.data);
      const err = (e: ErrorEvent) => {
        e.preventDefault();
        onError(e.message || 'the training worker failed to start');
      };
      worker.addEventListener('message', msg);
      worker.addEventListener('error', err);
      return () => {
        worker.removeEventListener('message', msg);
        worker.removeEventListener('error', err);
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** Lets tests swap the worker for a fake. */
export const TransportContext = createContext<TransportFactory>(createWorkerTransport);

/**
 * The backend the first lab's worker chose by measurement; later labs on the page try it first
 * instead of measuring again, and wait for it (up to `BACKEND_WAIT_MS`) rather than measure at
 * the same time: on a two-core machine concurrent measurements take seconds.
 */
export const backendMemo: { name?: string; claimed?: boolean; waiters: (() => void)[] } = {
  waiters: [],
};
export const BACKEND_WAIT_MS = 15_000;

/** Resolves when this lab may configure: at once for the first lab, else once a backend is known. */
export function waitForBackend(): Promise<void> {
  if (backendMemo.name !== undefined || !backendMemo.claimed) {
    backendMemo.claimed = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    backendMemo.waiters.push(resolve);
    setTimeout(resolve, BACKEND_WAIT_MS);
  });
}

/** Records the first lab's backend (or its failure: `name` undefined) and releases the waiters. */
export function backendDecided(name: string | undefined): void {
  if (name !== undefined) backendMemo.name = name;
  else backendMemo.claimed = false;
  const waiters = backendMemo.waiters.splice(0);
  for (const w of waiters) w();
}

/** Stands in where Web Workers do not exist (old browsers, jsdom): reports that once. */
function unavailableTransport(): TrainerTransport {
  return {
    post: () => undefined,
    listen(_onMessage, onError) {
      const timer = setTimeout(() => onError('This browser cannot run the training worker.'), 0);
      return () => clearTimeout(timer);
    },
    terminate: () => undefined,
  };
}
