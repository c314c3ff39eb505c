/**
 * The engine's numeric constants that its PyTorch export must share: the script builder
 * (src/model/pytorch/script.ts) writes these values into the Python, so the two cannot drift.
 * Kept apart from the tfjs code that uses them, because the page builds the script in its main
 * bundle, without tfjs.
 */

/** Batch-norm ε, as in PyTorch, so that step-0 numbers match a PyTorch re-implementation. */
export const BN_EPSILON = 1e-5;

/** SGD with momentum: v = MOMENTUM·v + g (tfjs's and PyTorch's updates are the same). */
export const MOMENTUM = 0.9;

/** Adam's decay rates, and its ε, given explicitly because tfjs's default differs by backend. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;
