/**
 * The backward pass through one residual branch alone, for gradient by path length
 * (path-gradients.ts): given ∂L/∂(branch output) [batch, width], what the branch passes back to
 * its block's input. Why not tfjs's autodiff of `Network.branch`: a path term multiplies by up to
 * n branch Jacobians, and the figure takes thousands of them; tf.grad recomputes the branch's
 * forward pass and records a tape on every call, which made a 24-block study take 16 s in
 * Chromium (one measurement of 25 lengths × 16 paths). Here each branch's forward values are
 * computed once per batch and every product is a handful of kernels: 1.3–2.5 s there. The tests
 * check it against tfjs's autodiff of `Network.branch`.
 *
 * Pre-activation blocks only: f(x) = s · W₂ · act(BN₂(W₁ · act(BN₁(x)) + b₁)) + s · b₂, batch norm
 * with the batch's statistics (training mode), as the path expansion needs.
 */
import * as tf from '@tensorflow/tfjs';
import { activationSpec } from '../../engine/activations';
import { BN_EPSILON } from '../../engine/constants';
import type { Network } from '../../engine/network';
import type { BatchNormParams } from '../../engine/params';

/** A batch norm's forward values that its backward pass needs. */
interface NormCache {
  /** (x − mean) / √(var + ε) [batch, width] */
  xhat: tf.Tensor2D;
  /** γ / √(var + ε) [width] */
  gain: tf.Tensor1D;
}

/** One branch's cached forward values. */
interface BranchCache {
  bn1?: NormCache;
  /** act′ at the first activation's input [batch, width]. */
  slope1: tf.Tensor2D;
  bn2?: NormCache;
  slope2: tf.Tensor2D;
  /** W₁ᵀ [width, width], W₂ᵀ [width, width]. */
  w1T: tf.Tensor2D;
  w2T: tf.Tensor2D;
}

/** The backward passes of every branch of a network at one batch; `dispose` releases them. */
export interface BranchJacobians {
  /**
   * ∂(g · f_l(x_l))/∂x_l: the branch of block `l` (0-based) applied backward to `g`
   * [batch, width]. The result belongs to the caller.
   */
  vjp(l: number, g: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Caches the forward values of every branch of `network` (pre-activation, residual) at the
 * block inputs `xs` (x_0 … x_{n-1} at least, each [batch, width]) of one batch.
 */
export function branchJacobians(network: Network, xs: readonly tf.Tensor2D[]): BranchJacobians {
  const { config, plan, packed } = network;
  if (config.order !== 'pre' || config.skip !== 'identity')
    throw new Error('branch Jacobians are written here for pre-activation residual nets only');
  const spec = activationSpec(config.activation);
  let caches: BranchCache[] = [];
  tf.tidy(() => {
    const t = packed.unpack(packed.theta);
    const norm = (x: tf.Tensor2D, p?: BatchNormParams): [tf.Tensor2D, NormCache?] => {
      if (!p) return [x];
      const mean = tf.mean(x, 0);
      const inv = tf.rsqrt(tf.add(tf.mean(tf.square(tf.sub(x, mean)), 0), BN_EPSILON));
      const xhat = tf.mul(tf.sub(x, mean), inv) as tf.Tensor2D;
      const y = tf.add(tf.mul(xhat, t[p.gamma.index]!), t[p.beta.index]!) as tf.Tensor2D;
      return [y, { xhat, gain: tf.mul(t[p.gamma.index]!, inv) as tf.Tensor1D }];
    };
    const out = plan.blocks.map((p, l) => {
      const [n1, bn1] = norm(xs[l]!, p.bn1);
      const a1 = spec.forward(tf, n1);
      const w1 = t[p.dense1.kernel.index] as tf.Tensor2D;
      let h: tf.Tensor2D = tf.matMul(a1, w1);
      if (p.dense1.bias) h = tf.add<tf.Tensor2D>(h, t[p.dense1.bias.index]!);
      const [n2, bn2] = norm(h, p.bn2);
      const a2 = spec.forward(tf, n2);
      const cache: BranchCache = {
        bn1,
        slope1: spec.slope(tf, n1, a1),
        bn2,
        slope2: spec.slope(tf, n2, a2),
        w1T: tf.transpose(w1),
        w2T: tf.transpose(t[p.dense2.kernel.index] as tf.Tensor2D),
      };
      return cache;
    });
    for (const kept of out.flatMap((c) => keepable(c))) tf.keep(kept);
    caches = out;
  });
  // Batch norm backward: dx = gain · (dy − mean_b(dy) − x̂ · mean_b(dy · x̂)).
  const normBack = (dy: tf.Tensor2D, c?: NormCache): tf.Tensor2D =>
    c
      ? (tf.mul(
          tf.sub(tf.sub(dy, tf.mean(dy, 0)), tf.mul(c.xhat, tf.mean(tf.mul(dy, c.xhat), 0))),
          c.gain,
        ) as tf.Tensor2D)
      : dy;
  const scale = config.branchScale;
  return {
    vjp: (l, g) =>
      tf.tidy(() => {
        const c = caches[l]!;
        const dA2 = tf.matMul(scale === 1 ? g : tf.mul(g, scale), c.w2T);
        const dH = normBack(tf.mul(dA2, c.slope2), c.bn2);
        const dA1 = tf.matMul(dH, c.w1T);
        return normBack(tf.mul(dA1, c.slope1), c.bn1);
      }),
    dispose: () => tf.dispose(caches.flatMap((c) => keepable(c))),
  };
}

/** Every tensor of a cache. */
function keepable(c: BranchCache): tf.Tensor[] {
  return [
    c.slope1,
    c.slope2,
    c.w1T,
    c.w2T,
    ...[c.bn1, c.bn2].flatMap((n) => (n ? [n.xhat, n.gain] : [])),
  ];
}
