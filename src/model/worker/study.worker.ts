/**
 * The module Web Worker of a figure's live run ("Run it yourself"), whatever the study. It trains
 * on wasm, the backend the shipped results were made on, so that a live run of the same seed gives
 * the same numbers; where wasm cannot start it falls back to cpu. The logic is in study-host.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { StudyHost } from './study-host';
import type { StudyFromWorker, StudyToWorker } from './study-protocol';
import { loadDigitsFrom, setUpWorkerTfjs } from './worker-setup';

setUpWorkerTfjs();

const scope = self as unknown as {
  postMessage(m: StudyFromWorker): void;
  onmessage: ((e: MessageEvent<StudyToWorker>) => void) | null;
  location: { origin: string };
};

const host = new StudyHost({
  post: (m) => scope.postMessage(m),
  prepare: async () => {
    for (const name of ['wasm', 'cpu']) {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    }
    throw new Error('no tfjs backend could start');
  },
  loadDigits: () => loadDigitsFrom(scope.location.origin),
});

scope.onmessage = (e) => void host.handle(e.data);
