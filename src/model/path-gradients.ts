/**
 * Gradient by path length (Veit et al. 2016, Fig. 6). Unrolled, a residual net of n blocks is a
 * sum over 2ⁿ paths; in the backward pass each block either passes the gradient on through the
 * shortcut (identity) or through its branch (the branch's Jacobian J_l):
 *
 *   ∂L/∂x_0 = ∂L/∂x_n · Π_l (I + J_l) = Σ_{S ⊆ blocks} ∂L/∂x_n · Π_{l ∈ S} J_l  (in block order),
 *
 * one term per path, the path through the blocks of S. The gradient a path of length k carries
 * to the first block's input is that term for one S with |S| = k. We sample such sets, average the
 * norms of their terms, and multiply by C(n, k), the number of paths of that length, to see which
 * lengths carry the gradient in total.
 *
 * The expansion is exact for pre-activation residual nets, whose blocks add to an untouched
 * shortcut; the Jacobians include batch norm's coupling of the rows of the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { branchJacobians, type BranchJacobians } from './branch-jacobian';
import type { Network } from './network';
import { choose } from './paths-spec';
import { permutation, streamRng } from './rng';
import { crossEntropy } from './train';

export { choose };

/** The gradient of one path, as the norm of its term and (for tests) the term itself. */
export interface PathTerm {
  /** ‖∂L/∂x_0 along the path‖ over the batch. */
  norm: number;
  /** The term [batch, width]; released by the caller. */
  grad: tf.Tensor2D;
}

/** The forward pass of one batch, ∂L/∂x_n and every branch's backward pass: what every term starts from. */
interface PathStart {
  xs: tf.Tensor2D[];
  top: tf.Tensor2D;
  branches: BranchJacobians;
  dispose(): void;
}

function pathStart(network: Network, x: tf.Tensor2D, oneHot: tf.Tensor2D): PathStart {
  const { xs, top } = tf.tidy(() => {
    const { xs } = network.forward(x);
    const loss = (xn: tf.Tensor) => crossEntropy(network.top(xn as tf.Tensor2D), oneHot);
    return { xs, top: tf.grad(loss)(xs.at(-1)!) as tf.Tensor2D };
  });
  const branches = branchJacobians(network, xs);
  return {
    xs,
    top,
    branches,
    dispose: () => {
      branches.dispose();
      tf.dispose([...xs, top]);
    },
  };
}

/** The term of one path from a computed start: the branches' Jacobians of `through`, top down. */
function termFrom(start: PathStart, through: readonly number[]): PathTerm {
  const grad = tf.tidy(() => {
    const on = new Set(through);
    let g = start.top;
    for (let l = start.xs.length - 2; l >= 0; l--) if (on.has(l)) g = start.branches.vjp(l, g);
    // A copy, so that the caller may release it apart from the start.
    return tf.clone(g);
  });
  const norm = tf.tidy(() => tf.norm(grad).dataSync()[0]!);
  return { norm, grad };
}

/**
 * The term of the path through the blocks `through` (0-based, any order) for the batch `x`
 * [batch, inputDim] with one-hot labels `oneHot` [batch, classes], at the current weights with
 * batch statistics (training mode).
 */
export function pathTerm(
  network: Network,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  through: readonly number[],
): PathTerm {
  const start = pathStart(network, x, oneHot);
  try {
    return termFrom(start, through);
  } finally {
    start.dispose();
  }
}

/** What `pathGradients` measures for each path length k = 0 … n. */
export interface PathLengthRow {
  k: number;
  /** Mean norm of one path's term over the sampled paths of length k. */
  perPath: number;
  /** perPath × C(n, k): the gradient all paths of length k carry, by this estimate. */
  total: number;
  /** Paths sampled (all of them when C(n, k) is at most `samples`). */
  sampled: number;
}

/** Options of `pathGradients`. */
export interface PathGradientOptions {
  /** Paths sampled per length (default 8). */
  samples?: number;
  /** Seed of the sampled sets. */
  seed?: number;
  /** Lengths to measure (default every k = 0 … n). */
  lengths?: readonly number[];
  /** Called after each length with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between paths: once true, returns null. */
  cancelled?: () => boolean;
}

/** Every set of k of the blocks 0 … n-1, in lexicographic order (for small C(n, k)). */
export function allPaths(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i <= n - (k - chosen.length); i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}

/** The blocks of the `draw`-th sampled path of length k among n blocks. */
export function pathDraw(n: number, k: number, draw: number, seed: number): number[] {
  return Array.from(permutation(streamRng(seed, `paths/${n}/${k}/${draw}`), n).subarray(0, k));
}

/**
 * The gradient carried by paths of each length to the first block's input, for one batch.
 * Returns null if cancelled. Every tensor it makes is released.
 */
export async function pathGradients(
  network: Network,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  opts: PathGradientOptions = {},
): Promise<PathLengthRow[] | null> {
  if (network.config.skip !== 'identity' || network.config.order !== 'pre')
    throw new Error('paths are defined here for pre-activation residual nets only');
  const n = network.config.blocks;
  const samples = opts.samples ?? 8;
  const seed = opts.seed ?? 1;
  const lengths = opts.lengths ?? Array.from({ length: n + 1 }, (_, k) => k);
  const rows: PathLengthRow[] = [];
  const start = pathStart(network, x, oneHot);
  try {
    for (const [i, k] of lengths.entries()) {
      const count = choose(n, k);
      // Few enough paths: take every one; else a sample.
      const paths =
        count <= samples
          ? allPaths(n, k)
          : Array.from({ length: samples }, (_, d) => pathDraw(n, k, d, seed));
      const sampled = paths.length;
      let sum = 0;
      for (const path of paths) {
        if (opts.cancelled?.()) return null;
        const term = termFrom(start, path);
        sum += term.norm;
        term.grad.dispose();
        // Let the page (or the worker's message loop) breathe between paths.
        await Promise.resolve();
      }
      const perPath = sum / sampled;
      rows.push({ k, perPath, total: perPath * count, sampled });
      opts.onProgress?.(i + 1, lengths.length);
    }
  } finally {
    start.dispose();
  }
  return rows;
}
