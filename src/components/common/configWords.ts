/**
 * Words for configurations: option labels of the controls, activations and initialisations as
 * captions name them, and what tells twin networks apart in the readout. Layer names are in
 * layerNames.ts, backend names in backendName.ts.
 */
import { activationSpec } from '../../model/engine/activations';
import {
  ACTIVATIONS,
  allSkips,
  noSkips,
  skipList,
  type Activation,
  type ExperimentConfig,
  type Init,
} from '../../model/engine/config';

const ACTIVATION_NAME = Object.fromEntries(
  ACTIVATIONS.map((a) => [a, activationSpec(a).label]),
) as Record<Activation, string>;
const INIT_NAME: Record<Init, string> = { he: 'He', glorot: 'Glorot', small: 'small' };

export const OPTION_LABELS: Record<string, Record<string, string>> = {
  order: { post: 'Original (post-activation)', pre: 'Pre-activation' },
  activation: ACTIVATION_NAME,
  // Short enough to share a row with the activation on a phone.
  init: { ...INIT_NAME, small: 'N(0, 0.01²)' },
  optimizer: { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' },
  dataset: {
    spiral: 'Spiral (2-D)',
    circles: 'Circles (2-D)',
    xor: 'XOR (2-D)',
    moons: 'Moons (2-D)',
    digits: 'Digits (8×8 images)',
  },
};

/** An activation as the text names it ("ReLU", "tanh"): its label in the engine's table. */
export function activationName(a: Activation): string {
  return ACTIVATION_NAME[a];
}

/** An initialisation in words, for captions: "He initialisation". */
export function initWords(i: Init): string {
  return i === 'small' ? 'initialisation from N(0, 0.01²)' : `${INIT_NAME[i]} initialisation`;
}

function describeField(c: ExperimentConfig, field: keyof ExperimentConfig): string {
  switch (field) {
    case 'skip':
      if (allSkips(c)) return 'residual';
      if (noSkips(c)) return 'plain';
      return `${skipList(c).filter((s) => s === 'none').length} of ${c.blocks} shortcuts cut`;
    case 'order':
      return c.order === 'post' ? 'original' : 'pre-activation';
    case 'norm':
      return c.norm === 'batch' ? 'batch norm' : 'no batch norm';
    case 'init':
      return `${INIT_NAME[c.init]} init.`;
    case 'blocks':
      return `${c.blocks} blocks`;
    case 'branchScale':
      return `branch ×${c.branchScale}`;
    default:
      return OPTION_LABELS[field]?.[String(c[field])] ?? `${field} ${String(c[field])}`;
  }
}

const ORDERED: (keyof ExperimentConfig)[] = [
  'skip',
  'order',
  'norm',
  'activation',
  'init',
  'blocks',
  'branchScale',
];

/** A few words per network on what differs between the twins ("plain" vs "residual"). */
export function twinDifference(a: ExperimentConfig, b: ExperimentConfig): [string, string] {
  const fields = ORDERED.filter((f) => a[f] !== b[f]);
  if (fields.length === 0) return ['same network', 'same network'];
  return [
    fields.map((f) => describeField(a, f)).join(', '),
    fields.map((f) => describeField(b, f)).join(', '),
  ];
}

/**
 * How a lab names its networks in legends and readouts: a twin's by what tells them apart
 * ("A (plain)"), a single one as "Network A"; and a description of each for its controls.
 */
export function netNames(nets: readonly ExperimentConfig[]): {
  names: string[];
  descriptions: string[];
} {
  if (nets.length === 1) return { names: ['Network A'], descriptions: [describeNet(nets[0]!)] };
  const [a, b] = twinDifference(nets[0]!, nets[1]!);
  return { names: [`A (${a})`, `B (${b})`], descriptions: [a, b] };
}

/** A one-line description of a single network. */
export function describeNet(c: ExperimentConfig): string {
  return `${describeField(c, 'skip')}, ${describeField(c, 'order')}, ${describeField(c, 'activation')}, ${describeField(c, 'norm')}, ${c.blocks} blocks`;
}
