/**
 * The experiment configuration: one plain JSON object that fully describes a network, its data
 * and its training. All fields are optional on input; `parseConfig` fills in defaults and rejects
 * anything unknown or out of range with a message that names the field, the value and what is
 * allowed. The same type drives the CLI, the Web Worker, the labs and the block diagrams.
 */
import { ACTIVATION_IDS, type Activation } from './activations';

export const ARCHS = ['mlp'] as const;
export const DATASETS = ['spiral', 'circles', 'xor', 'moons', 'digits'] as const;
export const SKIPS = ['identity', 'none'] as const;
export const ORDERS = ['post', 'pre'] as const;
export const NORMS = ['batch', 'none'] as const;
/** The activations of the table in activations.ts. */
export const ACTIVATIONS = ACTIVATION_IDS;
export const INITS = ['he', 'glorot', 'small'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;

export type Arch = (typeof ARCHS)[number];
export type DatasetName = (typeof DATASETS)[number];
export type Skip = (typeof SKIPS)[number];
/**
 * One shortcut setting for the whole net, or one per block (index 0 is block 1, next to the
 * stem). parseConfig turns a list whose entries are all equal into that one value, so a config
 * has a single spelling and uniform nets keep the JSON (and the fingerprints) they always had.
 */
export type SkipSetting = Skip | readonly Skip[];
export type Order = (typeof ORDERS)[number];
export type Norm = (typeof NORMS)[number];
export type { Activation };
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
  /**
   * `identity`: residual blocks; `none`: the same blocks stacked without the shortcut; or one of
   * these per block (see SkipSetting), to cut single shortcuts.
   */
  skip: SkipSetting;
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
  /** `perBlock`: a list with one value per block is allowed too (its length is checked apart). */
  | { kind: 'enum'; values: readonly string[]; perBlock?: true }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; minExclusive?: boolean };

/** What each field accepts; exported so that UIs can build their controls from it. */
export const FIELD_RULES: { readonly [K in keyof ExperimentConfig]: FieldRule } = {
  arch: { kind: 'enum', values: ARCHS },
  dataset: { kind: 'enum', values: DATASETS },
  blocks: { kind: 'int', min: 1, max: 500 },
  width: { kind: 'int', min: 2, max: 256 },
  skip: { kind: 'enum', values: SKIPS, perBlock: true },
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
  if (rule.kind === 'enum') {
    const one = `one of ${rule.values.map((v) => `"${v}"`).join(', ')}`;
    return rule.perBlock ? `${one}, or a list of those with one per block` : one;
  }
  if (rule.kind === 'int') return `an integer from ${rule.min} to ${rule.max}`;
  const lower = rule.minExclusive ? `above ${rule.min}` : `from ${rule.min}`;
  return `a number ${lower} up to ${rule.max}`;
}

function accepts(rule: FieldRule, value: unknown): boolean {
  if (rule.kind === 'enum') {
    const one = (v: unknown) => typeof v === 'string' && rule.values.includes(v);
    if (rule.perBlock && Array.isArray(value)) return value.length > 0 && value.every(one);
    return one(value);
  }
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
  const skip = out.skip as SkipSetting;
  if (problems.length === 0 && Array.isArray(skip)) {
    const blocks = out.blocks as number;
    if (skip.length !== blocks)
      problems.push(
        `skip has ${skip.length} ${skip.length === 1 ? 'entry' : 'entries'}, allowed: one per block (${blocks})`,
      );
    // One spelling per net: a list of equal entries is that entry.
    else out.skip = skip.every((s) => s === skip[0]) ? skip[0] : Object.freeze([...skip]);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as unknown as ExperimentConfig;
}

/** The shortcut of block `l` (0-based: block 1 of the parameter names is l = 0). */
export function skipAt(config: Pick<ExperimentConfig, 'skip'>, l: number): Skip {
  const { skip } = config;
  return typeof skip === 'string' ? skip : skip[l]!;
}

/** The per-block shortcuts of `config` as a list of `blocks` entries. */
export function skipList(config: Pick<ExperimentConfig, 'skip' | 'blocks'>): Skip[] {
  return Array.from({ length: config.blocks }, (_, l) => skipAt(config, l));
}

/** Whether every block's shortcut is `which` (a list of equal entries counts as uniform too). */
function every({ skip }: Pick<ExperimentConfig, 'skip'>, which: Skip): boolean {
  return typeof skip === 'string' ? skip === which : skip.every((s) => s === which);
}

/** True when every block has its shortcut (a residual net). */
export function allSkips(config: Pick<ExperimentConfig, 'skip'>): boolean {
  return every(config, 'identity');
}

/** True when no block has a shortcut (a plain net). */
export function noSkips(config: Pick<ExperimentConfig, 'skip'>): boolean {
  return every(config, 'none');
}

/** True when at least one block has its shortcut. */
export function someSkips(config: Pick<ExperimentConfig, 'skip'>): boolean {
  return !noSkips(config);
}
