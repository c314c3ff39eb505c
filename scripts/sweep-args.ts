/**
 * The arguments of `npm run sweep`: which depths, seeds and steps, which changes to the base
 * configuration, and where to write. Without arguments it is the article's sweep
 * (DEGRADATION_SPEC) written to public/sweeps/degradation.json; with `--thousand-layers` it is
 * the 500-block comparison of block orders (THOUSAND_LAYERS_SPEC) written to
 * public/sweeps/thousand-layers.json.
 */
import { parseConfig } from '../src/model/config';
import { LANDSCAPE_FILE, LANDSCAPE_SPEC, type LandscapeSpec } from '../src/model/landscape-spec';
import { LESION_FILE, LESION_SPEC, type LesionSpec } from '../src/model/lesion-spec';
import { PATHS_FILE, PATHS_SPEC, type PathsSpec } from '../src/model/paths-spec';
import { SHATTERED_FILE, SHATTERED_SPEC, type ShatteredSpec } from '../src/model/shattered-spec';
import {
  DEEP_OPTIMIZERS,
  THOUSAND_LAYERS_FILE,
  THOUSAND_LAYERS_SPEC,
  type DeepOptimizer,
  type DeepSpec,
} from '../src/model/deep-spec';
import { DEGRADATION_FILE, DEGRADATION_SPEC, type SweepSpec } from '../src/model/sweep-spec';
import { UsageError } from './cli-args';

export const SWEEP_USAGE = `usage: npm run sweep -- [--depths 1,2,4,…] [--seeds 1,2,3] [--steps N]
  [--curve-every N] [--set '{"optimizer":"adam","learningRate":0.003}'] [--out file.json]
   or: npm run sweep -- --thousand-layers [--seeds 1,2,3] [--steps N]
  [--optimizers momentum,adam] [--set '{"width":16}'] [--out file.json]
   or: npm run sweep -- --lesion [--seeds 1,2,3] [--draws N] [--set '{"blocks":30}'] [--out file.json]
   or: npm run sweep -- --paths [--seeds 1,2,3] [--samples N] [--set '{"blocks":30}'] [--out file.json]
   or: npm run sweep -- --shattered [--seeds 1,2,3] [--depths 1,2,4,…] [--out file.json]
   or: npm run sweep -- --landscape [--seeds 1,2,3] [--grid N] [--set '{"blocks":8}'] [--out file.json]`;

export type SweepArgs =
  | { kind: 'depth'; spec: SweepSpec; out: string }
  | { kind: 'thousand-layers'; spec: DeepSpec; out: string }
  | { kind: 'lesion'; spec: LesionSpec; out: string }
  | { kind: 'paths'; spec: PathsSpec; out: string }
  | { kind: 'shattered'; spec: ShatteredSpec; out: string }
  | { kind: 'landscape'; spec: LandscapeSpec; out: string };

function integers(flag: string, text: string | undefined, min: number): number[] {
  const values = (text ?? '').split(',').map((t) => Number(t.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < min))
    throw new UsageError(`${flag} takes integers of at least ${min}, separated by commas`);
  return values;
}

function jsonObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new UsageError(`--set takes a JSON object, e.g. '{"optimizer":"adam"}'`);
}

/** Parses the command line; throws UsageError with a sentence for anything it cannot use. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  if (argv[0] === '--thousand-layers') return parseDeepArgs(argv.slice(1));
  if (argv[0] === '--lesion') return parseLesionArgs(argv.slice(1));
  if (argv[0] === '--paths') return parsePathsArgs(argv.slice(1));
  if (argv[0] === '--shattered') return parseShatteredArgs(argv.slice(1));
  if (argv[0] === '--landscape') return parseLandscapeArgs(argv.slice(1));
  for (const kind of ['--thousand-layers', '--lesion', '--paths', '--shattered', '--landscape'])
    if (argv.includes(kind)) throw new UsageError(`${kind} goes first, before the other options`);
  let spec: SweepSpec = { ...DEGRADATION_SPEC };
  let out = `public/${DEGRADATION_FILE}`;
  let set: Record<string, unknown> = {};
  let steps: number | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--depths') spec = { ...spec, depths: integers(flag, value, 1) };
    else if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--steps') steps = integers(flag, value, 1)[0];
    else if (flag === '--curve-every') spec = { ...spec, curveEvery: integers(flag, value, 1)[0]! };
    else if (flag === '--out') out = value;
    else if (flag === '--set') set = jsonObject(value);
    else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  // Validated as a whole (depth 1 stands in for the depths, which are checked one by one).
  const base = parseConfig({ ...spec.base, ...set, ...(steps ? { steps } : {}) });
  for (const blocks of spec.depths) parseConfig({ ...base, blocks });
  return { kind: 'depth', spec: { ...spec, base }, out };
}

/** The options after `--thousand-layers`. */
function parseDeepArgs(argv: readonly string[]): SweepArgs {
  let spec: DeepSpec = { ...THOUSAND_LAYERS_SPEC };
  let out = `public/${THOUSAND_LAYERS_FILE}`;
  let set: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--steps') set = { ...set, steps: integers(flag, value, 1)[0] };
    else if (flag === '--out') out = value;
    else if (flag === '--set') set = { ...set, ...jsonObject(value) };
    else if (flag === '--optimizers') {
      const names = value.split(',').map((t) => t.trim());
      if (!names.every((n): n is DeepOptimizer => (DEEP_OPTIMIZERS as string[]).includes(n)))
        throw new UsageError(
          `--optimizers takes ${DEEP_OPTIMIZERS.join(', ')}, separated by commas`,
        );
      spec = { ...spec, optimizers: names };
    } else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  for (const field of ['order', 'optimizer', 'learningRate', 'seed'])
    if (field in set)
      throw new UsageError(`--set cannot change ${field}: the comparison sets it for each run`);
  return {
    kind: 'thousand-layers',
    spec: { ...spec, base: parseConfig({ ...spec.base, ...set }) },
    out,
  };
}

/** The options after `--lesion`. */
function parseLesionArgs(argv: readonly string[]): SweepArgs {
  let spec: LesionSpec = { ...LESION_SPEC };
  let out = `public/${LESION_FILE}`;
  let set: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--draws') spec = { ...spec, draws: integers(flag, value, 1)[0]! };
    else if (flag === '--out') out = value;
    else if (flag === '--set') set = { ...set, ...jsonObject(value) };
    else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  for (const field of ['skip', 'seed'])
    if (field in set)
      throw new UsageError(`--set cannot change ${field}: the study sets it for each net`);
  const base = parseConfig({ ...spec.base, ...set });
  return {
    kind: 'lesion',
    spec: { ...spec, base, kMax: Math.min(spec.kMax, Math.floor(base.blocks / 2)) },
    out,
  };
}

/** The options after `--paths`. */
function parsePathsArgs(argv: readonly string[]): SweepArgs {
  let spec: PathsSpec = { ...PATHS_SPEC };
  let out = `public/${PATHS_FILE}`;
  let set: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--samples') spec = { ...spec, samples: integers(flag, value, 1)[0]! };
    else if (flag === '--out') out = value;
    else if (flag === '--set') set = { ...set, ...jsonObject(value) };
    else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  if ('seed' in set) throw new UsageError('--set cannot change seed: use --seeds');
  const base = parseConfig({ ...spec.base, ...set });
  if (base.skip !== 'identity' || base.order !== 'pre')
    throw new UsageError('--paths measures pre-activation residual nets: skip identity, order pre');
  return { kind: 'paths', spec: { ...spec, base }, out };
}

/** The options after `--shattered`. */
function parseShatteredArgs(argv: readonly string[]): SweepArgs {
  let spec: ShatteredSpec = { ...SHATTERED_SPEC };
  let out = `public/${SHATTERED_FILE}`;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--depths') {
      const depths = integers(flag, value, 1);
      for (const blocks of depths) parseConfig({ ...spec.base, blocks });
      spec = { ...spec, depths, traceDepths: spec.traceDepths.filter((d) => depths.includes(d)) };
    } else if (flag === '--out') out = value;
    else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  return { kind: 'shattered', spec, out };
}

/** The options after `--landscape`. */
function parseLandscapeArgs(argv: readonly string[]): SweepArgs {
  let spec: LandscapeSpec = { ...LANDSCAPE_SPEC };
  let out = `public/${LANDSCAPE_FILE}`;
  let set: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    if (flag === '--seeds') spec = { ...spec, seeds: integers(flag, value, 0) };
    else if (flag === '--grid') spec = { ...spec, grid: integers(flag, value, 5)[0]! };
    else if (flag === '--out') out = value;
    else if (flag === '--set') set = { ...set, ...jsonObject(value) };
    else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  for (const field of ['skip', 'seed'])
    if (field in set)
      throw new UsageError(`--set cannot change ${field}: the slices set it for each net`);
  return { kind: 'landscape', spec: { ...spec, base: parseConfig({ ...spec.base, ...set }) }, out };
}
