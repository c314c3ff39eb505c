/**
 * A contiguous range of a tensor's values, copied on tfjs's wasm backend by one memcpy.
 *
 * Why a kernel of our own: tfjs-wasm 4.22's Slice first reads its whole input out of the wasm
 * heap (readSync copies it) and then copies the range, so cutting θ into k parts with tf.split or
 * tf.unstack copies θ k times; and its Gather, the other way to pick rows, moves one value at a
 * time (measured: 1.0 ms to gather the 20 kernels of a 10-block net, 0.08 ms to slice them out
 * even with the extra copy). Cutting θ into every parameter this way costs one copy of θ in all.
 *
 * Not differentiable: used only where tfjs will not take a gradient (the hand-written training
 * pass and the gradient norms).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const KERNEL = 'ResidualCopyRange';

tf.registerKernel({
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const x = inputs['x']!;
    const { begin, shape } = attrs as unknown as { begin: number; shape: number[] };
    const size = shape.reduce((a, b) => a * b, 1);
    // Output first: allocating may grow the heap, which detaches views taken before it.
    const out = wasm.makeOutput(shape, x.dtype);
    wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(x).subarray(begin, begin + size));
    return out;
  },
});

/**
 * The values of `x` (any shape, read flat) from `begin` on, as a new tensor of `shape` (by
 * default [size]): a shape of its own saves the reshape, one more kernel call per parameter.
 * Only on the wasm backend; elsewhere tf.slice of a reshape costs no more than the copy.
 * @throws Error when the range does not lie inside `x` or the backend is not wasm.
 */
export function copyRange<R extends tf.Rank = tf.Rank.R1>(
  x: tf.Tensor,
  begin: number,
  size: number,
  shape: number[] = [size],
): tf.Tensor<R> {
  if (!Number.isInteger(begin) || !Number.isInteger(size) || begin < 0 || size < 0) {
    throw new Error(`copyRange: bad range ${begin} + ${size}`);
  }
  if (shape.reduce((a, b) => a * b, 1) !== size) {
    throw new Error(`copyRange: shape [${shape.join(', ')}] does not hold ${size} values`);
  }
  if (begin + size > x.size) {
    throw new Error(`copyRange: ${begin} + ${size} lies outside a tensor of ${x.size} values`);
  }
  if (tf.getBackend() !== 'wasm') throw new Error('copyRange runs on the wasm backend only');
  return tf.engine().runKernel(KERNEL, { x }, { begin, shape }) as tf.Tensor<R>;
}
