/**
 * Words for configurations: option labels of the controls, short names of layers, and what tells
 * twin networks apart in the readout.
 */
import type { ExperimentConfig } from '../../model/config';

export const OPTION_LABELS: Record<string, Record<string, string>> = {
  order: { post: 'Original (post-activation)', pre: 'Pre-activation' },
  activation: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' },
  init: { he: 'He', glorot: 'Glorot', small: 'Small, N(0, 0.01²)' },
  optimizer: { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' },
  dataset: {
    spiral: 'Spiral (2-D)',
    circles: 'Circles (2-D)',
    xor: 'XOR (2-D)',
    moons: 'Moons (2-D)',
    digits: 'Digits (8×8 images)',
  },
};

/** "stem", "b3.1" (block 3, first weight layer), "head" — short enough for a layer axis. */
export function shortLayerName(name: string): string {
  const m = /^block(\d+)\/dense(\d)\/kernel$/.exec(name);
  if (m) return `b${m[1]}.${m[2]}`;
  return name.replace(/\/kernel$/, '');
}

/** x0 … xn for the block inputs. */
export function signalLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `x${i}`);
}

function describeField(c: ExperimentConfig, field: keyof ExperimentConfig): string {
  switch (field) {
    case 'skip':
      return c.skip === 'none' ? 'plain' : 'residual';
    case 'order':
      return c.order === 'post' ? 'original' : 'pre-activation';
    case 'norm':
      return c.norm === 'batch' ? 'batch norm' : 'no batch norm';
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

/** A one-line description of a single network. */
export function describeNet(c: ExperimentConfig): string {
  return `${describeField(c, 'skip')}, ${describeField(c, 'order')}, ${describeField(c, 'activation')}, ${describeField(c, 'norm')}, ${c.blocks} blocks`;
}
