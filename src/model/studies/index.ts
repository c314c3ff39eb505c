/**
 * The registry of studies: for each, its defaults, its run, its shipped file, the flag of
 * `npm run sweep` that makes that file with its options (cli.ts), the module its fingerprint reads
 * and its live side. The study worker's protocol and host (src/model/worker/study-*.ts),
 * `npm run sweep`, the fingerprints and the registry's test all read this list, so a new study is
 * its folder (spec.ts, run.ts, live.ts, cli.ts), one entry here and its figure. `study` asks for every field, and the protocol's
 * and host's types are mapped over the ids, so a study left half-registered does not compile.
 *
 * This module imports every study's training, and tfjs with it: the page imports its types only.
 */
import { DEGRADATION_FILE, DEGRADATION_SPEC } from './degradation/spec';
import { runSweep } from './degradation/run';
import { degradationLive } from './degradation/live';
import { degradationCli } from './degradation/cli';
import { LANDSCAPE_FILE, LANDSCAPE_SPEC } from './landscape/spec';
import { runLandscapeSpec } from './landscape/run';
import { landscapeLive } from './landscape/live';
import { landscapeCli } from './landscape/cli';
import { LESION_FILE, LESION_SPEC } from './lesion/spec';
import { runLesionSpec } from './lesion/run';
import { lesionLive } from './lesion/live';
import { lesionCli } from './lesion/cli';
import { PATHS_FILE, PATHS_SPEC } from './paths/spec';
import { runPathsSpec } from './paths/run';
import { pathsLive } from './paths/live';
import { pathsCli } from './paths/cli';
import { SHATTERED_FILE, SHATTERED_SPEC } from './shattered/spec';
import { runShatteredSpec } from './shattered/run';
import { shatteredLive } from './shattered/live';
import { shatteredCli } from './shattered/cli';
import type { Study, StudyMessage } from './study';
import { THOUSAND_LAYERS_FILE, THOUSAND_LAYERS_SPEC } from './thousand-layers/spec';
import { runDeepPair } from './thousand-layers/run';
import { thousandLayersLive } from './thousand-layers/live';
import { thousandLayersCli } from './thousand-layers/cli';

/** A study with all its fields, its types kept (the identity, checked). */
const study = <
  Id extends string,
  Spec,
  Job,
  Message extends StudyMessage,
  Run extends (...args: never[]) => unknown,
>(
  s: Study<Id, Spec, Job, Message, Run>,
) => s;

/** The registry as written, each entry under its own id. */
const registry = <T extends { [K in keyof T]: { id: K } }>(studies: T) => studies;

/** Every study, by id. */
export const STUDIES = registry({
  degradation: study({
    id: 'degradation',
    spec: DEGRADATION_SPEC,
    run: runSweep,
    file: DEGRADATION_FILE,
    flag: null,
    cli: degradationCli,
    entry: 'src/model/studies/degradation/run.ts',
    live: degradationLive,
  }),
  'thousand-layers': study({
    id: 'thousand-layers',
    spec: THOUSAND_LAYERS_SPEC,
    // The command line runs the spec's pairs one by one, to resume an interrupted comparison.
    run: runDeepPair,
    file: THOUSAND_LAYERS_FILE,
    flag: '--thousand-layers',
    cli: thousandLayersCli,
    entry: 'src/model/studies/thousand-layers/run.ts',
    live: thousandLayersLive,
  }),
  lesion: study({
    id: 'lesion',
    spec: LESION_SPEC,
    run: runLesionSpec,
    file: LESION_FILE,
    flag: '--lesion',
    cli: lesionCli,
    entry: 'src/model/studies/lesion/run.ts',
    live: lesionLive,
  }),
  paths: study({
    id: 'paths',
    spec: PATHS_SPEC,
    run: runPathsSpec,
    file: PATHS_FILE,
    flag: '--paths',
    cli: pathsCli,
    entry: 'src/model/studies/paths/run.ts',
    live: pathsLive,
  }),
  shattered: study({
    id: 'shattered',
    spec: SHATTERED_SPEC,
    run: runShatteredSpec,
    file: SHATTERED_FILE,
    flag: '--shattered',
    cli: shatteredCli,
    entry: 'src/model/studies/shattered/run.ts',
    live: shatteredLive,
  }),
  landscape: study({
    id: 'landscape',
    spec: LANDSCAPE_SPEC,
    run: runLandscapeSpec,
    file: LANDSCAPE_FILE,
    flag: '--landscape',
    cli: landscapeCli,
    entry: 'src/model/studies/landscape/run.ts',
    live: landscapeLive,
  }),
});

export type StudyId = keyof typeof STUDIES;

/** The ids, in the registry's order. */
export const STUDY_IDS = Object.keys(STUDIES) as StudyId[];

/** The defaults of each study. */
export type StudySpecs = { [K in StudyId]: (typeof STUDIES)[K]['spec'] };

/** The job that starts each study in the worker, without its `type`. */
export type StudyJobs = { [K in StudyId]: Parameters<(typeof STUDIES)[K]['live']>[0] };

/** What each study's worker answers with. */
export type StudyMessages = {
  [K in StudyId]: Parameters<(typeof STUDIES)[K]['live']>[1] extends {
    post(m: infer M extends StudyMessage): void;
  }
    ? M
    : never;
};
