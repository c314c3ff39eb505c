/**
 * Argument handling of the experiment CLI, kept apart from the run so it can be unit-tested.
 * Every problem becomes a `UsageError` whose message is the one line the CLI prints.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ANALYSES, isAnalysis, type AnalysisName } from '../src/model/studies/analyses';
import { ConfigError, parseConfig, type ExperimentConfig } from '../src/model/engine/config';
import { isPresetId, preset, PRESET_IDS } from '../src/model/labs/presets';
import { UsageError } from '../src/model/studies/cli';
import { NODE_BACKENDS, DEFAULT_NODE_BACKEND, type NodeBackend } from './node-backend';

// One class for every command line's usage errors (the sweep's live with the studies).
export { UsageError };

export const USAGE =
  'usage: npm run experiment -- (--config <file.json | inline JSON> | --preset <id> [--net A|B]) ' +
  '[--seed N] [--steps N] [--out result.json] [--export-initial init.json] ' +
  '[--export-replicate DIR] [--export-pytorch run.py] [--backend cpu|wasm] ' +
  `[--analyses ${ANALYSES.join(',')}]`;

export interface CliOptions {
  config: ExperimentConfig;
  out?: string;
  exportInitial?: string;
  /** A folder for the run's replicate files (src/model/pytorch/replicate.ts). */
  exportReplicate?: string;
  /** A file for the PyTorch script of the config (src/model/pytorch/script.ts). */
  exportPytorch?: string;
  /** How the config was named on the command line, for the PyTorch script's header. */
  source: string;
  backend: NodeBackend;
  /** Analyses of the trained network to add to the output (src/model/studies/analyses.ts). */
  analyses: AnalysisName[];
}

function readConfigArg(arg: string): unknown {
  const inline = /^\s*[[{]/.test(arg);
  let text = arg;
  if (!inline) {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read config file "${arg}": ${(e as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const where = inline ? 'inline config' : `config file "${arg}"`;
    throw new UsageError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The configuration the arguments name: `--config` (a file or inline JSON), or `--preset` with
 * `--net` (A by default): the same preset object the lab opens with.
 */
function configInput(values: { config?: string; preset?: string; net?: string }): unknown {
  if (values.config !== undefined && values.preset !== undefined) {
    throw new UsageError('give --config or --preset, not both');
  }
  if (values.preset !== undefined) {
    if (!isPresetId(values.preset)) {
      throw new UsageError(`--preset is "${values.preset}", allowed: ${PRESET_IDS.join(', ')}`);
    }
    const nets = preset(values.preset).nets;
    const names = nets.map((_, i) => 'AB'[i]!);
    const net = values.net ?? 'A';
    const i = names.indexOf(net);
    if (i < 0) {
      throw new UsageError(
        `--net is "${net}", allowed for preset ${values.preset}: ${names.join(', ')}`,
      );
    }
    return { ...nets[i] };
  }
  if (values.net !== undefined) throw new UsageError('--net needs --preset');
  if (values.config === undefined)
    throw new UsageError(`--config or --preset is required; ${USAGE}`);
  return readConfigArg(values.config);
}

/** Where the config came from, in words (the PyTorch script's header). */
function describeSource(values: { config?: string; preset?: string; net?: string }): string {
  if (values.preset !== undefined)
    return `the "${values.preset}" lab, network ${values.net ?? 'A'}`;
  return /^\s*[[{]/.test(values.config ?? '') ? 'an inline config' : `the config ${values.config}`;
}

/**
 * Parses the CLI's arguments (without `node script`).
 * @throws UsageError with a one-line message for any bad argument or config value.
 */
export function parseCliArgs(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        preset: { type: 'string' },
        net: { type: 'string' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        out: { type: 'string' },
        'export-initial': { type: 'string' },
        'export-replicate': { type: 'string' },
        'export-pytorch': { type: 'string' },
        backend: { type: 'string' },
        analyses: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}; ${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const raw = configInput(values);
  let input = raw;
  for (const [field, text, max] of [
    ['steps', values.steps, 100_000],
    ['seed', values.seed, 4_294_967_295],
  ] as const) {
    if (text === undefined) continue;
    if (!/^\d+$/.test(text)) {
      throw new UsageError(`--${field} is "${text}", allowed: an integer from 0 to ${max}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new UsageError('config must be a JSON object');
    }
    input = { ...(input as object), [field]: Number(text) };
  }
  const backend = (values.backend ?? DEFAULT_NODE_BACKEND) as NodeBackend;
  if (!NODE_BACKENDS.includes(backend)) {
    throw new UsageError(`--backend is "${values.backend}", allowed: ${NODE_BACKENDS.join(', ')}`);
  }
  const files = (['out', 'export-initial', 'export-pytorch'] as const).filter(
    (k) => values[k] !== undefined,
  );
  for (const [i, a] of files.entries()) {
    const b = files.slice(i + 1).find((k) => values[k] === values[a]);
    if (b) throw new UsageError(`--${a} and --${b} must name different files`);
  }
  const folder = values['export-replicate'];
  if (folder !== undefined && files.some((k) => values[k] === folder)) {
    throw new UsageError('--export-replicate must name a folder no other output uses');
  }
  const analyses = values.analyses === undefined ? [] : values.analyses.split(',');
  const unknown = analyses.filter((a) => !isAnalysis(a));
  if (unknown.length > 0)
    throw new UsageError(
      `--analyses has ${unknown.map((a) => `"${a}"`).join(', ')}, allowed: ${ANALYSES.join(', ')}`,
    );
  try {
    return {
      config: parseConfig(input),
      out: values.out,
      exportInitial: values['export-initial'],
      exportReplicate: folder,
      exportPytorch: values['export-pytorch'],
      source: describeSource(values),
      backend,
      analyses: analyses as AnalysisName[],
    };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
