// @vitest-environment node
/**
 * The degradation figure's shipped results (public/sweeps/degradation.json, made by
 * `npm run sweep`): made from the current engine and the article's sweep, complete, showing the
 * claim the article makes on every seed, and reproduced exactly by the engine for one run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/degradation.json';
import {
  DEGRADATION_SPEC,
  degradationHolds,
  summariseSweep,
  sweepRuns,
  type SweepFile,
} from '../src/model/sweep-spec';
import { runSweep } from '../src/model/sweep';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as SweepFile;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped degradation sweep', () => {
  it('was made by `npm run sweep` from the current engine and spec (else: run it again)', () => {
    expect(shipped.command).toBe('npm run sweep');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(DEGRADATION_SPEC)));
    expect(shipped.fingerprint, 'public/sweeps/degradation.json is stale: npm run sweep').toBe(
      engineFingerprint(DEGRADATION_SPEC, ENTRIES.sweep),
    );
  });

  it('has a point for every run of the spec', () => {
    const key = (r: { arm: string; blocks: number; seed: number }) =>
      `${r.seed}:${r.blocks}:${r.arm}`;
    expect(shipped.points.map(key)).toEqual(sweepRuns(DEGRADATION_SPEC).map(key));
  });

  it('shows on seeds 1, 2 and 3: deeper plain nets end worse, residual nets of every depth fit', () => {
    const holds = degradationHolds(shipped.points);
    expect(holds.seeds).toEqual([1, 2, 3]);
    expect(holds.plainRises).toEqual([true, true, true]);
    expect(holds.residualLow).toEqual([true, true, true]);
    // The shallowest nets fit equally well either way: the gap is made by depth.
    const rows = summariseSweep(shipped.points);
    const at = (arm: string, blocks: number) =>
      rows.find((r) => r.arm === arm && r.blocks === blocks)!.medianLoss;
    const shallowest = DEGRADATION_SPEC.depths[0]!;
    expect(Math.abs(at('plain', shallowest) - at('residual', shallowest))).toBeLessThan(0.1);
  });

  it('backs the article: the deepest plain nets stay at chance from start to end on every seed', () => {
    const deepest = Math.max(...DEGRADATION_SPEC.depths);
    const chance = Math.log(2);
    for (const p of shipped.points.filter((q) => q.arm === 'plain' && q.blocks === deepest)) {
      expect(p.trainLoss, `seed ${p.seed}`).toBeGreaterThan(chance - 0.03);
      expect(p.trainAccuracy, `seed ${p.seed}`).toBeLessThan(0.6);
      // "It never fits it": no window of its training is clearly below chance.
      expect(Math.min(...p.curve), `seed ${p.seed}`).toBeGreaterThan(chance - 0.05);
    }
  });

  it('is what the engine computes: one run again, on wasm, gives the same numbers', async () => {
    const blocks = 8;
    const again = await runSweep({ ...DEGRADATION_SPEC, depths: [blocks], seeds: [2] });
    for (const p of again.points) {
      const s = shipped.points.find((q) => q.seed === 2 && q.blocks === blocks && q.arm === p.arm)!;
      expect(p.trainLoss).toBeCloseTo(s.trainLoss, 5);
      expect(p.trainAccuracy).toBe(s.trainAccuracy);
      expect(p.curve.length).toBe(s.curve.length);
      p.curve.forEach((v, i) => expect(v).toBeCloseTo(s.curve[i]!, 5));
    }
  });
});
