/**
 * The arguments of `npm run sweep`: which depths, seeds and steps, which changes to the base
 * configuration, and where to write. Without arguments it is the article's sweep
 * (DEGRADATION_SPEC) written to public/sweeps/degradation.json; with `--thousand-layers` it is
 * the 500-block comparison of block orders (THOUSAND_LAYERS_SPEC) written to
 * public/sweeps/thousand-layers.json.
 */
import { OPTIMIZERS, parseConfig, type ExperimentConfig } from '../src/model/engine/config';
import {
  BN_STATISTICS,
  LANDSCAPE_FILE,
  LANDSCAPE_SPEC,
  type BnStatistics,
  type LandscapeSpec,
} from '../src/model/studies/landscape/spec';
import { LESION_FILE, LESION_SPEC, type LesionSpec } from '../src/model/studies/lesion/spec';
import { PATHS_FILE, PATHS_SPEC, type PathsSpec } from '../src/model/studies/paths/spec';
import {
  SHATTERED_FILE,
  SHATTERED_SPEC,
  type ShatteredSpec,
} from '../src/model/studies/shattered/spec';
import {
  DEEP_OPTIMIZERS,
  THOUSAND_LAYERS_FILE,
  THOUSAND_LAYERS_SPEC,
  type DeepOptimizer,
  type DeepSpec,
} from '../src/model/studies/thousand-layers/spec';
import {
  DEGRADATION_FILE,
  DEGRADATION_SPEC,
  type SweepOptimizer,
  type SweepSpec,
} from '../src/model/studies/degradation/spec';
import { UsageError } from './cli-args';

/** The usage text, printed with --help and after an unknown or incomplete option. */
export const SWEEP_USAGE = `usage: npm run sweep -- [--depths 1,2,4,…] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--curve-every N] [--optimizers adam:0.003,momentum:0.01] [--set '{"width":16}']
  [--out file.json]
   or: npm run sweep -- --thousand-layers [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--optimizers momentum,adam] [--rates 0.003,0.01,…] [--set '{"width":16}']
  [--out file.json]
   or: npm run sweep -- --lesion [--seeds 1,2,3] [--held-out-seeds 4,5,6|none] [--draws N]
  [--set '{"blocks":30}'] [--out file.json]
   or: npm run sweep -- --paths [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--branch-scales 0.15,1] [--samples N] [--set '{"blocks":30}'] [--out file.json]
   or: npm run sweep -- --shattered [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--depths 1,2,4,…] [--branch-scales 1,0.25] [--out file.json]
   or: npm run sweep -- --landscape [--depths 8,16,24] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--statistics frozen,recomputed] [--grid N] [--set '{"width":16}'] [--out file.json]`;

/** What to run and where to write it: one kind of sweep, its spec and the output file. */
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

/** Positive numbers separated by commas, ascending (learning rates). */
function rates(flag: string, text: string): number[] {
  const values = text.split(',').map((t) => Number(t.trim()));
  if (
    values.some((v) => !(v > 0 && v <= 10)) ||
    values.some((v, i) => i > 0 && v <= values[i - 1]!)
  )
    throw new UsageError(`${flag} takes ascending numbers in (0, 10], separated by commas`);
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

/** What the options of one kind of sweep have collected so far. */
interface Draft<Spec> {
  spec: Spec;
  out: string;
  /** Changes to the base configuration, from --set (and from --steps, for most kinds). */
  set: Record<string, unknown>;
  /** The depth sweep's --steps: kept apart because it wins over --set in whatever order. */
  steps?: number;
}

/** One option of a kind of sweep: what its value changes in the draft (or a UsageError). */
type SweepOption<Spec> = (value: string, draft: Draft<Spec>, flag: string) => Partial<Draft<Spec>>;

/** A kind of sweep: its defaults, the options it takes, and the result its options make. */
interface SweepKind<Spec> {
  spec: Spec;
  /** The shipped file, under public/: the default --out. */
  file: string;
  options: Readonly<Record<string, SweepOption<Spec>>>;
  /** Fields of the base configuration that --set may not change, and why not. */
  locked?: { fields: readonly string[]; why: string };
  /** Checks the options as a whole (after `locked`) and makes the arguments. */
  finish: (draft: Draft<Spec>) => SweepArgs;
}

// The options several kinds share.
const seedsOption = <Spec extends { seeds: readonly number[] }>(
  value: string,
  { spec }: Draft<Spec>,
  flag: string,
): Partial<Draft<Spec>> => ({ spec: { ...spec, seeds: integers(flag, value, 0) } });
const outOption = <Spec>(value: string): Partial<Draft<Spec>> => ({ out: value });
/** Repeated --set options add up, later fields winning (the depth sweep keeps only the last). */
const addSetOption = <Spec>(value: string, { set }: Draft<Spec>): Partial<Draft<Spec>> => ({
  set: { ...set, ...jsonObject(value) },
});
/** A spec that runs held-out seeds after the seeds it reports. */
interface HeldOut {
  seeds: readonly number[];
  heldOutSeeds: readonly number[];
}
/**
 * --seeds of a study with held-out seeds (`defaults`, the kind's spec): the seeds to run. The
 * held-out seeds are then dropped unless --held-out-seeds names some, before or after: a run of
 * seeds picked by hand is not a check on unseen seeds. (A spec whose held-out seeds are still
 * the defaults' very array has had no --held-out-seeds.)
 */
const reportedSeedsOption =
  <Spec extends HeldOut>(defaults: Spec): SweepOption<Spec> =>
  (value, { spec }, flag) => ({
    spec: {
      ...spec,
      seeds: integers(flag, value, 0),
      heldOutSeeds: spec.heldOutSeeds === defaults.heldOutSeeds ? [] : spec.heldOutSeeds,
    },
  });
/** --held-out-seeds: the seeds that only check the verdicts, or `none`. */
const heldOutSeedsOption = <Spec extends HeldOut>(
  value: string,
  { spec }: Draft<Spec>,
  flag: string,
): Partial<Draft<Spec>> => ({
  spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
});

/** The options of every kind but the depth sweep and --shattered: --seeds, --out, --set. */
const STUDY_OPTIONS = { '--seeds': seedsOption, '--out': outOption, '--set': addSetOption };

/** The fields of `Spec` that hold a number. */
type NumberKey<Spec> = { [K in keyof Spec]: Spec[K] extends number ? K : never }[keyof Spec];
/** An option that sets the number `key` of the spec to an integer of at least `min`. */
function countOption<Spec>(key: NumberKey<Spec>, min: number): SweepOption<Spec> {
  return (value, { spec }, flag) => ({ spec: { ...spec, [key]: integers(flag, value, min)[0]! } });
}

/** The spec with its base configuration changed by `set`, and validated. */
function withBase<Spec extends { base: ExperimentConfig }>(
  spec: Spec,
  set: Record<string, unknown>,
): Spec {
  return { ...spec, base: parseConfig({ ...spec.base, ...set }) };
}

/** Reads `argv` (flag, value, flag, value, …) with the options of `kind`. */
function parseKind<Spec>(kind: SweepKind<Spec>, argv: readonly string[]): SweepArgs {
  let draft: Draft<Spec> = { spec: { ...kind.spec }, out: `public/${kind.file}`, set: {} };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${SWEEP_USAGE}`);
    // Own keys only: a flag such as "constructor" must not find Object.prototype's.
    const option = Object.hasOwn(kind.options, flag) ? kind.options[flag] : undefined;
    if (!option) throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
    draft = { ...draft, ...option(value, draft, flag) };
  }
  const { fields = [], why = '' } = kind.locked ?? {};
  for (const field of fields)
    if (field in draft.set) throw new UsageError(`--set cannot change ${field}: ${why}`);
  return kind.finish(draft);
}

const DEPTH: SweepKind<SweepSpec> = {
  spec: DEGRADATION_SPEC,
  file: DEGRADATION_FILE,
  options: {
    '--depths': (value, { spec }, flag) => ({
      spec: { ...spec, depths: integers(flag, value, 1) },
    }),
    '--seeds': reportedSeedsOption(DEGRADATION_SPEC),
    '--held-out-seeds': heldOutSeedsOption,
    '--steps': (value, _, flag) => ({ steps: integers(flag, value, 1)[0] }),
    '--curve-every': countOption('curveEvery', 1),
    '--optimizers': (value, { spec }, flag) => ({
      spec: { ...spec, optimizers: value.split(',').map((t) => sweepOptimizer(flag, t.trim())) },
    }),
    '--out': outOption,
    '--set': (value) => ({ set: jsonObject(value) }),
  },
  locked: {
    fields: ['optimizer', 'learningRate'],
    why: 'each optimizer of the sweep sets it; use --optimizers, e.g. momentum:0.01',
  },
  finish: ({ spec, out, set, steps }) => {
    // Validated as a whole (depth 1 stands in for the depths, which are checked one by one).
    const base = parseConfig({ ...spec.base, ...set, ...(steps ? { steps } : {}) });
    for (const blocks of spec.depths) parseConfig({ ...base, blocks });
    return { kind: 'depth', spec: { ...spec, base }, out };
  },
};

/**
 * One item of the depth sweep's --optimizers: `name:rate`, or `name` alone for the rate the
 * article's sweep gives that optimizer.
 */
function sweepOptimizer(flag: string, text: string): SweepOptimizer {
  const [name, rate] = text.split(':');
  const usage = `${flag} takes ${OPTIMIZERS.join(', ')}, each with :rate (e.g. momentum:0.01), separated by commas`;
  const optimizer = OPTIMIZERS.find((o) => o === name);
  if (!optimizer) throw new UsageError(usage);
  const shipped = DEGRADATION_SPEC.optimizers.find((o) => o.optimizer === optimizer);
  const learningRate = rate === undefined ? shipped?.learningRate : Number(rate);
  if (learningRate === undefined) throw new UsageError(`${usage}; ${optimizer} needs a rate`);
  // parseConfig says what rates the engine accepts.
  parseConfig({ optimizer, learningRate });
  return { optimizer, learningRate };
}

const THOUSAND_LAYERS: SweepKind<DeepSpec> = {
  spec: THOUSAND_LAYERS_SPEC,
  file: THOUSAND_LAYERS_FILE,
  options: {
    ...STUDY_OPTIONS,
    '--steps': (value, { set }, flag) => ({ set: { ...set, steps: integers(flag, value, 1)[0] } }),
    '--optimizers': (value, { spec }) => {
      const names = value.split(',').map((t) => t.trim());
      if (!names.every((n): n is DeepOptimizer => (DEEP_OPTIMIZERS as string[]).includes(n)))
        throw new UsageError(
          `--optimizers takes ${DEEP_OPTIMIZERS.join(', ')}, separated by commas`,
        );
      return { spec: { ...spec, optimizers: names } };
    },
    // The held-out seeds only check the verdicts: a quick run may leave them out.
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    // The learning-rate axis is SGD with momentum's; Adam keeps its one rate.
    '--rates': (value, { spec }, flag) => ({
      spec: { ...spec, learningRates: { ...spec.learningRates, momentum: rates(flag, value) } },
    }),
  },
  locked: {
    fields: ['order', 'optimizer', 'learningRate', 'seed'],
    why: 'the comparison sets it for each run',
  },
  finish: ({ spec, out, set }) => ({ kind: 'thousand-layers', spec: withBase(spec, set), out }),
};

const LESION: SweepKind<LesionSpec> = {
  spec: LESION_SPEC,
  file: LESION_FILE,
  options: {
    ...STUDY_OPTIONS,
    '--seeds': reportedSeedsOption(LESION_SPEC),
    '--held-out-seeds': heldOutSeedsOption,
    '--draws': countOption('draws', 1),
  },
  locked: { fields: ['skip', 'seed'], why: 'the study sets it for each net' },
  finish: ({ spec, out, set }) => {
    const study = withBase(spec, set);
    const kMax = Math.min(study.kMax, Math.floor(study.base.blocks / 2));
    return { kind: 'lesion', spec: { ...study, kMax }, out };
  },
};

const PATHS: SweepKind<PathsSpec> = {
  spec: PATHS_SPEC,
  file: PATHS_FILE,
  options: {
    ...STUDY_OPTIONS,
    '--samples': countOption('samples', 1),
    // The held-out seeds only check the verdicts: a quick run may leave them out.
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--branch-scales': (value, { spec }, flag) => {
      const scales = value.split(',').map((t) => Number(t.trim()));
      if (scales.some((v) => !(v > 0 && v <= 1)))
        throw new UsageError(`${flag} takes numbers in (0, 1], separated by commas`);
      return { spec: { ...spec, branchScales: scales } };
    },
  },
  locked: { fields: ['seed', 'branchScale'], why: 'use --seeds and --branch-scales' },
  finish: ({ spec, out, set }) => {
    const study = withBase(spec, set);
    if (study.base.skip !== 'identity' || study.base.order !== 'pre')
      throw new UsageError(
        '--paths measures pre-activation residual nets: skip identity, order pre',
      );
    return { kind: 'paths', spec: study, out };
  },
};

const SHATTERED: SweepKind<ShatteredSpec> = {
  spec: SHATTERED_SPEC,
  file: SHATTERED_FILE,
  options: {
    '--seeds': seedsOption,
    // "none" measures the reported seeds alone (a quick look; the shipped file has both sets).
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--depths': (value, { spec }, flag) => {
      const depths = integers(flag, value, 1);
      for (const blocks of depths) parseConfig({ ...spec.base, blocks });
      return {
        spec: { ...spec, depths, traceDepths: spec.traceDepths.filter((d) => depths.includes(d)) },
      };
    },
    '--branch-scales': (value, { spec }, flag) => {
      const branchScales = value.split(',').map((t) => Number(t.trim()));
      const fits = (v: number) => v > 0 && v <= 1;
      if (
        !value.trim() ||
        !branchScales.every(fits) ||
        new Set(branchScales).size < branchScales.length
      )
        throw new UsageError(`${flag} takes distinct numbers in (0, 1], separated by commas`);
      return { spec: { ...spec, branchScales } };
    },
    '--out': outOption,
  },
  finish: ({ spec, out }) => ({ kind: 'shattered', spec, out }),
};

const LANDSCAPE: SweepKind<LandscapeSpec> = {
  spec: LANDSCAPE_SPEC,
  file: LANDSCAPE_FILE,
  options: {
    // Seeds picked by hand are no check on unseen seeds: --seeds drops the held-out seeds unless
    // --held-out-seeds names some (before or after; the defaults' very array means it did not).
    '--seeds': (value, { spec }, flag) => ({
      spec: {
        ...spec,
        seeds: integers(flag, value, 0),
        heldOutSeeds: spec.heldOutSeeds === LANDSCAPE_SPEC.heldOutSeeds ? [] : spec.heldOutSeeds,
      },
    }),
    '--held-out-seeds': (value, { spec }, flag) => ({
      spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
    }),
    '--depths': (value, { spec }, flag) => ({
      spec: { ...spec, depths: integers(flag, value, 1) },
    }),
    '--statistics': (value, { spec }, flag) => {
      const kinds = value.split(',').map((t) => t.trim());
      const known = (t: string): t is BnStatistics =>
        (BN_STATISTICS as readonly string[]).includes(t);
      if (!kinds.every(known))
        throw new UsageError(`${flag} takes ${BN_STATISTICS.join(', ')}, separated by commas`);
      return { spec: { ...spec, bnStatistics: kinds } };
    },
    '--grid': countOption('grid', 5),
    '--out': outOption,
    '--set': addSetOption,
  },
  locked: {
    fields: ['skip', 'seed', 'blocks'],
    why: 'the slices set it for each net (--depths, --seeds)',
  },
  finish: ({ spec, out, set }) => {
    const study = withBase(spec, set);
    for (const blocks of study.depths) parseConfig({ ...study.base, blocks });
    return { kind: 'landscape', spec: study, out };
  },
};

/**
 * The kinds a first argument chooses (without one, the depth sweep), in the order in which the
 * check that it does come first names them.
 */
const KINDS: Readonly<Record<string, (argv: readonly string[]) => SweepArgs>> = {
  '--thousand-layers': (argv) => parseKind(THOUSAND_LAYERS, argv),
  '--lesion': (argv) => parseKind(LESION, argv),
  '--paths': (argv) => parseKind(PATHS, argv),
  '--shattered': (argv) => parseKind(SHATTERED, argv),
  '--landscape': (argv) => parseKind(LANDSCAPE, argv),
};

/** Parses the command line; throws UsageError with a sentence for anything it cannot use. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const first = argv[0];
  if (first !== undefined && Object.hasOwn(KINDS, first)) return KINDS[first]!(argv.slice(1));
  for (const kind of Object.keys(KINDS))
    if (argv.includes(kind)) throw new UsageError(`${kind} goes first, before the other options`);
  return parseKind(DEPTH, argv);
}
