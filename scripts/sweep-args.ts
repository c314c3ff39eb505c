/**
 * The arguments of `npm run sweep`: which depths, seeds and steps, which changes to the base
 * configuration, and where to write. Without arguments it is the article's sweep
 * (DEGRADATION_SPEC) written to public/sweeps/degradation.json.
 */
import { parseConfig } from '../src/model/config';
import { DEGRADATION_FILE, DEGRADATION_SPEC, type SweepSpec } from '../src/model/sweep-spec';
import { UsageError } from './cli-args';

export const SWEEP_USAGE = `usage: npm run sweep -- [--depths 1,2,4,…] [--seeds 1,2,3] [--steps N]
  [--curve-every N] [--set '{"optimizer":"adam","learningRate":0.003}'] [--out file.json]`;

export interface SweepArgs {
  spec: SweepSpec;
  out: string;
}

function integers(flag: string, text: string | undefined, min: number): number[] {
  const values = (text ?? '').split(',').map((t) => Number(t.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < min))
    throw new UsageError(`${flag} takes integers of at least ${min}, separated by commas`);
  return values;
}

/** Parses the command line; throws UsageError with a sentence for anything it cannot use. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
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
    else if (flag === '--set') {
      try {
        set = JSON.parse(value) as Record<string, unknown>;
      } catch {
        throw new UsageError(`--set takes a JSON object, e.g. '{"optimizer":"adam"}'`);
      }
    } else throw new UsageError(`unknown option ${flag}\n${SWEEP_USAGE}`);
  }
  // Validated as a whole (depth 1 stands in for the depths, which are checked one by one).
  const base = parseConfig({ ...spec.base, ...set, ...(steps ? { steps } : {}) });
  for (const blocks of spec.depths) parseConfig({ ...base, blocks });
  return { spec: { ...spec, base }, out };
}
