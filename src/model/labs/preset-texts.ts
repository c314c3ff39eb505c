/**
 * What each lab says: its heading, its one-sentence summary, what to look for, the prediction it
 * asks for before the first run and what to try after it. Kept apart from presets.ts, whose
 * networks and claims `npm run claims` measures: rewording a lab does not make the claims stale.
 */
import type { PresetId } from './presets';

/**
 * A question the lab asks before its first run, answered by the run: two or three options, one
 * of which the claim makes true. The lab reveals the answer with the verdict.
 */
export interface Prediction {
  question: string;
  options: readonly string[];
  /** Index of the option the claim makes true. */
  answer: number;
  /** Why, in a sentence, shown with the answer. */
  because: string;
}

/** The words of one lab. */
export interface PresetText {
  /** The lab's heading. */
  title: string;
  /** One sentence on what the preset compares. */
  summary: string;
  /** One line above the plots: what to look for. */
  lookFor: string;
  /** Asked before the first run; none for the playground. */
  prediction?: Prediction;
  /** What to try once the run is over: questions the reader can answer with the controls. */
  tryThis: readonly string[];
}

const TEXTS: Record<PresetId, PresetText> = {
  playground: {
    title: 'Playground',
    summary:
      'One network and every control. Compare it with a second network trained on the same batches.',
    lookFor: 'Change one control at a time and watch the gradient profile and the training loss.',
    tryThis: [
      'Switch the skip connections off, then raise the depth: from how many blocks does the plain network stop fitting?',
      'Load a lab above as a starting point, change one setting, and see whether its claim still holds.',
    ],
  },
  vanishing: {
    title: 'Vanishing gradients and their cure',
    summary:
      'A plain sigmoid network (A) and the same network with skip connections (B), 24 blocks each, no batch norm, branches scaled by 0.15.',
    lookFor:
      "the gradient plot's vertical axis: A's gradients fall by dozens of orders of magnitude from the head to the stem, while B's stay level.",
    prediction: {
      question:
        'Both networks start from the same weights and see the same batches. What will the plain network A do?',
      options: ['Fit the data as B does', 'Fit it, but more slowly than B', 'Stay at chance'],
      answer: 2,
      because:
        "A's first layers receive almost none of the gradient its last layers get, so only the top of the network learns, and that is not enough.",
    },
    tryThis: [
      "Lower A's depth until it fits. The strip under the lab shows where the precomputed runs stop fitting.",
      "Under All settings, set B's branch scale to 1. Does the shortcut alone still let B fit?",
      'Under All settings, give A batch norm. Does the plain sigmoid network fit then?',
    ],
  },
  exploding: {
    title: 'Exploding gradients with batch norm',
    summary:
      'A plain ReLU network with batch norm (A) and the same network with skip connections (B), 24 blocks each.',
    lookFor:
      "the dashed lines (step 0) in the gradient plot: A's gradient grows by orders of magnitude from the head to the stem, B's far less. The solid lines show where training has taken them since.",
    prediction: {
      question:
        "A's gradient at its first block is tens of thousands of times the gradient at its last. After 300 steps, A will have…",
      options: ['not fit the data at all', 'fit it partly, well behind B', 'fit it as well as B'],
      answer: 1,
      because:
        'Exploding gradients make the early steps erratic but do not stop every layer from learning: A ends with a training loss between chance and B’s.',
    },
    tryThis: [
      "Switch off A's batch norm. Do its gradients still grow toward the input?",
      'Set both depths to 12. How close does A come to B?',
    ],
  },
  'order-saturating': {
    title: 'Block order with a saturating activation',
    summary:
      'Residual sigmoid networks without batch norm, branches scaled by 0.15: original blocks (A) vs pre-activation blocks (B).',
    lookFor:
      "the gradient plot: A's sigmoid after each addition squeezes the shortcut's gradient block by block, B's shortcut passes it untouched.",
    prediction: {
      question:
        'Both networks have a shortcut around every block. A applies the sigmoid after each addition, B inside the branch. A will…',
      options: ['fit the data as B does', 'stay at chance'],
      answer: 1,
      because:
        "A's shortcut passes through 24 sigmoids, each of slope at most 1/4, so its gradient vanishes as a plain network's does.",
    },
    tryThis: [
      'Set both activations to ReLU (under All settings). Does the block order still decide whether A fits?',
      "Lower A's depth. At what depth does the original block fit?",
    ],
  },
  unnormalised: {
    title: 'A deep residual network without normalisation',
    summary:
      'Residual ReLU networks without batch norm, SGD at learning rate 0.1: branches at full scale (A) vs scaled by 0.2 (B).',
    lookFor:
      "A's signal growing block by block (the activation plot, under “More plots”) until its first update overshoots; B's stays small and B trains.",
    prediction: {
      question:
        'Every block adds its full branch to the signal in A, a fifth of it in B. Under SGD at 0.1, A will…',
      options: ['fit the data', 'fit it slowly', 'diverge at its first update'],
      answer: 2,
      because:
        "A's signal grows by orders of magnitude through its 24 blocks, and so do its gradients: the first update at 0.1 overshoots.",
    },
    tryThis: [
      "Lower A's branch scale step by step. Where does it start to train?",
      'Under All settings, lower the learning rate. Does A still diverge at full scale?',
    ],
  },
};

/** The words of lab `id`. */
export function presetText(id: PresetId): PresetText {
  return TEXTS[id];
}
