/**
 * The training worker: starts the backend the page asks for (measuring only when it names none,
 * or when the page's idle comparison asks), then hands every message to a TrainerHost. tfjs lives only here, never in the main bundle.
 */
import * as tf from '@tensorflow/tfjs';
import { parseConfig } from '../engine/config';
import { makePlanarDataset } from '../engine/data/planar';
import { Session } from '../engine/experiment';
import { BACKENDS, rankBackends } from './backend';
import { BackendSelector } from './backend-selector';
import type { FromWorker, ToWorker } from './protocol';
import { TrainerHost } from './trainer-host';
import { loadDigitsFrom, setUpWorkerTfjs } from './worker-setup';

setUpWorkerTfjs();

const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  location: { origin: string };
};

/** Milliseconds per step of a 6-block net on `backend` (after one warm-up step), or null. */
async function measure(backend: string): Promise<number | null> {
  try {
    if (!(await tf.setBackend(backend))) return null;
    await tf.ready();
    const config = parseConfig({ dataset: 'spiral', blocks: 6, batchSize: 64 });
    const session = new Session(config, makePlanarDataset('spiral', 1));
    try {
      await session.step();
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) await session.step();
      return (performance.now() - t0) / 3;
    } finally {
      session.dispose();
    }
  } catch {
    return null;
  }
}

/**
 * A lost WebGL context does not make tfjs reject: the step's pending read never settles and the
 * lab would show "training" forever. So the worker fails as a whole (an uncaught error reaches
 * the lab as the Worker's error event) and the lab restarts on the next backend
 * (src/components/lab/run/recovery.ts).
 */
function failOnContextLoss(): void {
  if (tf.getBackend() !== 'webgl') return;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  const canvas = gl?.canvas as EventTarget | undefined;
  canvas?.addEventListener(
    'webglcontextlost',
    () =>
      setTimeout(() => {
        throw new Error('the WebGL context was lost');
      }, 0),
    { once: true },
  );
}

/** The backend, chosen once per worker by measurement (backend-selector.ts). */
const backends = new BackendSelector({
  measure,
  activate: async (name) => {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return true;
  },
  onActive: failOnContextLoss,
});

const host = new TrainerHost({
  post: (m) => scope.postMessage(m),
  backend: () => tf.getBackend(),
  prepare: (preferred, heartbeat) => backends.choose(preferred, heartbeat),
  loadDigits: () => loadDigitsFrom(scope.location.origin),
  fallback: (failed) => backends.fallback(failed),
  // Every backend measured (no early stop), for the page's idle comparison.
  compareBackends: () => rankBackends(measure, BACKENDS, undefined, 0),
});

// The host queues every message, the first configuration's backend choice included (prepare).
scope.onmessage = (e) => void host.handle(e.data);
