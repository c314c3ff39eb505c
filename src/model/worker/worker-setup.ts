/**
 * What every tfjs worker of the page does first: production mode (no debug checks), the wasm
 * binaries from the app's own bundle, and a loader for digits.bin from the page's origin.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Call once, at the top of a worker module. */
export function setUpWorkerTfjs(): void {
  tf.enableProdMode();
  // No threads: the threaded build needs cross-origin isolation (docs/browser-and-tfjs.md).
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
}

/** Fetches digits.bin from the app's own origin (`origin`: the worker's location.origin). */
export async function loadDigitsFrom(origin: string): Promise<Uint8Array> {
  const res = await fetch(new URL('data/digits.bin', origin + import.meta.env.BASE_URL));
  if (!res.ok) throw new Error(`could not load digits.bin (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}
