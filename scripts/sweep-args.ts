/**
 * The arguments of `npm run sweep`: which study (its flag first; none for the degradation sweep),
 * which depths, seeds and steps, which changes to the base configuration, and where to write
 * (by default the study's shipped file, public/sweeps/<study>.json). The studies, their flags,
 * defaults and files are the registry's (src/model/studies/index.ts); this file says what options
 * each takes.
 */
import { parseConfig } from '../src/model/engine/config';
import { STUDIES, STUDY_IDS, type StudyId, type StudySpecs } from '../src/model/studies';
import { DEGRADATION_SPEC, type SweepSpec } from '../src/model/studies/degradation/spec';
import {
  BN_STATISTICS,
  LANDSCAPE_SPEC,
  type BnStatistics,
  type LandscapeSpec,
} from '../src/model/studies/landscape/spec';
import { LESION_SPEC, type LesionSpec } from '../src/model/studies/lesion/spec';
import type { PathsSpec } from '../src/model/studies/paths/spec';
import type { ShatteredSpec } from '../src/model/studies/shattered/spec';
import {
  DEEP_OPTIMIZERS,
  type DeepOptimizer,
  type DeepSpec,
} from '../src/model/studies/thousand-layers/spec';
import { UsageError } from './cli-args';
import {
  addSetOption,
  countOption,
  heldOutSeedsOption,
  integers,
  jsonObject,
  outOption,
  rates,
  reportedSeedsOption,
  seedsOption,
  sweepOptimizer,
  STUDY_OPTIONS,
  withBase,
  type Draft,
  type SweepKind,
} from './sweep-options';

/** What to run and where to write it: one study (of any, by default), its spec and the file. */
export type SweepArgs<K extends StudyId = StudyId> = {
  [P in K]: { study: P; spec: StudySpecs[P]; out: string };
}[K];

const DEGRADATION: SweepKind<SweepSpec> = {
  usage: `[--depths 1,2,4,…] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--curve-every N] [--optimizers adam:0.003,momentum:0.01] [--set '{"width":16}']
  [--out file.json]`,

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
  finish: ({ spec, set, steps }) => {
    // Validated as a whole (depth 1 stands in for the depths, which are checked one by one).
    const base = parseConfig({ ...spec.base, ...set, ...(steps ? { steps } : {}) });
    for (const blocks of spec.depths) parseConfig({ ...base, blocks });
    return { ...spec, base };
  },
};

const THOUSAND_LAYERS: SweepKind<DeepSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--steps N] [--optimizers momentum,adam] [--rates 0.003,0.01,…] [--set '{"width":16}']
  [--out file.json]`,

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
  finish: ({ spec, set }) => withBase(spec, set),
};

const LESION: SweepKind<LesionSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none] [--draws N]
  [--set '{"blocks":30}'] [--out file.json]`,

  options: {
    ...STUDY_OPTIONS,
    '--seeds': reportedSeedsOption(LESION_SPEC),
    '--held-out-seeds': heldOutSeedsOption,
    '--draws': countOption('draws', 1),
  },
  locked: { fields: ['skip', 'seed'], why: 'the study sets it for each net' },
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    const kMax = Math.min(study.kMax, Math.floor(study.base.blocks / 2));
    return { ...study, kMax };
  },
};

const PATHS: SweepKind<PathsSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--branch-scales 0.15,1] [--samples N] [--set '{"blocks":30}'] [--out file.json]`,

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
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    if (study.base.skip !== 'identity' || study.base.order !== 'pre')
      throw new UsageError(
        '--paths measures pre-activation residual nets: skip identity, order pre',
      );
    return study;
  },
};

const SHATTERED: SweepKind<ShatteredSpec> = {
  usage: `[--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--depths 1,2,4,…] [--branch-scales 1,0.25] [--out file.json]`,

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
  finish: ({ spec }) => spec,
};

const LANDSCAPE: SweepKind<LandscapeSpec> = {
  usage: `[--depths 8,16,24] [--seeds 1,2,3] [--held-out-seeds 4,5,6|none]
  [--statistics frozen,recomputed] [--grid N] [--set '{"width":16}'] [--out file.json]`,

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
  finish: ({ spec, set }) => {
    const study = withBase(spec, set);
    for (const blocks of study.depths) parseConfig({ ...study.base, blocks });
    return study;
  },
};

/** Each study's command line. */
const KINDS: { [K in StudyId]: SweepKind<StudySpecs[K]> } = {
  degradation: DEGRADATION,
  'thousand-layers': THOUSAND_LAYERS,
  lesion: LESION,
  paths: PATHS,
  shattered: SHATTERED,
  landscape: LANDSCAPE,
};

/** The usage text, printed with --help and after an unknown or incomplete option. */
export const SWEEP_USAGE = STUDY_IDS.map((id, i) => {
  const flag = STUDIES[id].flag;
  return `${i === 0 ? 'usage:' : '   or:'} npm run sweep -- ${flag ? `${flag} ` : ''}${KINDS[id].usage}`;
}).join('\n');

/** Reads `argv` (flag, value, flag, value, …) with the options of study `id`. */
function parseStudy<K extends StudyId>(id: K, argv: readonly string[]): SweepArgs<K> {
  const kind: SweepKind<StudySpecs[K]> = KINDS[id];
  let draft: Draft<StudySpecs[K]> = {
    spec: { ...(STUDIES[id].spec as StudySpecs[K]) },
    out: `public/${STUDIES[id].file}`,
    set: {},
  };
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
  return { study: id, spec: kind.finish(draft), out: draft.out } as SweepArgs<K>;
}

/** Parses the command line; throws UsageError with a sentence for anything it cannot use. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const first = STUDY_IDS.find((id) => argv[0] !== undefined && STUDIES[id].flag === argv[0]);
  if (first) return parseStudy(first, argv.slice(1));
  for (const id of STUDY_IDS) {
    const flag = STUDIES[id].flag;
    if (flag && argv.includes(flag))
      throw new UsageError(`${flag} goes first, before the other options`);
  }
  // Without a study's flag, the study that has none.
  return parseStudy(
    STUDY_IDS.find((id) => STUDIES[id].flag === null)!,
    argv,
  );
}
