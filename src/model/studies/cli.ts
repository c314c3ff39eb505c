/**
 * What a study's command line is made of. Each study's `cli.ts` says which options of
 * `npm run sweep` it takes, how they make its spec, and how it runs that spec and writes its
 * results file; scripts/sweep.ts reads the command line with them and lends them the disk and the
 * terminal (`SweepIo`), so that a study's folder holds its command line too. Here: the pieces the
 * options are made of (number lists, JSON objects, what the options have collected so far, the
 * options several studies share) and the types a study's command line fills in.
 */
import { parseConfig, type ExperimentConfig } from '../engine/config';
import type { DigitsLoader } from '../engine/data';

/** A command line the study cannot use; its message is the one line the command prints. */
export class UsageError extends Error {}

/** Integers of at least `min`, separated by commas. */
export function integers(flag: string, text: string | undefined, min: number): number[] {
  const values = (text ?? '').split(',').map((t) => Number(t.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < min))
    throw new UsageError(`${flag} takes integers of at least ${min}, separated by commas`);
  return values;
}

/** Positive numbers separated by commas, ascending (learning rates). */
export function rates(flag: string, text: string): number[] {
  const values = text.split(',').map((t) => Number(t.trim()));
  if (
    values.some((v) => !(v > 0 && v <= 10)) ||
    values.some((v, i) => i > 0 && v <= values[i - 1]!)
  )
    throw new UsageError(`${flag} takes ascending numbers in (0, 10], separated by commas`);
  return values;
}

export function jsonObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new UsageError(`--set takes a JSON object, e.g. '{"optimizer":"adam"}'`);
}

/** What the options of one kind of sweep have collected so far. */
export interface Draft<Spec> {
  spec: Spec;
  out: string;
  /** Changes to the base configuration, from --set (and from --steps, for most kinds). */
  set: Record<string, unknown>;
  /** The depth sweep's --steps: kept apart because it wins over --set in whatever order. */
  steps?: number;
}

/** One option of a kind of sweep: what its value changes in the draft (or a UsageError). */
export type SweepOption<Spec> = (
  value: string,
  draft: Draft<Spec>,
  flag: string,
) => Partial<Draft<Spec>>;

/**
 * The command line of one study: the options it takes, the spec its options make (its defaults
 * and shipped file are the registry's, src/model/studies/index.ts), and its run.
 */
export interface StudyCli<Spec> {
  /** Its options in the usage text, after its flag. */
  usage: string;
  options: Readonly<Record<string, SweepOption<Spec>>>;
  /** Fields of the base configuration that --set may not change, and why not. */
  locked?: { fields: readonly string[]; why: string };
  /** Checks the options as a whole (after `locked`) and makes the spec to run. */
  finish: (draft: Draft<Spec>) => Spec;
  /** Runs `spec`, says how it goes, writes the results to `io.out` and says what they show. */
  sweep: (spec: Spec, io: SweepIo) => Promise<void>;
}

/** The head every results file starts with. */
export interface FileHead<Spec> {
  /** The command line that made it. */
  command: string;
  /** The fingerprint of the code that made it (scripts/claims-fingerprint.ts). */
  fingerprint: string;
  backend: string;
  spec: Spec;
}

/** What `npm run sweep` lends a study's run: the disk, the terminal and the clock. */
export interface SweepIo {
  /** Where the results go. */
  out: string;
  loadDigits: DigitsLoader;
  /** The head of this run's results file for `spec`. */
  head<Spec>(spec: Spec): FileHead<Spec>;
  /** The fingerprint of this study's code for `spec`, to tell whether an older file is current. */
  fingerprint(spec: unknown): string;
  /** Writes `file` to `path` (atomically), the array under `key` one item per line. */
  writeItems<F extends object>(path: string, file: F, key: keyof F & string): Promise<void>;
  /** Writes `value` to `path` as indented JSON. */
  writeJson(path: string, value: unknown): Promise<void>;
  /** The JSON in `path`, or null if there is none that parses. */
  readJson(path: string): Promise<unknown>;
  remove(path: string): Promise<void>;
  /** A line of progress (standard error). */
  progress(line: string): void;
  /** A line of what the results show (standard output). */
  say(line: string): void;
  /** The time since the run started, e.g. "42 s". */
  elapsed(): string;
}

// The options several kinds share.
export const seedsOption = <Spec extends { seeds: readonly number[] }>(
  value: string,
  { spec }: Draft<Spec>,
  flag: string,
): Partial<Draft<Spec>> => ({ spec: { ...spec, seeds: integers(flag, value, 0) } });
export const outOption = <Spec>(value: string): Partial<Draft<Spec>> => ({ out: value });
/** Repeated --set options add up, later fields winning (the depth sweep keeps only the last). */
export const addSetOption = <Spec>(value: string, { set }: Draft<Spec>): Partial<Draft<Spec>> => ({
  set: { ...set, ...jsonObject(value) },
});
/** A spec that runs held-out seeds after the seeds it reports. */
export interface HeldOut {
  seeds: readonly number[];
  heldOutSeeds: readonly number[];
}
/**
 * --seeds of a study with held-out seeds (`defaults`, the kind's spec): the seeds to run. The
 * held-out seeds are then dropped unless --held-out-seeds names some, before or after: a run of
 * seeds picked by hand is not a check on unseen seeds. (A spec whose held-out seeds are still
 * the defaults' very array has had no --held-out-seeds.)
 */
export const reportedSeedsOption =
  <Spec extends HeldOut>(defaults: Spec): SweepOption<Spec> =>
  (value, { spec }, flag) => ({
    spec: {
      ...spec,
      seeds: integers(flag, value, 0),
      heldOutSeeds: spec.heldOutSeeds === defaults.heldOutSeeds ? [] : spec.heldOutSeeds,
    },
  });
/** --held-out-seeds: the seeds that only check the verdicts, or `none`. */
export const heldOutSeedsOption = <Spec extends HeldOut>(
  value: string,
  { spec }: Draft<Spec>,
  flag: string,
): Partial<Draft<Spec>> => ({
  spec: { ...spec, heldOutSeeds: value === 'none' ? [] : integers(flag, value, 0) },
});

/** The options of every kind but the depth sweep and --shattered: --seeds, --out, --set. */
export const STUDY_OPTIONS = { '--seeds': seedsOption, '--out': outOption, '--set': addSetOption };

/** The fields of `Spec` that hold a number. */
export type NumberKey<Spec> = { [K in keyof Spec]: Spec[K] extends number ? K : never }[keyof Spec];
/** An option that sets the number `key` of the spec to an integer of at least `min`. */
export function countOption<Spec>(key: NumberKey<Spec>, min: number): SweepOption<Spec> {
  return (value, { spec }, flag) => ({ spec: { ...spec, [key]: integers(flag, value, min)[0]! } });
}

/** The spec with its base configuration changed by `set`, and validated. */
export function withBase<Spec extends { base: ExperimentConfig }>(
  spec: Spec,
  set: Record<string, unknown>,
): Spec {
  return { ...spec, base: parseConfig({ ...spec.base, ...set }) };
}
