// @vitest-environment node
/**
 * The activation table: every row's slope against tfjs's autodiff of its forward pass and against
 * central finite differences, and GELU's values against x·Φ(x). The networks built from the table
 * are checked as wholes in gradcheck.test.ts and backprop.test.ts, and against PyTorch in
 * scripts/pytorch-export.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationSpec, ACTIVATION_IDS } from './activations';
import { ACTIVATIONS } from './config';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

// −4 … 4 in steps of 0.1, without 0 (ReLU's kink, where no one-sided slope is "the" slope).
const POINTS = Array.from({ length: 81 }, (_, i) => Math.round((i - 40) * 10) / 100).filter(
  (x) => x !== 0,
);
const H = 1e-2;

/** The activation applied to `xs`, as plain numbers. */
function values(id: (typeof ACTIVATIONS)[number], xs: number[]): number[] {
  return tf.tidy(() =>
    Array.from(
      activationSpec(id)
        .forward(tf, tf.tensor2d([xs]))
        .dataSync(),
    ),
  );
}

describe('the activation table', () => {
  it("is the config's list of activations, with one label each", () => {
    expect(ACTIVATIONS).toEqual(ACTIVATION_IDS);
    const labels = ACTIVATIONS.map((a) => activationSpec(a).label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(ACTIVATIONS).toContain('gelu');
  });

  it.each(ACTIVATIONS.map((a) => [a]))(
    "%s: slope at the pre-activation = tfjs's autodiff within 1e-6 and finite differences within 1e-4",
    (id) => {
      const spec = activationSpec(id);
      const [slope, auto] = tf.tidy(() => {
        const x = tf.tensor2d([POINTS]);
        const mine = spec.slope(tf, x, spec.forward(tf, x));
        const theirs = tf.grad((v) => tf.sum(spec.forward(tf, v as tf.Tensor2D)))(x);
        return [Array.from(mine.dataSync()), Array.from(theirs.dataSync())];
      });
      const up = values(
        id,
        POINTS.map((x) => x + H),
      );
      const down = values(
        id,
        POINTS.map((x) => x - H),
      );
      POINTS.forEach((x, i) => {
        const fd = (up[i]! - down[i]!) / (2 * H);
        expect(Math.abs(slope[i]! - auto[i]!), `x = ${x}: autodiff ${auto[i]}`).toBeLessThan(1e-6);
        // Away from 0, where ReLU's kink lies within H.
        if (Math.abs(x) > H)
          expect(Math.abs(slope[i]! - fd), `x = ${x}: finite difference ${fd}`).toBeLessThan(1e-4);
      });
    },
  );

  it('GELU is x·Φ(x), the exact (erf) form', () => {
    // x·Φ(x), Φ the standard normal CDF: Φ(0.5) = 0.691462461274013, Φ(1) = 0.841344746068543,
    // Φ(3) = 0.998650101968370, and Φ(−x) = 1 − Φ(x).
    const xs = [-3, -1, -0.5, 0, 0.5, 1, 3];
    const expected = [
      -3 * (1 - 0.99865010196837),
      -(1 - 0.841344746068543),
      -0.5 * (1 - 0.691462461274013),
      0,
      0.5 * 0.691462461274013,
      0.841344746068543,
      3 * 0.99865010196837,
    ];
    values('gelu', xs).forEach((v, i) => {
      expect(Math.abs(v - expected[i]!), `gelu(${xs[i]})`).toBeLessThan(1e-6);
    });
    // Not the tanh approximation, which is 1e-4 off at x = −2.
    const tanhForm = (x: number) =>
      0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    const [atTwo] = values('gelu', [-2]);
    expect(Math.abs(atTwo! - -2 * (1 - 0.977249868051821))).toBeLessThan(1e-6);
    expect(Math.abs(atTwo! - tanhForm(-2))).toBeGreaterThan(1e-5);
  });
});
