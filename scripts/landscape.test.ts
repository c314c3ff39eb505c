// @vitest-environment node
/**
 * The loss-landscape figure's shipped slices (public/sweeps/landscape.json, made by
 * `npm run sweep -- --landscape`): made from the current engine and the article's spec,
 * complete, showing on seeds 1–3 what the article says, and reproduced by the engine for one net.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/landscape.json';
import { runLandscapeSpec } from '../src/model/landscape';
import {
  LANDSCAPE_SPEC,
  landscapeNets,
  landscapeVerdicts,
  type LandscapeFile,
} from '../src/model/landscape-spec';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as LandscapeFile;
const spec = LANDSCAPE_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped loss landscapes', () => {
  it('were made by `npm run sweep -- --landscape` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --landscape');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(
      shipped.fingerprint,
      'public/sweeps/landscape.json is stale: npm run sweep -- --landscape',
    ).toBe(engineFingerprint(spec, ENTRIES.landscape));
  });

  it('have every net and every point of its grid', () => {
    expect(shipped.runs.map((r) => `${r.seed}:${r.arm}`)).toEqual(
      landscapeNets(spec).map((n) => `${n.seed}:${n.arm}`),
    );
    for (const r of shipped.runs) {
      expect(r.result.losses).toHaveLength(spec.grid * spec.grid);
      expect(r.result.losses.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    }
  });

  it('show on seeds 1, 2 and 3 what the article says', () => {
    for (const v of landscapeVerdicts(shipped.runs)) {
      expect(v.plainChaotic, `seed ${v.seed}`).toBe(true);
      expect(v.residualSmooth, `seed ${v.seed}`).toBe(true);
    }
    for (const seed of spec.seeds) {
      const of = (arm: string) =>
        shipped.runs.find((r) => r.seed === seed && r.arm === arm)!.result;
      const [plain, residual] = [of('plain'), of('residual')];
      // "both trained … to a loss far below chance" (ln 2 ≈ 0.69)
      expect(plain.centre).toBeLessThan(0.35);
      expect(residual.centre).toBeLessThan(0.35);
      // "at least 20 local minima … at 40% or more of the points the loss curves downward"
      expect(plain.curvature.localMinima).toBeGreaterThanOrEqual(20);
      expect(plain.curvature.radialNegative).toBeGreaterThanOrEqual(0.4);
      // "at most five local minima … at least ten points lower"
      expect(residual.curvature.localMinima).toBeLessThanOrEqual(5);
      expect(residual.curvature.radialNegative).toBeLessThanOrEqual(
        plain.curvature.radialNegative - 0.1,
      );
    }
  });

  it('are what the engine computes: the residual net of seed 2 again gives the same slice', async () => {
    const { runs } = await runLandscapeSpec({ ...spec, seeds: [2] });
    const again = runs.find((r) => r.arm === 'residual')!.result;
    const s = shipped.runs.find((r) => r.seed === 2 && r.arm === 'residual')!.result;
    expect(again.curvature).toEqual(s.curvature);
    // The file keeps four significant digits.
    again.losses.forEach((v, i) =>
      expect(Math.abs(v - s.losses[i]!), `point ${i}`).toBeLessThanOrEqual(1e-3 * v),
    );
  });
});
