/**
 * The PyTorch export: one self-contained Python file (needs only `torch` and the standard
 * library) that re-implements the engine for one config. It trains from the config's seed with
 * the engine's own data, initial weights and batch order (the seeded generators are ported bit
 * for bit), reproduces an exported run step for step (`--replicate DIR`, see replicate.ts), and
 * scales out: any depth the engine allows, CUDA, and data-parallel training under torchrun.
 * docs/design.md ("The PyTorch export") says what it mirrors and how batch norm is distributed.
 *
 * Pure TypeScript with no tfjs, so the page can build the file in its main bundle.
 */
import { activationSpec } from '../engine/activations';
import {
  ACTIVATIONS,
  DEFAULT_CONFIG,
  FIELD_RULES,
  parseConfig,
  type ExperimentConfig,
} from '../engine/config';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, BN_EPSILON, MOMENTUM } from '../engine/constants';
import { DIGITS_COUNT, DIGITS_PIXELS, DIGITS_TEST_FRACTION } from '../engine/data/digits';
import { PLANAR_NOISE, PLANAR_TEST_SIZE, PLANAR_TRAIN_SIZE } from '../engine/data/planar';
// The script's Python, in four real .py files (each comment names the engine file a part
// mirrors) that the bundler inlines as text, so the page builds the script without a fetch.
// Under tsx, scripts/text-imports.mjs does the same.
import PY_CLI from './py/cli.py?raw';
import PY_DATA from './py/data.py?raw';
import PY_NET from './py/net.py?raw';
import PY_TRAIN from './py/train.py?raw';

/** Options of `pytorchScript`. */
export interface PytorchScriptOptions {
  /**
   * Where the config came from, one line for the script's header, e.g.
   * `the "vanishing" lab, network B`. Defaults to a generic line.
   */
  source?: string;
  /** The command that re-makes this file, for the header (e.g. the CLI call). */
  command?: string;
}

/** One line, safe inside a Python comment. */
function commentLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

/**
 * What the Python parts leave as {{NAME}}: the engine's constants and activations, written from
 * the engine's own exports so that the script cannot drift from them. As JSON: Python literals for
 * the numbers and the noise table, json.loads reads the defaults and the field rules.
 */
function engineValues(): Record<string, string> {
  const activations = ACTIVATIONS.map((a) => `${JSON.stringify(a)}: ${activationSpec(a).torch}`);
  const asJson = {
    BN_EPSILON,
    MOMENTUM,
    ADAM_BETA1,
    ADAM_BETA2,
    ADAM_EPSILON,
    PLANAR_TRAIN_SIZE,
    PLANAR_TEST_SIZE,
    PLANAR_NOISE,
    DIGITS_PIXELS,
    DIGITS_COUNT,
    DIGITS_TEST_FRACTION,
    DEFAULT_CONFIG,
    FIELD_RULES,
  };
  return {
    ...Object.fromEntries(Object.entries(asJson).map(([k, v]) => [k, JSON.stringify(v)])),
    ACTIVATIONS: `{${activations.join(', ')}}`,
  };
}

/** `text` with every {{NAME}} replaced in one pass (inserted text is not searched again). */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the PyTorch script has no value for {{${name}}}`);
    return value;
  });
}

/**
 * The Python script for `config` (a complete, valid config; it is validated again here).
 * Run `python3 run.py --help` for its options; the usual calls are
 * `python3 run.py --replicate DIR`, `python3 run.py --blocks 500 --width 128 --steps 10000
 * --device cuda --out history.json` and `torchrun --nproc_per_node 2 run.py …`.
 * @throws ConfigError when `config` is not one the engine accepts.
 */
export function pytorchScript(config: ExperimentConfig, opts: PytorchScriptOptions = {}): string {
  const cfg = parseConfig(config);
  const source = commentLine(opts.source ?? 'a Residual experiment');
  const header = [
    '#!/usr/bin/env python3',
    `# Residual in PyTorch: ${source}.`,
    ...(opts.command ? [`# Made by: ${commentLine(opts.command)}`] : []),
    '"""The Residual engine (an explorable explanation of residual networks) in PyTorch.',
    '',
    'Trains the network of the embedded CONFIG exactly as the engine does: the same data set,',
    'initial weights and batch order for its seed, the same blocks, batch norm (eps BN_EPSILON,',
    'biased variance), optimizer and per-step measurements, and the same history JSON as the',
    "engine CLI's --out. Needs only torch.",
    '',
    '  python3 run.py --out history.json            train CONFIG',
    '  python3 run.py --replicate DIR               reproduce an exported engine run step for step',
    '  python3 run.py --blocks 500 --width 128 --steps 10000 --device cuda --out history.json',
    '  torchrun --nproc_per_node 2 run.py ...       data-parallel: each global batch split across',
    '                                               processes (gloo on CPU, nccl on CUDA)',
    '',
    'python3 run.py --help lists every option.',
    '"""',
  ].join('\n');
  const values = { ...engineValues(), CONFIG: JSON.stringify(cfg) };
  return [header, ...[PY_DATA, PY_NET, PY_TRAIN, PY_CLI].map((part) => fill(part, values))]
    .map((part) => part.trim() + '\n')
    .join('\n\n');
}
