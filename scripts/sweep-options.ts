/**
 * The pieces the options of `npm run sweep` are made of (sweep-args.ts puts them together per
 * study): number lists, JSON objects, what the options have collected so far, and the options
 * several studies share.
 */
import { OPTIMIZERS, parseConfig, type ExperimentConfig } from '../src/model/engine/config';
import { DEGRADATION_SPEC, type SweepOptimizer } from '../src/model/studies/degradation/spec';
import { UsageError } from './cli-args';

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
 * The command line of one study: the options it takes, and the spec its options make (its
 * defaults and shipped file are the registry's, src/model/studies/index.ts).
 */
export interface SweepKind<Spec> {
  /** Its options in the usage text, after its flag. */
  usage: string;
  options: Readonly<Record<string, SweepOption<Spec>>>;
  /** Fields of the base configuration that --set may not change, and why not. */
  locked?: { fields: readonly string[]; why: string };
  /** Checks the options as a whole (after `locked`) and makes the spec to run. */
  finish: (draft: Draft<Spec>) => Spec;
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

/**
 * One item of the depth sweep's --optimizers: `name:rate`, or `name` alone for the rate the
 * article's sweep gives that optimizer.
 */
export function sweepOptimizer(flag: string, text: string): SweepOptimizer {
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
