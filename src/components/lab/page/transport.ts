/**
 * How a lab talks to its training worker. Behind an interface so that component tests inject a
 * fake and never start tfjs; the app creates a module Web Worker (tfjs lives only in it).
 */
import { createContext } from 'react';
import type { FromWorker, ToWorker } from '../../../model/worker/protocol';

/**
 * Reports a worker that failed: `message` says how; `silentMs` is set when it did not fail
 * loudly but stopped answering (see watchdog.ts; recovery.ts decides what follows).
 */
export type WorkerFailureHandler = (message: string, silentMs?: number) => void;

/** A channel to one training worker. */
export interface TrainerTransport {
  post(message: ToWorker): void;
  /** Adds the one listener; returns a function that removes it. */
  listen(onMessage: (message: FromWorker) => void, onError: WorkerFailureHandler): () => void;
  terminate(): void;
}

/** Makes a transport; called once per lab, when it first scrolls near. */
export type TransportFactory = () => TrainerTransport;

/** The worker-backed transport of the app. */
export function createWorkerTransport(): TrainerTransport {
  if (typeof Worker === 'undefined') return unavailableTransport();
  const worker = new Worker(new URL('../../../model/worker/train.worker.ts', import.meta.url), {
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
