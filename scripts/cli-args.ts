/**
 * Argument handling of the experiment CLI, kept apart from the run so it can be unit-tested.
 * Every problem becomes a `UsageError` whose message is the one line the CLI prints.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, type ExperimentConfig } from '../src/model/config';
import { NODE_BACKENDS, DEFAULT_NODE_BACKEND, type NodeBackend } from './node-backend';

export class UsageError extends Error {}

export const USAGE =
  'usage: npm run experiment -- --config <file.json | inline JSON> [--steps N] [--out result.json] ' +
  '[--export-initial init.json] [--backend cpu|wasm]';

export interface CliOptions {
  config: ExperimentConfig;
  out?: string;
  exportInitial?: string;
  backend: NodeBackend;
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
        steps: { type: 'string' },
        out: { type: 'string' },
        'export-initial': { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}; ${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  if (values.config === undefined) throw new UsageError(`--config is required; ${USAGE}`);
  const raw = readConfigArg(values.config);
  let input = raw;
  if (values.steps !== undefined) {
    if (!/^\d+$/.test(values.steps)) {
      throw new UsageError(`--steps is "${values.steps}", allowed: an integer from 0 to 100000`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new UsageError('config must be a JSON object');
    }
    input = { ...raw, steps: Number(values.steps) };
  }
  const backend = (values.backend ?? DEFAULT_NODE_BACKEND) as NodeBackend;
  if (!NODE_BACKENDS.includes(backend)) {
    throw new UsageError(`--backend is "${values.backend}", allowed: ${NODE_BACKENDS.join(', ')}`);
  }
  if (values.out !== undefined && values.out === values['export-initial']) {
    throw new UsageError('--out and --export-initial must name different files');
  }
  try {
    return {
      config: parseConfig(input),
      out: values.out,
      exportInitial: values['export-initial'],
      backend,
    };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
