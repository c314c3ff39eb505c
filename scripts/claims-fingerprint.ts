/**
 * The fingerprint of what `npm run claims` and `npm run sweep` measure: a hash of the engine's
 * source that a result depends on and of every configuration it ran. When either changes, the
 * committed result is stale, and its test says so.
 *
 * "The source a result depends on" is the entry module that computes it (claims.ts, sweep.ts,
 * deep.ts) and every module of src/model it imports, directly or not: a new analysis module, or
 * a change to the worker, does not make the committed results stale, while any change to the
 * network, its training or its data does. Test files and `testing*` helpers never count.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLAIM_SEEDS,
  EXTRA_RUNS,
  extraConfig,
  HELD_OUT_SEEDS,
  heroConfig,
  HERO_DEPTHS,
  sweepConfigs,
  vanishingDepthConfigs,
  type ExtraId,
} from '../src/model/claims';
import { allPresets } from '../src/model/presets';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'src/model');

/** The entry modules of the committed results, relative to the repository. */
export const ENTRIES = {
  claims: 'src/model/claims.ts',
  sweep: 'src/model/sweep.ts',
  deep: 'src/model/deep.ts',
  lesion: 'src/model/lesion.ts',
  paths: 'src/model/path-study.ts',
  shattered: 'src/model/shattered.ts',
  landscape: 'src/model/landscape.ts',
} as const;

/** Relative imports of a module's source: `from './x'`, `import './x'`, `import('./x')`. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:from\s+|import\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[1]!);
  return out;
}

/** The file a relative import names: x.ts, x/index.ts, or x itself (e.g. a .json). */
function resolveImport(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base])
    if (existsSync(candidate) && /\.(ts|json)$/.test(candidate)) return candidate;
  return null;
}

/**
 * The engine files `entry` depends on: itself and every module of src/model it imports,
 * transitively, sorted, as paths relative to the repository. JSON it imports (e.g. a data set's
 * table) counts too; results it imports (claims.json) do not.
 */
export function engineFiles(entry: string = ENTRIES.claims): string[] {
  const seen = new Set<string>();
  const visit = (abs: string) => {
    if (seen.has(abs) || !abs.startsWith(MODEL) || /\.test\.ts$/.test(abs)) return;
    if (abs.endsWith('claims.json')) return;
    seen.add(abs);
    if (!abs.endsWith('.ts')) return;
    for (const spec of importsOf(readFileSync(abs, 'utf8'))) {
      const target = resolveImport(abs, spec);
      if (target) visit(target);
    }
  };
  visit(join(ROOT, entry));
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/**
 * A module's source as the fingerprint reads it: line endings normalised, and the paths of its
 * relative imports blanked. Where a file lives, and so how others spell the way to it, does not
 * change what it computes; the names it imports, and the code of every file it reaches, do.
 */
export function fingerprintedSource(source: string): string {
  return source
    .replace(/\r\n/g, '\n')
    .replace(/((?:from\s+|import\s*\(?\s*)['"])\.{1,2}\/[^'"]+(['"])/g, '$1$2');
}

/**
 * sha256 over the source `entry` depends on and `configurations` (as JSON). Each file counts by
 * its content alone (see fingerprintedSource), in an order set by that content, so moving or
 * renaming engine files keeps every shipped result's fingerprint, while any change to code that
 * runs makes it stale.
 */
export function engineFingerprint(configurations: unknown, entry: string): string {
  const files = engineFiles(entry)
    .map((f) =>
      createHash('sha256')
        .update(fingerprintedSource(readFileSync(join(ROOT, f), 'utf8')))
        .digest('hex'),
    )
    .sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f + '\0');
  h.update(JSON.stringify(configurations));
  return h.digest('hex');
}

/** sha256 over the engine's source and the claims' configurations. */
export function claimsFingerprint(): string {
  const extras = (Object.keys(EXTRA_RUNS) as ExtraId[]).map(extraConfig);
  return engineFingerprint(
    {
      seeds: CLAIM_SEEDS,
      heldOutSeeds: HELD_OUT_SEEDS,
      presets: allPresets(),
      extras,
      sweep: sweepConfigs(),
      hero: HERO_DEPTHS.flatMap((b) => [heroConfig('identity', b), heroConfig('none', b)]),
      vanishingDepths: vanishingDepthConfigs(),
    },
    ENTRIES.claims,
  );
}
