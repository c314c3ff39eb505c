// @vitest-environment node
/**
 * The path-length figure's shipped measurements (public/sweeps/paths.json, made by
 * `npm run sweep -- --paths`): made from the current engine and the article's spec, complete,
 * showing on seeds 1–3 what the article says, and reproduced by the engine for one seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/paths.json';
import { runPathsSpec } from '../src/model/path-study';
import {
  choose,
  decayPerBlock,
  effectiveLengths,
  pathShareBetween,
  pathsVerdicts,
  PATHS_SPEC,
  type PathsFile,
} from '../src/model/paths-spec';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as PathsFile;
const spec = PATHS_SPEC;
const n = spec.base.blocks;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped path-length study', () => {
  it('was made by `npm run sweep -- --paths` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --paths');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(shipped.fingerprint, 'public/sweeps/paths.json is stale: npm run sweep -- --paths').toBe(
      engineFingerprint(spec, ENTRIES.paths),
    );
  });

  it('has every seed and every length, at initialisation and after training', () => {
    expect(shipped.runs.map((r) => r.seed)).toEqual([...spec.seeds]);
    for (const r of shipped.runs)
      for (const rows of [r.init, r.trained]) {
        expect(rows.map((x) => x.k)).toEqual(Array.from({ length: n + 1 }, (_, k) => k));
        for (const x of rows) expect(x.sampled).toBe(Math.min(spec.samples, choose(n, x.k)));
      }
  });

  it('shows on seeds 1, 2 and 3 what the article says', () => {
    for (const v of pathsVerdicts(shipped.runs, n)) {
      // "each further block on a path multiplies its gradient by well under one"
      expect(v.decays, `seed ${v.seed}`).toBe(true);
      // "at initialisation … nine tenths from paths of at most half the depth"
      expect(v.initShorterHalf, `seed ${v.seed}`).toBe(true);
      // "after training … nine tenths from paths of at most a quarter of the depth"
      expect(v.trainedShort, `seed ${v.seed}`).toBe(true);
      // "training moves the peak to shorter paths"
      expect(v.trainingShortens, `seed ${v.seed}`).toBe(true);
    }
    for (const r of shipped.runs) {
      // "…about 1% of all the paths"
      const e = effectiveLengths(r.trained);
      expect(pathShareBetween(n, e.from, e.to), `seed ${r.seed}`).toBeLessThan(0.02);
      // "…after training it is smaller still"
      expect(decayPerBlock(r.trained)).toBeLessThan(decayPerBlock(r.init));
      // The trained nets fit: the measurement is of a net that works.
      expect(r.testError, `seed ${r.seed}`).toBeLessThan(0.05);
    }
  });

  it('is what the engine computes: seed 2 again gives the same measurements', async () => {
    const { runs } = await runPathsSpec({ ...spec, seeds: [2] });
    const s = shipped.runs.find((r) => r.seed === 2)!;
    for (const phase of ['init', 'trained'] as const)
      runs[0]![phase].forEach((row, k) => {
        const want = s[phase][k]!.perPath;
        expect(Math.abs(row.perPath - want), `${phase}, k ${k}`).toBeLessThanOrEqual(
          1e-4 * Math.abs(want) + 1e-30,
        );
      });
  });
});
