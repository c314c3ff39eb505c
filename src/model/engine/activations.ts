/**
 * Every activation the engine offers, in one table: its name in the text, its forward pass and
 * its slope in tfjs, and the same function in PyTorch. The config's list of activations, the
 * network, the hand-written backward pass, the branch Jacobians of the paths study, the PyTorch
 * script, the controls' labels and the block diagrams all read it, so adding a row is all it
 * takes to add an activation.
 *
 * tfjs arrives as an argument (only its types are imported): the page's main bundle reads the
 * labels and the PyTorch expressions without loading tfjs.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;
type Tensor = TF.Tensor2D;

/** One activation, applied elementwise. */
export interface ActivationSpec {
  /** As the text and the controls name it: "ReLU". */
  readonly label: string;
  /** act(x). */
  forward(tf: Tf, x: Tensor): Tensor;
  /**
   * act′(x) at the pre-activation x. `y` is act(x), already computed: where the slope is a
   * function of the output (tanh, sigmoid), reading it saves recomputing act.
   */
  slope(tf: Tf, x: Tensor, y: Tensor): Tensor;
  /**
   * The same function in PyTorch: a Python expression for a callable of one tensor, where the
   * script has imported `torch` and `torch.nn.functional as F`.
   */
  readonly torch: string;
}

const TABLE = {
  relu: {
    label: 'ReLU',
    forward: (tf, x) => tf.relu(x),
    // 1 where x > 0, 0 elsewhere: tfjs's own ReLU gradient takes 0 at 0 too.
    slope: (tf, x) => tf.step(x),
    torch: 'torch.relu',
  },
  tanh: {
    label: 'tanh',
    forward: (tf, x) => tf.tanh(x),
    slope: (tf, _x, y) => tf.sub(1, tf.square(y)),
    torch: 'torch.tanh',
  },
  sigmoid: {
    label: 'sigmoid',
    forward: (tf, x) => tf.sigmoid(x),
    slope: (tf, _x, y) => tf.mul(y, tf.sub(1, y)),
    torch: 'torch.sigmoid',
  },
  // GELU (Hendrycks and Gimpel 2016), the exact form x·Φ(x) = x/2·(1 + erf(x/√2)), which is
  // PyTorch's default (F.gelu without approximate="tanh"). tfjs has erf on cpu, wasm and webgl;
  // its erf is accurate to 1.5e-7 (Abramowitz and Stegun 7.1.26), below float32 rounding of
  // the 1 + erf sum. The slope is Φ(x) + x·φ(x), the same terms as PyTorch's GELU backward.
  gelu: {
    label: 'GELU',
    forward: (tf, x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))),
    slope: (tf, x) => {
      const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
      const pdf = tf.mul(tf.exp(tf.mul(tf.square(x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
      return tf.add(cdf, tf.mul(x, pdf));
    },
    torch: 'F.gelu',
  },
} satisfies Record<string, ActivationSpec>;

/** An activation's id, as configs spell it. */
export type Activation = keyof typeof TABLE;

/** Every activation's id, in the table's order (the order of the controls' options). */
export const ACTIVATION_IDS = Object.keys(TABLE) as readonly Activation[];

/** The table's row for `id`. */
export function activationSpec(id: Activation): ActivationSpec {
  return TABLE[id];
}
