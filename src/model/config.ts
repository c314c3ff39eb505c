/**
 * The experiment configuration: one plain JSON object that fully describes a network, its data
 * and its training. All fields are optional on input; `parseConfig` fills in defaults and rejects
 * anything unknown or out of range with a message that names the field, the value and what is
 * allowed. The same type drives the CLI, the Web Worker, the labs and the block diagrams.
 */

export const ARCHS = ['mlp'] as const;
export const DATASETS = ['spiral', 'circles', 'xor', 'moons', 'digits'] as const;
export const SKIPS = ['identity', 'none'] as const;
export const ORDERS = ['post', 'pre'] as const;
export const NORMS = ['batch', 'none'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export const INITS = ['he', 'glorot', 'small'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;

export type Arch = (typeof ARCHS)[number];
export type DatasetName = (typeof DATASETS)[number];
export type Skip = (typeof SKIPS)[number];
export type Order = (typeof ORDERS)[number];
export type Norm = (typeof NORMS)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type Init = (typeof INITS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface ExperimentConfig {
  /** Dense (`mlp`) blocks. Convolutional blocks are not built yet. */
  arch: Arch;
  dataset: DatasetName;
  /** Number of blocks, two weight layers each. */
  blocks: number;
  /** Hidden units of every block. */
  width: number;
  /** `identity`: residual blocks; `none`: the same blocks stacked without the shortcut. */
  skip: Skip;
  /** `post`: original block (He et al. 2015); `pre`: full pre-activation (He et al. 2016). */
  order: Order;
  norm: Norm;
  activation: Activation;
  init: Init;
  /**
   * Multiplies every residual branch before the addition: x_{l+1} = x_l + s·F(x_l). Values
   * below 1 keep deep unnormalised residual nets from blowing up. Ignored when `skip` is `none`.
   */
  branchScale: number;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  /** Training steps the runner takes when none are given explicitly. */
  steps: number;
  /** Every random choice (data, weights, batches) derives from this integer. */
  seed: number;
}

export const DEFAULT_CONFIG: Readonly<ExperimentConfig> = Object.freeze({
  arch: 'mlp',
  dataset: 'spiral',
  blocks: 8,
  width: 32,
  skip: 'identity',
  order: 'pre',
  norm: 'batch',
  activation: 'relu',
  init: 'he',
  branchScale: 1,
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 128,
  steps: 300,
  seed: 1,
});

/** A rejected configuration; `problems` has one line per bad field. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid config: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type FieldRule =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; minExclusive?: boolean };

/** What each field accepts; exported so that UIs can build their controls from it. */
export const FIELD_RULES: { readonly [K in keyof ExperimentConfig]: FieldRule } = {
  arch: { kind: 'enum', values: ARCHS },
  dataset: { kind: 'enum', values: DATASETS },
  blocks: { kind: 'int', min: 1, max: 500 },
  width: { kind: 'int', min: 2, max: 256 },
  skip: { kind: 'enum', values: SKIPS },
  order: { kind: 'enum', values: ORDERS },
  norm: { kind: 'enum', values: NORMS },
  activation: { kind: 'enum', values: ACTIVATIONS },
  init: { kind: 'enum', values: INITS },
  branchScale: { kind: 'number', min: 0, max: 1, minExclusive: true },
  optimizer: { kind: 'enum', values: OPTIMIZERS },
  learningRate: { kind: 'number', min: 0, max: 10, minExclusive: true },
  batchSize: { kind: 'int', min: 1, max: 1024 },
  steps: { kind: 'int', min: 0, max: 100_000 },
  seed: { kind: 'int', min: 0, max: 4_294_967_295 },
};

function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function allowed(rule: FieldRule): string {
  if (rule.kind === 'enum') return `one of ${rule.values.map((v) => `"${v}"`).join(', ')}`;
  if (rule.kind === 'int') return `an integer from ${rule.min} to ${rule.max}`;
  const lower = rule.minExclusive ? `above ${rule.min}` : `from ${rule.min}`;
  return `a number ${lower} up to ${rule.max}`;
}

function accepts(rule: FieldRule, value: unknown): boolean {
  if (rule.kind === 'enum') return typeof value === 'string' && rule.values.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.kind === 'int' && !Number.isInteger(value)) return false;
  const aboveMin =
    rule.kind === 'number' && rule.minExclusive ? value > rule.min : value >= rule.min;
  return aboveMin && value <= rule.max;
}

/** True when `value` is allowed for `field`: the one rule parseConfig, the labs and URLs apply. */
export function fieldAccepts(field: keyof ExperimentConfig, value: unknown): boolean {
  return accepts(FIELD_RULES[field], value);
}

/** [min, max] of a numeric field, from FIELD_RULES (the controls' bounds). */
export function fieldRange(field: keyof ExperimentConfig): [number, number] {
  const rule = FIELD_RULES[field];
  if (rule.kind === 'enum') throw new Error(`${field} is not a numeric field`);
  return [rule.min, rule.max];
}

/** True for fields whose values are names (enums), false for numbers. */
export function isEnumField(field: keyof ExperimentConfig): boolean {
  return FIELD_RULES[field].kind === 'enum';
}

/**
 * Validates `input` (parsed JSON) and returns a complete config with defaults filled in.
 * @throws ConfigError naming every bad or unknown field, its value and what is allowed.
 */
export function parseConfig(input: unknown): ExperimentConfig {
  if (input === undefined || input === null) return { ...DEFAULT_CONFIG };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError([`config must be a JSON object, got ${show(input)}`]);
  }
  const problems: string[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(input)) {
    if (!Object.prototype.hasOwnProperty.call(FIELD_RULES, key)) {
      problems.push(`unknown field "${key}" (known: ${Object.keys(FIELD_RULES).join(', ')})`);
      continue;
    }
    const rule = FIELD_RULES[key as keyof ExperimentConfig];
    if (!accepts(rule, value)) {
      problems.push(`${key} is ${show(value)}, allowed: ${allowed(rule)}`);
      continue;
    }
    out[key] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as unknown as ExperimentConfig;
}
