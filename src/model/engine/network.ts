/**
 * The network for every block variant of the engine contract (docs/design.md):
 * skip (identity | none) × order (post | pre) × norm (batch | none) × activation × init.
 *
 * post (He et al. 2015):  x_{l+1} = act(x_l + BN(W_2·act(BN(W_1·x_l))))
 * pre  (He et al. 2016):  x_{l+1} = x_l + W_2·act(BN(W_1·act(BN(x_l))))
 * Plain nets drop the "x_l +" (config.skip may also cut single blocks' shortcuts).
 * Pre-activation nets end with act(BN(x_n)) before the head.
 * The residual branch is multiplied by `branchScale` before the addition.
 */
import * as tf from '@tensorflow/tfjs';
import { activationSpec } from './activations';
import { batchNorm, batchNormInference } from './batchnorm';
import { skipAt, type ExperimentConfig } from './config';
import type { PackedParams } from './packed-params';
import { ParamStore, type BatchNormParams, type DenseParams, type Param } from './params';

/** The parameters of one block (batch-norm ones only when the config has batch norm). */
export interface BlockParams {
  dense1: DenseParams;
  dense2: DenseParams;
  bn1?: BatchNormParams;
  bn2?: BatchNormParams;
}

/** Which parameters each layer uses, for passes written outside `forward` (backprop.ts). */
export interface NetworkPlan {
  stem: DenseParams;
  /** Post-activation nets with batch norm normalise the stem's output. */
  stemBn?: BatchNormParams;
  blocks: BlockParams[];
  /** Pre-activation nets with batch norm normalise x_n before the head. */
  finalBn?: BatchNormParams;
  head: DenseParams;
}

/** Name and shape of a weight matrix, in the order of `gradNorms`. */
export interface LayerInfo {
  name: string;
  shape: number[];
}

/** The result of a forward pass. */
export interface ForwardResult {
  /** [batch, numClasses] */
  logits: tf.Tensor2D;
  /** x_0 … x_n, each [batch, width]: the stem's output and every block's output. */
  xs: tf.Tensor2D[];
}

/**
 * Population statistics of every batch-norm layer, keyed by the layer's γ name (e.g.
 * `block3/bn1/gamma`): mean and biased variance [width] of that layer's input over a whole
 * data set. Tensors of the tf.tidy scope that computed them (see `Network.normStats`).
 */
export type NormStats = ReadonlyMap<string, { mean: tf.Tensor1D; variance: tf.Tensor1D }>;

/** Options of `Network.infer`. */
export interface InferOptions {
  /**
   * `keep[i] === false` deletes block i + 1 at test time, x_{i+1} = x_i (a lesion, Veit et al.
   * 2016); missing entries keep their block.
   */
  keep?: readonly boolean[];
  /** Parameters laid out like θ to use instead of θ (e.g. a point on a loss-landscape slice). */
  theta?: tf.Tensor;
}

/** A built network: its parameters and its forward pass. */
export interface Network {
  readonly config: ExperimentConfig;
  readonly inputDim: number;
  readonly numClasses: number;
  /** Every parameter packed into one variable θ. */
  readonly packed: PackedParams;
  /** The parameters of every layer. */
  readonly plan: NetworkPlan;
  /** The weight matrices whose gradient norms are reported: stem, block 1 dense 1, …, head. */
  readonly kernels: readonly Param[];
  /** `kernels` as names and shapes. */
  readonly layers: readonly LayerInfo[];
  /**
   * Runs the network on `x` [batch, inputDim] with parameters `theta` (θ or a tensor laid out
   * like it; defaults to the variable). When `probe` [n+1, batch, width] is given (normally
   * zero), slice l is added to x_l, so the gradient of the loss with respect to the probe holds
   * ∂L/∂x_l for every l (the tests differentiate this with tfjs and with finite differences;
   * training uses the hand-written pass in backprop.ts). Pass `differentiable` when tfjs will
   * differentiate the result (implied by `probe` or `theta`): see PackedParams.unpack.
   */
  forward(
    x: tf.Tensor2D,
    probe?: tf.Tensor,
    theta?: tf.Tensor,
    differentiable?: boolean,
  ): ForwardResult;
  /**
   * The network as a trained net is used: batch norm normalises with `stats` (population
   * statistics from `normStats`), not with the statistics of the rows it is given, so the output
   * for one row does not depend on the others. x [rows, inputDim] → logits [rows, numClasses].
   * Without batch norm this is `forward(x).logits`.
   */
  infer(x: tf.Tensor2D, stats: NormStats, opts?: InferOptions): tf.Tensor2D;
  /**
   * Population statistics of every batch-norm layer for the data `x` [rows, inputDim] at the
   * current weights (or at `theta`): one forward pass in training mode over all of `x` (each
   * layer's statistics are those its input has when every earlier layer also normalises over all
   * of `x`). Call inside tf.tidy: the tensors belong to that scope. Empty without batch norm.
   */
  normStats(x: tf.Tensor2D, theta?: tf.Tensor): NormStats;
  /**
   * What block `index` (0-based) adds to its input in training mode: the residual branch
   * branchScale·F(x) [batch, width] of a residual block (for a post-activation block, before the
   * activation that follows the addition), the whole block's output for a plain one. For
   * analyses that differentiate one block at a time (gradient by path length).
   */
  branch(index: number, x: tf.Tensor2D): tf.Tensor2D;
  /** Logits from x_n [batch, width] in training mode: a pre-activation net's final BN and act, then the head. */
  top(xn: tf.Tensor2D): tf.Tensor2D;
  /** Releases θ. */
  dispose(): void;
}

/**
 * Builds the network for `config` on data with `inputDim` features and `numClasses` classes.
 * Initial weights depend only on the seed and each parameter's name and shape.
 */
export function buildNetwork(
  config: ExperimentConfig,
  inputDim: number,
  numClasses: number,
): Network {
  const { blocks, width, order, activation, branchScale } = config;
  const bn = config.norm === 'batch';
  const store = new ParamStore(config.seed, config.init, width);
  const spec = activationSpec(activation);
  const act = (x: tf.Tensor2D) => spec.forward(tf, x);
  /** Whether block `l` (0-based) adds its input back: one shortcut may be cut (config.skip). */
  const residualAt = (l: number) => skipAt(config, l) === 'identity';

  // A dense layer has a bias only where no batch norm directly follows it.
  const stem = store.dense('stem', inputDim, width, !(bn && order === 'post'));
  const stemBn = bn && order === 'post' ? store.batchNorm('stem/bn', width) : undefined;
  const blockParams: BlockParams[] = [];
  for (let b = 1; b <= blocks; b++) {
    const name = `block${b}`;
    blockParams.push(
      order === 'post'
        ? {
            dense1: store.dense(`${name}/dense1`, width, width, !bn),
            bn1: bn ? store.batchNorm(`${name}/bn1`, width) : undefined,
            dense2: store.dense(`${name}/dense2`, width, width, !bn),
            bn2: bn ? store.batchNorm(`${name}/bn2`, width) : undefined,
          }
        : {
            bn1: bn ? store.batchNorm(`${name}/bn1`, width) : undefined,
            dense1: store.dense(`${name}/dense1`, width, width, !bn),
            bn2: bn ? store.batchNorm(`${name}/bn2`, width) : undefined,
            dense2: store.dense(`${name}/dense2`, width, width, true),
          },
    );
  }
  const finalBn = bn && order === 'pre' ? store.batchNorm('final/bn', width) : undefined;
  const head = store.dense('head', width, numClasses, true);
  const packed = store.build();

  const kernels = [
    stem.kernel,
    ...blockParams.flatMap((p) => [p.dense1.kernel, p.dense2.kernel]),
    head.kernel,
  ];

  /**
   * How batch norm normalises in `run`: with the batch's statistics (training), with fixed
   * population statistics (inference), or with the batch's, recording them (`normStats`).
   */
  type NormMode =
    | { kind: 'batch' }
    | { kind: 'population'; stats: NormStats }
    | { kind: 'record'; into: Map<string, { mean: tf.Tensor1D; variance: tf.Tensor1D }> };

  function forward(
    input: tf.Tensor2D,
    probe?: tf.Tensor,
    theta?: tf.Tensor,
    differentiable = probe !== undefined || theta !== undefined,
  ): ForwardResult {
    return run(input, { kind: 'batch' }, probe, theta, differentiable);
  }

  /** The layers of the network with parameters `t` (unpacked θ), normalising by `mode`. */
  function layersOf(t: tf.Tensor[], mode: NormMode) {
    const dense = (x: tf.Tensor2D, p: DenseParams): tf.Tensor2D => {
      const y: tf.Tensor2D = tf.matMul(x, t[p.kernel.index] as tf.Tensor2D);
      return p.bias ? (tf.add(y, t[p.bias.index]!) as tf.Tensor2D) : y;
    };
    const norm = (x: tf.Tensor2D, p: BatchNormParams | undefined): tf.Tensor2D => {
      if (!p) return x;
      const gamma = t[p.gamma.index]!;
      const beta = t[p.beta.index]!;
      if (mode.kind === 'batch') return batchNorm(x, gamma, beta);
      if (mode.kind === 'record') {
        const { mean, variance } = tf.moments(x, 0);
        mode.into.set(p.gamma.name, {
          mean: mean as tf.Tensor1D,
          variance: variance as tf.Tensor1D,
        });
      }
      const s = (mode.kind === 'record' ? mode.into : mode.stats).get(p.gamma.name);
      if (!s) throw new Error(`no population statistics for ${p.gamma.name}`);
      return batchNormInference(x, gamma, beta, s.mean, s.variance);
    };
    const scaled = (f: tf.Tensor2D): tf.Tensor2D =>
      branchScale === 1 ? f : (tf.mul(f, branchScale) as tf.Tensor2D);
    /**
     * What block `l` adds to x (residual), or its whole output before any final act (plain).
     * The branch scale applies to residual blocks only.
     */
    const branch = (x: tf.Tensor2D, p: BlockParams, l: number): tf.Tensor2D => {
      let f: tf.Tensor2D;
      if (order === 'post') {
        const h = act(norm(dense(x, p.dense1), p.bn1));
        f = norm(dense(h, p.dense2), p.bn2);
      } else {
        const h = act(norm(dense(act(norm(x, p.bn1)), p.dense1), p.bn2));
        f = dense(h, p.dense2);
      }
      return residualAt(l) ? scaled(f) : f;
    };
    const block = (x: tf.Tensor2D, p: BlockParams, l: number): tf.Tensor2D => {
      const f = branch(x, p, l);
      const y = residualAt(l) ? (tf.add(x, f) as tf.Tensor2D) : f;
      return order === 'post' ? act(y) : y;
    };
    const stemOut = (input: tf.Tensor2D) =>
      order === 'post' ? act(norm(dense(input, stem), stemBn)) : dense(input, stem);
    const top = (x: tf.Tensor2D) => dense(order === 'pre' ? act(norm(x, finalBn)) : x, head);
    return { branch, block, stemOut, top };
  }

  function run(
    input: tf.Tensor2D,
    mode: NormMode,
    probe?: tf.Tensor,
    theta?: tf.Tensor,
    differentiable = false,
    keep?: readonly boolean[],
  ): ForwardResult {
    const t = packed.unpack(theta ?? packed.theta, differentiable);
    const { block, stemOut, top } = layersOf(t, mode);
    const probes = probe ? tf.unstack(probe) : undefined;
    const probed = (x: tf.Tensor2D, l: number): tf.Tensor2D => (probes ? tf.add(x, probes[l]!) : x);

    let x = probed(stemOut(input), 0);
    const xs = [x];
    blockParams.forEach((p, i) => {
      x = probed(keep?.[i] === false ? x : block(x, p, i), i + 1);
      xs.push(x);
    });
    return { logits: top(x), xs };
  }

  return {
    config,
    inputDim,
    numClasses,
    packed,
    plan: { stem, stemBn, blocks: blockParams, finalBn, head },
    kernels,
    layers: kernels.map((k) => ({ name: k.name, shape: k.shape })),
    forward,
    infer: (x, stats, opts = {}) =>
      run(x, { kind: 'population', stats }, undefined, opts.theta, false, opts.keep).logits,
    normStats: (x, theta) => {
      const into = new Map<string, { mean: tf.Tensor1D; variance: tf.Tensor1D }>();
      if (bn) run(x, { kind: 'record', into }, undefined, theta);
      return into;
    },
    branch: (index, x) => {
      const p = blockParams[index];
      if (!p) throw new Error(`no block ${index} in a net of ${blocks} blocks`);
      return layersOf(packed.unpack(packed.theta, false), { kind: 'batch' }).branch(x, p, index);
    },
    top: (xn) => layersOf(packed.unpack(packed.theta, false), { kind: 'batch' }).top(xn),
    dispose: () => packed.dispose(),
  };
}
