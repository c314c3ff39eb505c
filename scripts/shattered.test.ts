// @vitest-environment node
/**
 * The shattered-gradients figure's shipped measurements (public/sweeps/shattered.json, made by
 * `npm run sweep -- --shattered`): made from the current engine and the article's spec, complete,
 * showing on seeds 1–3 what the article says, and what the engine computes now.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/shattered.json';
import { runShatteredSpec } from '../src/model/shattered';
import {
  SHATTERED_SPEC,
  shatteredNets,
  shatteredVerdicts,
  type ShatteredFile,
} from '../src/model/shattered-spec';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as ShatteredFile;
const spec = SHATTERED_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped shattered-gradients measurements', () => {
  it('were made by `npm run sweep -- --shattered` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --shattered');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(
      shipped.fingerprint,
      'public/sweeps/shattered.json is stale: npm run sweep -- --shattered',
    ).toBe(engineFingerprint(spec, ENTRIES.shattered));
  });

  it('have every net, and the whole gradient for the traced depths', () => {
    expect(shipped.runs.map((r) => `${r.seed}:${r.arm}:${r.depth}`)).toEqual(
      shatteredNets(spec).map((n) => `${n.seed}:${n.arm}:${n.depth}`),
    );
    for (const r of shipped.runs)
      if (spec.traceDepths.includes(r.depth)) expect(r.gradient).toHaveLength(spec.points);
      else expect(r.gradient).toBeUndefined();
  });

  it('show on seeds 1, 2 and 3 what the article says', () => {
    for (const v of shatteredVerdicts(shipped.runs)) {
      // "the plain net's gradient … by 64 blocks it is as rough as white noise"
      expect(v.plainShatters, `seed ${v.seed}`).toBe(true);
      // "at the depth where the plain net's has become noise, the residual net's is still smooth"
      expect(v.residualCorrelated, `seed ${v.seed}`).toBe(true);
      // "the residual net's takes several times the depth to get as rough"
      expect(v.residualSlower, `seed ${v.seed}`).toBe(true);
    }
    const r1 = (seed: number, arm: string, depth: number) =>
      shipped.runs.find((r) => r.seed === seed && r.arm === arm && r.depth === depth)!.lag1;
    for (const seed of spec.seeds) {
      // "With one block, plain or residual, … r₁ near 1"
      expect(r1(seed, 'plain', 1)).toBeGreaterThan(0.9);
      expect(r1(seed, 'residual', 1)).toBeGreaterThan(0.9);
      // "by eight blocks its r₁ is below 0.2"; "at that depth the residual … above 0.6"
      expect(r1(seed, 'plain', 8)).toBeLessThan(0.2);
      expect(r1(seed, 'residual', 8)).toBeGreaterThan(0.6);
      // "by 64 blocks it is below 0.5 on every seed"
      expect(r1(seed, 'residual', 64)).toBeLessThan(0.5);
    }
  });

  it('are what the engine computes now', async () => {
    const again = (await runShatteredSpec(spec))!;
    again.forEach((r, i) => {
      const s = shipped.runs[i]!;
      const what = `seed ${r.seed}, ${r.arm}, ${r.depth} blocks`;
      // Deep plain nets are chaotic: rounding moves their r₁, which stays near 0.
      if (r.arm === 'plain' && r.depth > 8) expect(Math.abs(r.lag1), what).toBeLessThan(0.3);
      else expect(r.lag1, what).toBeCloseTo(s.lag1, 4);
    });
  });
});
