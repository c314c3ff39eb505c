/**
 * The training pass with a hand-written backward pass. Why: in these small nets the cost of a
 * step is the number of tfjs kernels and the engine's bookkeeping per kernel, not arithmetic.
 * tfjs's autodiff records every op on a tape, clones each tensor a gradient needs (one
 * `Identity` kernel per saved tensor) and adds reshapes and casts in the gradients; here every
 * layer's backward is written out once, runs without a tape, and ∂L/∂x_l falls out of it for
 * free. `network.forward` (plain tfjs ops, differentiable by tfjs) stays the reference: the
 * tests check this pass against tfjs's gradients of it for every block variant, and those against
 * finite differences.
 *
 * Shapes: x [batch, inputDim], every x_l [batch, width], logits [batch, classes].
 */
import * as tf from '@tensorflow/tfjs';
import { activationSpec } from './activations';
import { BN_EPSILON } from './constants';
import { skipAt } from './config';
import type { BatchNormParams, DenseParams } from './params';
import type { Network } from './network';

/** What one pass computed; every tensor belongs to the caller's tidy scope. */
export interface TrainingPass {
  /** Mean softmax cross-entropy. */
  loss: tf.Scalar;
  /** [batch, classes] */
  logits: tf.Tensor2D;
  /** x_0 … x_n, each [batch, width]. */
  xs: tf.Tensor2D[];
  /** ∂L/∂x_0 … ∂L/∂x_n, each [batch, width]. */
  signalGrads: tf.Tensor2D[];
  /** ∂L/∂θ, laid out like θ. */
  grad: tf.Tensor1D;
}

/** Takes ∂L/∂(output) and returns ∂L/∂(input), storing parameter gradients on the way. */
type Back = (dy: tf.Tensor2D) => tf.Tensor2D;
type Layer = [tf.Tensor2D, Back];

const identityBack: Back = (dy) => dy;

/**
 * Forward and backward through `net` on one batch, at the current θ.
 * @param x [batch, inputDim]
 * @param oneHot [batch, classes]
 */
export function trainingPass(net: Network, x: tf.Tensor2D, oneHot: tf.Tensor2D): TrainingPass {
  const { config, plan, packed } = net;
  const { params: t, transposed } = packed.trainingViews(packed.theta);
  // Explicit transposes pay off where PackedParams made Wᵀ (wasm, see trainingViews); on webgl
  // they made the step slower (bench), and matMul's transpose flags are used instead.
  const explicitTransposes = transposed.size > 0;
  const grads: tf.Tensor[] = new Array(packed.params.length);
  const batch = x.shape[0];
  const scale = config.branchScale;

  const dense = (input: tf.Tensor2D, p: DenseParams, needInputGrad = true): Layer => {
    const w = t[p.kernel.index] as tf.Tensor2D;
    const product: tf.Tensor2D = tf.matMul(input, w);
    const y = p.bias ? tf.add<tf.Tensor2D>(product, t[p.bias.index]!) : product;
    return [
      y,
      (dy) => {
        // Products with explicit transposes where they pay off: see PackedParams.trainingViews.
        grads[p.kernel.index] = explicitTransposes
          ? tf.matMul(tf.transpose(input), dy)
          : tf.matMul(input, dy, true, false);
        if (p.bias) grads[p.bias.index] = tf.sum(dy, 0);
        // The stem's input is the data: its gradient is never used.
        if (!needInputGrad) return dy;
        const wT = transposed.get(p.kernel.index);
        return wT ? tf.matMul(dy, wT) : tf.matMul(dy, w, false, true);
      },
    ];
  };

  // Batch norm with the batch's statistics. Backward (see batchnorm.ts for the derivation):
  // dx = γ/√(σ²+ε) · (dy − mean_b(dy) − x̂·mean_b(dy·x̂)), with mean_b(dy) = ∂β/B and
  // mean_b(dy·x̂) = ∂γ/B, so the parameter gradients are reused.
  const norm = (input: tf.Tensor2D, p: BatchNormParams | undefined): Layer => {
    if (!p) return [input, identityBack];
    const gamma = t[p.gamma.index]!;
    const mean = tf.mean(input, 0);
    const centred = tf.sub(input, mean);
    const variance = tf.mean(tf.square(centred), 0);
    const y = tf.batchNorm(
      input,
      mean,
      variance,
      t[p.beta.index],
      gamma,
      BN_EPSILON,
    ) as tf.Tensor2D;
    return [
      y,
      (dy) => {
        const inv = tf.rsqrt(tf.add(variance, BN_EPSILON));
        const xhat = tf.mul(centred, inv);
        const dBeta = tf.sum(dy, 0);
        const dGamma = tf.sum(tf.mul(dy, xhat), 0);
        grads[p.beta.index] = dBeta;
        grads[p.gamma.index] = dGamma;
        const centredDy = tf.sub(dy, tf.mul(dBeta, 1 / batch));
        const dx = tf.sub(centredDy, tf.mul(xhat, tf.mul(dGamma, 1 / batch)));
        return tf.mul(dx, tf.mul(gamma, inv)) as tf.Tensor2D;
      },
    ];
  };

  // act′ is taken at the pre-activation, which the backward pass keeps (see ActivationSpec).
  const spec = activationSpec(config.activation);
  const activate = (input: tf.Tensor2D): Layer => {
    const y = spec.forward(tf, input);
    return [y, (dy) => tf.mul(dy, spec.slope(tf, input, y))];
  };

  /** Runs `layers` in order; the returned Back runs their backward passes in reverse. */
  const chain = (input: tf.Tensor2D, layers: ((x: tf.Tensor2D) => Layer)[]): Layer => {
    const backs: Back[] = [];
    let y = input;
    for (const layer of layers) {
      const [out, back] = layer(y);
      y = out;
      backs.push(back);
    }
    return [y, (dy) => backs.reduceRight((d, back) => back(d), dy)];
  };

  const scaled = (f: tf.Tensor2D): tf.Tensor2D => (scale === 1 ? f : tf.mul<tf.Tensor2D>(f, scale));
  const block = (input: tf.Tensor2D, p: (typeof plan.blocks)[number], l: number): Layer => {
    // Block l (0-based) keeps its shortcut unless config.skip cuts it.
    const residual = skipAt(config, l) === 'identity';
    const [f, backF] =
      config.order === 'pre'
        ? chain(input, [
            (v) => norm(v, p.bn1),
            activate,
            (v) => dense(v, p.dense1),
            (v) => norm(v, p.bn2),
            activate,
            (v) => dense(v, p.dense2),
          ])
        : chain(input, [
            (v) => dense(v, p.dense1),
            (v) => norm(v, p.bn1),
            activate,
            (v) => dense(v, p.dense2),
            (v) => norm(v, p.bn2),
          ]);
    // ∂L/∂x_l sums the gradient through the skip and the one through the branch.
    const split: Back = (dz) => (residual ? tf.add<tf.Tensor2D>(dz, backF(scaled(dz))) : backF(dz));
    const z = residual ? tf.add<tf.Tensor2D>(input, scaled(f)) : f;
    if (config.order === 'pre') return [z, split];
    const [y, backAct] = activate(z);
    return [y, (dy) => split(backAct(dy))];
  };

  const [x0, backStem] =
    config.order === 'post'
      ? chain(x, [(v) => dense(v, plan.stem, false), (v) => norm(v, plan.stemBn), activate])
      : dense(x, plan.stem, false);
  const xs = [x0];
  const backs: Back[] = [];
  for (const [l, p] of plan.blocks.entries()) {
    const [y, back] = block(xs[xs.length - 1]!, p, l);
    xs.push(y);
    backs.push(back);
  }
  const [top, backTop] =
    config.order === 'pre'
      ? chain(xs[xs.length - 1]!, [(v) => norm(v, plan.finalBn), activate])
      : [xs[xs.length - 1]!, identityBack];
  const [logits, backHead] = dense(top, plan.head);

  // Softmax cross-entropy and its gradient (softmax − one-hot) / batch.
  const logProbs = tf.logSoftmax(logits);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbs), 1))) as tf.Scalar;
  const dLogits = tf.mul(tf.sub(tf.exp(logProbs), oneHot), 1 / batch) as tf.Tensor2D;

  const signalGrads = new Array<tf.Tensor2D>(xs.length);
  let d = backTop(backHead(dLogits));
  signalGrads[xs.length - 1] = d;
  for (let l = backs.length - 1; l >= 0; l--) {
    d = backs[l]!(d);
    signalGrads[l] = d;
  }
  backStem(d);
  return { loss, logits, xs, signalGrads, grad: packed.pack(grads) };
}
