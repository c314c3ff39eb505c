/**
 * The fingerprint of what `npm run claims` measures: a hash of the engine's source (every
 * non-test file of src/model outside the worker) and of every configuration it runs. When either
 * changes, the committed claims.json is stale, and scripts/claims.test.ts says so.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLAIM_SEEDS,
  EXTRA_RUNS,
  extraConfig,
  sweepConfigs,
  type ExtraId,
} from '../src/model/claims';
import { allPresets } from '../src/model/presets';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'src/model');

/** The engine's source files, sorted, as paths relative to the repository. */
export function engineFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'worker') walk(path);
      } else if (
        /\.ts$/.test(e.name) &&
        !/\.test\.ts$/.test(e.name) &&
        !e.name.startsWith('testing')
      ) {
        out.push(relative(ROOT, path));
      }
    }
  };
  walk(MODEL);
  return out.sort();
}

/** sha256 over the engine's source and `configurations` (as JSON). */
export function engineFingerprint(configurations: unknown): string {
  const h = createHash('sha256');
  for (const f of engineFiles()) {
    h.update(f + '\0');
    // Line endings do not change what the code computes.
    h.update(readFileSync(join(ROOT, f), 'utf8').replace(/\r\n/g, '\n') + '\0');
  }
  h.update(JSON.stringify(configurations));
  return h.digest('hex');
}

/** sha256 over the engine's source and the claims' configurations. */
export function claimsFingerprint(): string {
  const extras = (Object.keys(EXTRA_RUNS) as ExtraId[]).map(extraConfig);
  return engineFingerprint({
    seeds: CLAIM_SEEDS,
    presets: allPresets(),
    extras,
    sweep: sweepConfigs(),
  });
}
