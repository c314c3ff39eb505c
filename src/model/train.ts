/**
 * One training step: forward, backward, optimizer update and the per-layer measurements, all in
 * one tf.tidy, read back with a single `await data()` of one packed vector.
 *
 * Packed layout (float32): [loss, accuracy, gradNorms (2n+2), signalGradNorms (n+1),
 * activationNorms (n+1)].
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from './config';
import type { Network, Tap } from './network';
import { rowNorms } from './params';

/** What one step measured, at the parameters before that step's update. */
export interface StepMetrics {
  /** Mean softmax cross-entropy over the batch. */
  loss: number;
  /** Share of the batch classified correctly, 0–1. */
  accuracy: number;
  /** ‖∂L/∂W‖₂ (Frobenius) of every weight matrix, input side first: stem, blocks, head. */
  gradNorms: Float32Array;
  /** ‖∂L/∂x_l‖₂ over the batch for x_0 … x_n. */
  signalGradNorms: Float32Array;
  /** RMS of every x_l, x_0 … x_n. */
  activationNorms: Float32Array;
  /** False when the loss or any norm was NaN or infinite. */
  finite: boolean;
}

/** Creates the optimizer a config names. Adam gets an explicit ε: its default differs by backend. */
export function makeOptimizer(config: ExperimentConfig): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'momentum':
      return tf.train.momentum(config.learningRate, 0.9);
    case 'adam':
      return tf.train.adam(config.learningRate, 0.9, 0.999, 1e-7);
  }
}

/** Mean softmax cross-entropy. logits [batch, classes], oneHot [batch, classes] → scalar. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/** Share of rows whose largest logit is the labelled class. labels [batch] int32 → scalar. */
export function accuracyOf(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** A batch on the device. */
export interface Batch {
  /** [batch, inputDim] */
  x: tf.Tensor2D;
  /** [batch, classes] */
  oneHot: tf.Tensor2D;
  /** [batch], int32 */
  labels: tf.Tensor1D;
}

/**
 * Trains one network with one optimizer. ∂L/∂x_l comes from a gradient tap on every x_l (tfjs
 * differentiates only with respect to variables or function inputs, not intermediate tensors).
 */
export class Trainer {
  readonly optimizer: tf.Optimizer;
  private readonly kernelIndices: number[];

  constructor(readonly network: Network) {
    this.optimizer = makeOptimizer(network.config);
    this.kernelIndices = network.kernels.map((k) => k.index);
  }

  /** One update with every measurement. Metrics describe the parameters before the update. */
  async step(batch: Batch): Promise<StepMetrics> {
    const net = this.network;
    const theta = net.packed.theta;
    const nK = this.kernelIndices.length;
    const nX = net.config.blocks + 1;
    const packed = tf.tidy(() => {
      // Tensors made inside the function given to variableGrads are released when it returns,
      // so what the measurements need (logits, the stacked x_l, the gradient at every x_l) is
      // kept explicitly, measured outside the tape, and released below.
      const signalGrads: tf.Tensor[] = [];
      const kept: tf.Tensor[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const { logits, xs } = net.forward(batch.x, gradientTap(signalGrads));
        kept.push(tf.keep(logits), tf.keep(tf.stack(xs)));
        return crossEntropy(logits, batch.oneHot);
      }, [theta]);
      for (let l = 0; l < nX; l++) {
        if (!signalGrads[l]) throw new Error(`no gradient reached x_${l}`);
      }
      const gTheta = grads[theta.name]!;
      const packedT = tf.concat([
        tf.reshape(value, [1]),
        tf.reshape(accuracyOf(kept[0] as tf.Tensor2D, batch.labels), [1]),
        net.packed.norms(gTheta, this.kernelIndices),
        rowNorms(tf.reshape(tf.stack(signalGrads), [nX, -1])),
        rmsPerSlice(kept[1]!),
      ]);
      this.optimizer.applyGradients({ [theta.name]: gTheta });
      tf.dispose([...kept, ...signalGrads]);
      return packedT;
    });
    const v = (await packed.data()) as Float32Array;
    packed.dispose();
    return {
      loss: v[0]!,
      accuracy: v[1]!,
      gradNorms: v.slice(2, 2 + nK),
      signalGradNorms: v.slice(2 + nK, 2 + nK + nX),
      activationNorms: v.slice(2 + nK + nX, 2 + nK + 2 * nX),
      finite: allFinite(v),
    };
  }

  /** One update with no measurements but the loss: the bare tfjs step, for benchmarks. */
  async bareStep(batch: Batch): Promise<number> {
    const net = this.network;
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(net.forward(batch.x).logits, batch.oneHot),
        [net.packed.theta],
      );
      this.optimizer.applyGradients(grads);
      return value;
    });
    const v = (await loss.data())[0]!;
    loss.dispose();
    return v;
  }

  /** Releases the optimizer's state (not the network). */
  dispose(): void {
    this.optimizer.dispose();
    if (this.network.config.optimizer === 'momentum') {
      // tfjs 4.22: MomentumOptimizer.dispose() forgets the learning-rate scalar that its SGD
      // base class keeps, leaking one tensor per optimizer (caught by train.test.ts).
      (this.optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
    }
  }
}

/**
 * A `Tap` that records the gradient reaching each x_l during backpropagation into
 * `sink[l]` (kept: the caller disposes it). Forward it is a reshape to the same shape, which makes
 * a new tensor over the same data without arithmetic (the tape needs an output distinct from
 * its input); backward it passes dy on unchanged. dy is the full ∂L/∂x_l, the sum over every
 * consumer of x_l (the skip and the branch), because tfjs accumulates a tensor's gradient
 * before calling the gradient of the op that produced it.
 */
export function gradientTap(sink: tf.Tensor[]): Tap {
  return (x, l) =>
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const input = args[0] as tf.Tensor2D;
      return {
        value: tf.reshape(input, input.shape),
        gradFunc: (dy: tf.Tensor) => {
          sink[l] = tf.keep(dy);
          return [dy];
        },
      };
    })(x) as tf.Tensor2D;
}

/** RMS over every axis but the first: [k, …] → [k]. */
export function rmsPerSlice(x: tf.Tensor): tf.Tensor1D {
  return tf.sqrt(tf.mean(tf.square(tf.reshape(x, [x.shape[0]!, -1])), 1)) as tf.Tensor1D;
}
