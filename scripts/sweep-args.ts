/**
 * The arguments of `npm run sweep`: which study (its flag first; none for the degradation sweep)
 * and the options that make its spec and say where to write (by default the study's shipped file,
 * public/<file>). The studies, their flags, defaults, files and options are the registry's
 * (src/model/studies/index.ts, each study's cli.ts).
 */
import { STUDIES, STUDY_IDS, type StudyId, type StudySpecs } from '../src/model/studies';
import { UsageError, type Draft, type StudyCli } from '../src/model/studies/cli';

/** What to run and where to write it: one study (of any, by default), its spec and the file. */
export type SweepArgs<K extends StudyId = StudyId> = {
  [P in K]: { study: P; spec: StudySpecs[P]; out: string };
}[K];

/** The command line of study `id`, with its spec's type. */
export const cliOf = <K extends StudyId>(id: K) =>
  STUDIES[id].cli as unknown as StudyCli<StudySpecs[K]>;

/** The usage text, printed with --help and after an unknown or incomplete option. */
export const SWEEP_USAGE = STUDY_IDS.map((id, i) => {
  const flag = STUDIES[id].flag;
  return `${i === 0 ? 'usage:' : '   or:'} npm run sweep -- ${flag ? `${flag} ` : ''}${cliOf(id).usage}`;
}).join('\n');

/** Reads `argv` (flag, value, flag, value, …) with the options of study `id`. */
function parseStudy<K extends StudyId>(id: K, argv: readonly string[]): SweepArgs<K> {
  const cli = cliOf(id);
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
    const option = Object.hasOwn(cli.options, flag) ? cli.options[flag] : undefined;
    if (!option) throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
    draft = { ...draft, ...option(value, draft, flag) };
  }
  const { fields = [], why = '' } = cli.locked ?? {};
  for (const field of fields)
    if (field in draft.set) throw new UsageError(`--set cannot change ${field}: ${why}`);
  return { study: id, spec: cli.finish(draft), out: draft.out } as SweepArgs<K>;
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
