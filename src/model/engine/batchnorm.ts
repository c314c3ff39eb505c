/**
 * Batch normalisation over the batch axis with a hand-written gradient. tfjs's own batchNorm +
 * moments gradient takes about 85 kernels per layer; this one takes about 20, which matters
 * because kernel launches, not arithmetic, dominate these small nets.
 *
 * Forward: x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β, with μ, σ² the batch mean and (biased) variance.
 * Backward (standard result, checked against finite differences in batchnorm.test.ts):
 *   ∂β = Σ_b dy,  ∂γ = Σ_b dy·x̂,  dx = (1/√(σ²+ε))·(g − mean_b(g) − x̂·mean_b(g·x̂)), g = γ·dy.
 */
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON } from './constants';

const batchNormOp = tf.customGrad(
  // customGrad's typing wants a variadic function of tensors.
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, gamma, beta] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const mean = tf.mean(x!, 0);
    const centred = tf.sub(x!, mean);
    const inv = tf.rsqrt(tf.add(tf.mean(tf.square(centred), 0), BN_EPSILON));
    const xhat = tf.mul(centred, inv);
    save([xhat, inv, gamma!]);
    return {
      value: tf.add(tf.mul(xhat, gamma!), beta!),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sinv, sgamma] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const g = tf.mul(dy, sgamma);
        const dx = tf.mul(
          tf.sub(tf.sub(g, tf.mean(g, 0)), tf.mul(sx, tf.mean(tf.mul(g, sx), 0))),
          sinv,
        );
        return [dx, tf.sum(tf.mul(dy, sx), 0), tf.sum(dy, 0)];
      },
    };
  },
);

/** Batch norm with the current batch's statistics. x [batch, width], gamma and beta [width]. */
export function batchNorm(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  return batchNormOp(x, gamma, beta) as tf.Tensor2D;
}

/**
 * Batch norm in inference mode: fixed statistics instead of the batch's, so each row's output
 * depends on that row alone. x [rows, width]; mean, variance, gamma, beta [width].
 */
export function batchNormInference(
  x: tf.Tensor2D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
): tf.Tensor2D {
  const inv = tf.rsqrt(tf.add(variance, BN_EPSILON));
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), inv), gamma), beta) as tf.Tensor2D;
}
