// @vitest-environment node
/**
 * The hand-written backward pass against tfjs's autodiff on the wasm backend, the one the labs
 * prefer, for every block variant (backprop.test.ts does the same on cpu).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { VARIANTS, variantErrors } from '../../../tests/support/backprop';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/**
 * Relative error allowed on wasm. Its kernels sum in other orders than cpu's (SIMD lanes), so the
 * two float32 computations of the same gradient part by rounding alone: the worst variant here
 * (plain tanh with batch norm) measured 1.1e-5 against
 * the 1e-5 that cpu meets.
 */
const TOLERANCE = 3e-5;

describe('the hand-written backward pass on wasm', () => {
  it.each(VARIANTS)('equals autodiff for $skip $order $norm $activation', async (v) => {
    const e = await variantErrors(v);
    expect(e.loss).toBeLessThan(1e-6);
    expect(e.theta).toBeLessThan(TOLERANCE);
    expect(e.signal).toBeLessThan(TOLERANCE);
  });
});
