/**
 * Backend set-up for Node tooling (the experiment CLI, tests, benchmarks). The browser has its
 * own selection in the worker; Node can use the pure-JS `cpu` backend or the `wasm` one.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** wasm: the faster of the two for the engine's dense nets (figures in BENCHMARKS.md). */
export const DEFAULT_NODE_BACKEND: NodeBackend = 'wasm';

/**
 * Activates `name` and returns it once ready.
 * @throws Error when the backend cannot start.
 */
export async function useNodeBackend(name: NodeBackend): Promise<NodeBackend> {
  // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
  tf.enableProdMode();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`the ${name} backend could not start`);
  await tf.ready();
  return name;
}
