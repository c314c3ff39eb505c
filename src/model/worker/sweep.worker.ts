/**
 * The module Web Worker of a live sweep (the degradation figure's "Run it yourself"). It trains on
 * wasm, the backend the shipped results were made on, so that a live run of the same seed gives
 * the same numbers; where wasm cannot start it falls back to cpu. The logic is in sweep-host.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { SweepHost } from './sweep-host';
import type { SweepFromWorker, SweepToWorker } from './sweep-protocol';

tf.enableProdMode();
// No threads: the threaded build needs cross-origin isolation (docs/browser-and-tfjs.md).
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const scope = self as unknown as {
  postMessage(m: SweepFromWorker): void;
  onmessage: ((e: MessageEvent<SweepToWorker>) => void) | null;
  location: { origin: string };
};

const host = new SweepHost({
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
  loadDigits: async () => {
    const res = await fetch(
      new URL('data/digits.bin', scope.location.origin + import.meta.env.BASE_URL),
    );
    if (!res.ok) throw new Error(`could not load digits.bin (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  },
});

scope.onmessage = (e) => void host.handle(e.data);
