/**
 * One training step: forward, backward, optimizer update and the per-layer measurements, all in
 * one tf.tidy, read back with a single `await data()` of one packed vector.
 *
 * Packed layout (float32): [loss, accuracy, gradNorms (2n+2), signalGradNorms (n+1),
 * activationNorms (n+1)].
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from './config';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM } from './constants';
import { trainingPass } from './backprop';
import type { Network } from './network';
import { rowNorms } from './packed-params';

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
      return tf.train.momentum(config.learningRate, MOMENTUM);
    case 'adam':
      return tf.train.adam(config.learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
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

/** Trains one network with one optimizer. */
export class Trainer {
  readonly optimizer: tf.Optimizer;
  private readonly kernelIndices: number[];

  constructor(readonly network: Network) {
    this.optimizer = makeOptimizer(network.config);
    this.kernelIndices = network.kernels.map((k) => k.index);
  }

  /**
   * One update with every measurement, from the hand-written backward pass (backprop.ts).
   * Metrics describe the parameters before the update.
   */
  async step(batch: Batch): Promise<StepMetrics> {
    const net = this.network;
    const nK = this.kernelIndices.length;
    const nX = net.config.blocks + 1;
    const packed = tf.tidy(() => {
      const pass = trainingPass(net, batch.x, batch.oneHot);
      const packedT = tf.concat([
        tf.reshape(pass.loss, [1]),
        tf.reshape(accuracyOf(pass.logits, batch.labels), [1]),
        net.packed.norms(pass.grad, this.kernelIndices),
        rowNorms(tf.reshape(tf.stack(pass.signalGrads), [nX, -1])),
        rmsPerSlice(tf.stack(pass.xs)),
      ]);
      this.optimizer.applyGradients({ [net.packed.theta.name]: pass.grad });
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

  /**
   * One update with no measurements but the loss, for benchmarks: `autodiff` is the bare tfjs
   * step (tf.variableGrads of `network.forward`), `manual` the engine's own backward pass.
   */
  async bareStep(batch: Batch, how: 'autodiff' | 'manual' = 'autodiff'): Promise<number> {
    const net = this.network;
    const theta = net.packed.theta;
    const loss = tf.tidy(() => {
      if (how === 'manual') {
        const pass = trainingPass(net, batch.x, batch.oneHot);
        this.optimizer.applyGradients({ [theta.name]: pass.grad });
        return pass.loss;
      }
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(net.forward(batch.x, undefined, undefined, true).logits, batch.oneHot),
        [theta],
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

/** RMS over every axis but the first: [k, …] → [k]. */
export function rmsPerSlice(x: tf.Tensor): tf.Tensor1D {
  return tf.sqrt(tf.mean(tf.square(tf.reshape(x, [x.shape[0]!, -1])), 1)) as tf.Tensor1D;
}
