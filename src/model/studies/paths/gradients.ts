/**
 * Gradient by path length (Veit et al. 2016, Fig. 6). Unrolled, a residual net of n blocks is a
 * sum over 2ⁿ paths; in the backward pass each block either passes the gradient on through the
 * shortcut (identity) or through its branch (the branch's Jacobian J_l):
 *
 *   ∂L/∂x_0 = ∂L/∂x_n · Π_l (I + J_l) = Σ_{S ⊆ blocks} ∂L/∂x_n · Π_{l ∈ S} J_l  (in block order),
 *
 * one term per path, the path through the blocks of S. Grouped by k = |S|, the terms of each
 * length add up to one vector G_k, and Σ_k G_k = ∂L/∂x_0. `lengthGradients` computes every G_k
 * exactly, by dynamic programming over the blocks, in n(n+1)/2 branch backward passes.
 *
 * What a single path carries (Veit et al.'s measure: the norm of one path's term) cannot be had
 * for all C(n, k) paths of a length; `pathGradients` samples paths of each length for it. The
 * paths of one length point in many directions, so ‖G_k‖ is far below the sum of their norms.
 *
 * ∂L/∂x_n includes the final act(BN(x_n)) before the head: every path ends there, so it is the
 * common start of every term, not a factor of any path. The branch scale s is part of F_l, so
 * each J_l carries it (branch-jacobian.ts). The expansion is exact for pre-activation residual
 * nets, whose blocks add to an untouched shortcut; the Jacobians include batch norm's coupling
 * of the rows of the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { branchJacobians, type BranchJacobians } from './branch-jacobian';
import type { Network } from '../../engine/network';
import { choose, type PathGradients, type PathLengthRow } from './spec';
import { permutation, streamRng } from '../../engine/rng';
import { crossEntropy } from '../../engine/train';

export { choose };
export type { PathGradients, PathLengthRow };

/** The gradient of one path, as the norm of its term and (for tests) the term itself. */
export interface PathTerm {
  /** ‖∂L/∂x_0 along the path‖ over the batch. */
  norm: number;
  /** The term [batch, width]; released by the caller. */
  grad: tf.Tensor2D;
}

/** Paths add up to the gradient only where every block adds its branch to an untouched shortcut. */
function checkPreActivation(network: Network): void {
  if (network.config.skip !== 'identity' || network.config.order !== 'pre')
    throw new Error('paths are defined here for pre-activation residual nets only');
}

/** The forward pass of one batch, ∂L/∂x_n and every branch's backward pass: what every term starts from. */
interface PathStart {
  xs: tf.Tensor2D[];
  top: tf.Tensor2D;
  branches: BranchJacobians;
  dispose(): void;
}

function pathStart(network: Network, x: tf.Tensor2D, oneHot: tf.Tensor2D): PathStart {
  checkPreActivation(network);
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

/** Progress and cancellation of a measurement. */
interface Steps {
  /** Called after each step (a block of the exact pass, a sampled length) with done of total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps: once true, the measurement returns null. */
  cancelled?: () => boolean;
}

/**
 * G_0 … G_n from a computed start, by dynamic programming over the blocks. With G⁽ˡ⁾_k the sum,
 * over the paths from x_n down to x_l that take exactly k branches, of their product applied to
 * ∂L/∂x_n,
 *
 *   G⁽ⁿ⁾_0 = ∂L/∂x_n,   G⁽ˡ⁾_k = G⁽ˡ⁺¹⁾_k + J_lᵀ G⁽ˡ⁺¹⁾_{k−1}   (block l's shortcut, or its branch),
 *
 * so level l takes n − l branch backward passes and the whole table n(n+1)/2, where the paths
 * number 2ⁿ. G_k = G⁽⁰⁾_k. `step` reports each block done.
 */
async function lengthsFrom(
  start: PathStart,
  steps: Steps & { step?: () => void } = {},
): Promise<tf.Tensor2D[] | null> {
  const n = start.xs.length - 1;
  // g[k] = G⁽ˡ⁾_k at the current level l; level n has only the path of length 0.
  let g: tf.Tensor2D[] = [tf.clone(start.top)];
  try {
    for (let l = n - 1; l >= 0; l--) {
      if (steps.cancelled?.()) return null;
      // Length 0 stays as it is (every shortcut); length k + 1 gains the paths that take block
      // l's branch after k branches above it.
      const longer = tf.tidy(() =>
        g.map((above, k) => {
          const through = start.branches.vjp(l, above);
          const around = g[k + 1];
          return around ? tf.add(around, through) : through;
        }),
      ) as tf.Tensor2D[];
      tf.dispose(g.slice(1));
      g = [g[0]!, ...longer];
      steps.step?.();
      // Let the page (or the worker's message loop) breathe between blocks.
      await Promise.resolve();
    }
    const out = g;
    g = [];
    return out;
  } finally {
    tf.dispose(g);
  }
}

/**
 * The exact gradient that all paths of each length deliver together to x_0, G_0 … G_n, each
 * [batch, width] (the caller releases them); null if cancelled. Σ_k G_k = ∂L/∂x_0 exactly:
 * multiplying out Π_l (I + J_l) and grouping the terms by length is the chain rule through
 * x_{l+1} = x_l + s·F_l(x_l).
 */
export async function lengthGradients(
  network: Network,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  steps: Steps = {},
): Promise<tf.Tensor2D[] | null> {
  const start = pathStart(network, x, oneHot);
  const n = network.config.blocks;
  let done = 0;
  try {
    return await lengthsFrom(start, { ...steps, step: () => steps.onProgress?.(++done, n) });
  } finally {
    start.dispose();
  }
}

/** ∂L/∂x_0 by tfjs's autodiff through the whole forward pass (a zero probe added to every x_l). */
export function autodiffInputGradient(
  network: Network,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
): tf.Tensor2D {
  const { blocks, width } = network.config;
  const rows = x.shape[0];
  return tf.tidy(() => {
    const probe = tf.zeros([blocks + 1, rows, width]);
    const g = tf.grad((p: tf.Tensor) => crossEntropy(network.forward(x, p).logits, oneHot))(probe);
    return tf.reshape(tf.slice(g, [0, 0, 0], [1, rows, width]), [rows, width]);
  });
}

/** Options of `pathGradients`. */
export interface PathGradientOptions extends Steps {
  /** Paths sampled per length for the per-path measure (default 16, at least 1). */
  samples?: number;
  /** Seed of the sampled sets. */
  seed?: number;
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

/** Number of steps `pathGradients` reports for a net of n blocks: its blocks, then its lengths. */
export function pathGradientSteps(n: number): number {
  return 2 * n + 1;
}

/**
 * Gradient by path length to the first block's input, for one batch: for each length the exact
 * G_k (its norm, and its part along ∂L/∂x_0) and the mean norm of sampled single paths; the
 * gradient itself by autodiff, and how far Σ_k G_k is from it. Null if cancelled. Every tensor
 * it makes is released.
 */
export async function pathGradients(
  network: Network,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  opts: PathGradientOptions = {},
): Promise<PathGradients | null> {
  const n = network.config.blocks;
  const samples = opts.samples ?? 16;
  const seed = opts.seed ?? 1;
  if (!(Number.isInteger(samples) && samples >= 1))
    throw new Error(`samples is ${samples}, allowed: an integer of at least 1`);
  const total = pathGradientSteps(n);
  let done = 0;
  const step = () => opts.onProgress?.(++done, total);
  const start = pathStart(network, x, oneHot);
  const truth = autodiffInputGradient(network, x, oneHot);
  let lengths: tf.Tensor2D[] | null = null;
  try {
    lengths = await lengthsFrom(start, { cancelled: opts.cancelled, step });
    if (!lengths) return null;
    const G = lengths;
    // One readback: ‖G_k‖², ⟨G_k, ∂L/∂x_0⟩, then ‖∂L/∂x_0‖² and ‖Σ_k G_k − ∂L/∂x_0‖².
    const sums = tf.tidy(() => {
      const stacked = tf.stack(G);
      const norms = tf.sum(tf.square(stacked), [1, 2]);
      const dots = tf.sum(tf.mul(stacked, truth), [1, 2]);
      const miss = tf.sum(tf.square(tf.sub(tf.sum(stacked, 0), truth)));
      return tf.concat([norms, dots, tf.stack([tf.sum(tf.square(truth)), miss])]);
    });
    const v = await sums.data();
    sums.dispose();
    const truthSq = v[2 * (n + 1)]!;
    const rows: PathLengthRow[] = [];
    for (let k = 0; k <= n; k++) {
      const { perPath, sampled } = await sampledPaths(start, n, k, samples, seed, opts);
      if (opts.cancelled?.()) return null;
      step();
      rows.push({
        k,
        norm: Math.sqrt(v[k]!),
        along: v[n + 1 + k]! / truthSq,
        perPath,
        sampled,
      });
    }
    return {
      rows,
      gradientNorm: Math.sqrt(truthSq),
      sumError: Math.sqrt(v[2 * (n + 1) + 1]!) / Math.sqrt(truthSq),
    };
  } finally {
    tf.dispose([...(lengths ?? []), truth]);
    start.dispose();
  }
}

/**
 * Mean norm of one path's term over sampled paths of length k (every path where there are at
 * most `samples`).
 */
async function sampledPaths(
  start: PathStart,
  n: number,
  k: number,
  samples: number,
  seed: number,
  steps: Steps,
): Promise<{ perPath: number; sampled: number }> {
  const paths =
    choose(n, k) <= samples
      ? allPaths(n, k)
      : Array.from({ length: samples }, (_, d) => pathDraw(n, k, d, seed));
  let sum = 0;
  for (const path of paths) {
    if (steps.cancelled?.()) break;
    const term = termFrom(start, path);
    sum += term.norm;
    term.grad.dispose();
    // Let the page (or the worker's message loop) breathe between paths.
    await Promise.resolve();
  }
  return { perPath: sum / paths.length, sampled: paths.length };
}
