/**
 * Short warnings under a control when its value makes a lab slow, unstable or unable to learn.
 * The controls reach every value the engine accepts, and the extremes are worth trying; the hint
 * says what to expect before the reader waits half a minute for step 0 or watches a run blow up.
 */
import type { ExperimentConfig } from '../../../model/engine/config';

/** The controls that can carry a hint. */
export type HintField = 'blocks' | 'width' | 'batchSize' | 'learningRate';

/**
 * The work of one training step of the lab presets' base network (24 blocks of width 32, batch
 * 64): blocks × width² × batch, the size of its matrix products. About 30 ms a step on wasm.
 */
const BASE_WORK = 24 * 32 * 32 * 64;
/** The base network's values: a cost control above its base value adds to a slow lab's cost. */
const BASE = { blocks: 24, width: 32, batchSize: 64 } as const;

/**
 * Work thresholds, as multiples of BASE_WORK, measured with the engine on wasm (2 cores): 32×
 * (50 blocks of width 128) takes over a second a step; 267× (100 blocks of width 256) took
 * 25–35 s for step 0, which also sets up the model.
 */
const SLOW_STEP = 32;
/** Depth above which building a net and its first step take seconds (500 blocks: about 5 s). */
const VERY_DEEP = 100;
const SLOW_START = 200;

/** The hint texts, each a few words: what to expect, and why in a word. */
export const HINTS = {
  slowStart: 'Slow: step 0 may take half a minute.',
  slowStep: 'Slow: a step may take a second or more.',
  veryDeep: 'Very deep: building the net and its first step take several seconds.',
  narrow: 'Narrow: likely too few units to fit the data well.',
  oneExample: 'One example per batch: batch norm outputs a constant, so the net cannot learn.',
  smallBatch: 'Small: noisy gradients, jumpy curves.',
  diverge: 'Large: training will likely diverge.',
  unstable: 'Large: training will likely be unstable.',
} as const;

/** Work of one training step of all `nets` together (they step in lockstep), in BASE_WORK units. */
export function relativeWork(nets: readonly ExperimentConfig[]): number {
  const work = nets.reduce((sum, c) => sum + c.blocks * c.width * c.width * c.batchSize, 0);
  return work / BASE_WORK;
}

function slowHint(nets: readonly ExperimentConfig[]): string | null {
  const w = relativeWork(nets);
  if (w >= SLOW_START) return HINTS.slowStart;
  return w >= SLOW_STEP ? HINTS.slowStep : null;
}

/**
 * The hint for `field`, or null when its value is unremarkable. `nets` are the lab's networks
 * (they share width, batch size and learning rate); `index` picks the network for `blocks`. A slow
 * lab's hint sits on each cost control (depth, width, batch size) that is above the base value.
 */
export function controlHint(
  field: HintField,
  nets: readonly ExperimentConfig[],
  index = 0,
): string | null {
  const c = nets[index] ?? nets[0];
  if (!c) return null;
  // Batch norm everywhere keeps the scale of the activations, so a large rate rarely overflows.
  const anyBn = nets.some((n) => n.norm === 'batch');
  const allBn = nets.every((n) => n.norm === 'batch');
  switch (field) {
    case 'learningRate':
      if (c.learningRate >= 1 && !allBn) return HINTS.diverge;
      return c.learningRate >= 3 ? HINTS.unstable : null;
    case 'batchSize':
      // With batch statistics over one example every normalised value is 0 (then β).
      if (c.batchSize === 1 && anyBn) return HINTS.oneExample;
      if (c.batchSize <= 8) return HINTS.smallBatch;
      return c.batchSize > BASE.batchSize ? slowHint(nets) : null;
    case 'width':
      if (c.width <= 4) return HINTS.narrow;
      return c.width > BASE.width ? slowHint(nets) : null;
    case 'blocks':
      if (c.blocks <= BASE.blocks) return null;
      // Setting up hundreds of blocks costs seconds even when a step is cheap.
      return slowHint(nets) ?? (c.blocks > VERY_DEEP ? HINTS.veryDeep : null);
  }
}
