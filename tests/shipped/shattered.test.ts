// @vitest-environment node
/**
 * The shattered-gradients figure's shipped measurements (public/sweeps/shattered.json, made by
 * `npm run sweep -- --shattered`): made from the current engine and the article's spec, complete,
 * showing what the article says on the seeds it reports (1–3) and, with the same thresholds, on
 * the held-out seeds (4–6), and what the engine computes now (every net of one seed again).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../../public/sweeps/shattered.json';
import { runShatteredSpec } from '../../src/model/studies/shattered/run';
import {
  allSeeds,
  lag1,
  SHATTERED_SPEC,
  shatteredMeasures,
  shatteredNets,
  shatteredVerdicts,
  type ShatteredFile,
} from '../../src/model/studies/shattered/spec';
import { engineFingerprint, ENTRIES } from '../../scripts/claims-fingerprint';
import { useNodeBackend } from '../../scripts/node-backend';

const shipped = shippedJson as unknown as ShatteredFile;
const spec = SHATTERED_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const key = (r: { seed: number; arm: string; branchScale: number | null; depth: number }) =>
  `${r.seed}:${r.arm}:${r.branchScale}:${r.depth}`;

describe('the shipped shattered-gradients measurements', () => {
  it('were made by `npm run sweep -- --shattered` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --shattered');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(shipped.spec.seeds).toEqual([1, 2, 3]);
    expect(shipped.spec.heldOutSeeds).toEqual([4, 5, 6]);
    expect(shipped.spec.branchScales).toEqual([1, 0.25]);
    expect(
      shipped.fingerprint,
      'public/sweeps/shattered.json is stale: npm run sweep -- --shattered',
    ).toBe(engineFingerprint(spec, ENTRIES.shattered));
  });

  it('have every net, its autocorrelation function, and the whole gradient where it is kept', () => {
    expect(shipped.runs.map(key)).toEqual(shatteredNets(spec).map(key));
    for (const r of shipped.runs) {
      expect(r.acf, key(r)).toHaveLength(spec.maxLag + 1);
      expect(r.acf[0], key(r)).toBeCloseTo(1, 4);
      if (spec.traceDepths.includes(r.depth) && spec.seeds.includes(r.seed))
        expect(r.gradient, key(r)).toHaveLength(spec.points);
      else expect(r.gradient, key(r)).toBeUndefined();
    }
  });

  it("state the measures of the runs they hold (what the article's numbers are read from)", () => {
    expect(shipped.measures).toEqual(shatteredMeasures(shipped.runs, spec.branchScales));
    expect(shipped.measures.map((m) => m.seed)).toEqual(allSeeds(spec));
  });

  for (const [set, seeds] of [
    ['the reported seeds', spec.seeds],
    ['the held-out seeds', spec.heldOutSeeds],
  ] as const) {
    it(`show on ${set} (${seeds.join(', ')}) what the article says`, () => {
      const verdicts = shatteredVerdicts(shipped.measures).filter((v) => seeds.includes(v.seed));
      expect(verdicts.map((v) => v.seed)).toEqual([...seeds]);
      for (const v of verdicts) {
        const at = (scale: number) => {
          const r = v.residual.find((x) => x.branchScale === scale);
          if (!r) throw new Error(`no verdict at ×${scale}`);
          return r;
        };
        const what = (s: string) => `${s}, seed ${v.seed} (${set})`;
        // "With one block, plain or residual, the derivative is a smooth curve" (and the plain
        // net's "by 64 blocks … rough as noise")
        expect(v.plainShatters, what('plain shatters')).toBe(true);
        expect(at(1).startsSmooth, what('×1 starts smooth')).toBe(true);
        expect(at(0.25).startsSmooth, what('×0.25 starts smooth')).toBe(true);
        // "from there on its autocorrelation stays near 0 at every lag …, as white noise's does"
        expect(v.plainWhite, what('plain white')).toBe(true);
        // "The shortcut alone … at 8 blocks the residual network's r₁ is still …"
        expect(at(1).correlated, what('×1 correlated')).toBe(true);
        // "… and it falls to 0.5 only at … times the plain network's depth"
        expect(at(1).slower, what('×1 slower')).toBe(true);
        // "By 64 blocks it is below 0.5 on every seed"
        expect(at(1).stillFalls, what('×1 still falls')).toBe(true);
        // "With each branch scaled by 0.25 … at 8 blocks r₁ is …"
        expect(at(0.25).correlated, what('×0.25 correlated')).toBe(true);
        // "… it reaches 0.5 at … times the plain network's depth"
        expect(at(0.25).slower, what('×0.25 slower')).toBe(true);
        // "… deeper than the residual network at scale 1 on every seed"
        expect(at(0.25).slowerThanLargerScale, what('×0.25 slower than ×1')).toBe(true);
        // "It still falls: below 0.5 by 64 blocks on every seed"
        expect(at(0.25).stillFalls, what('×0.25 still falls')).toBe(true);
      }
    });
  }

  // Every net of one seed again: every depth, arm and branch scale the file holds. The other
  // seeds' nets differ only in their seed, and the freshness check above ties them to this code.
  it('are what the engine computes now (every net of seed 2)', async () => {
    const seed = 2;
    const again = (await runShatteredSpec({
      ...spec,
      seeds: [seed],
      heldOutSeeds: [],
      traceDepths: [],
    }))!;
    const theirs = shipped.runs.filter((r) => r.seed === seed);
    expect(again.map(key)).toEqual(theirs.map(key));
    again.forEach((r, i) => {
      const s = theirs[i]!;
      // Deep plain nets are chaotic: rounding moves their r₁, which stays near 0.
      if (r.arm === 'plain' && r.depth > 8) expect(Math.abs(lag1(r)), key(r)).toBeLessThan(0.3);
      else r.acf.forEach((v, k) => expect(v, `${key(r)}, lag ${k}`).toBeCloseTo(s.acf[k]!, 4));
    });
  });
});
