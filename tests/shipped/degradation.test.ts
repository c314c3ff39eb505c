// @vitest-environment node
/**
 * The degradation figure's shipped results (public/sweeps/degradation.json, made by
 * `npm run sweep`): made from the current engine and the article's sweep, complete, showing what
 * the article says (src/content/sections/DegradationText.tsx, each sentence quoted beside its check) on
 * seeds 1–3, which set the thresholds, and with the same thresholds on the held-out seeds 4–6,
 * under both optimizers; and reproduced exactly by the engine for both nets of one depth under
 * each optimizer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../../public/sweeps/degradation.json';
import type { OptimizerName } from '../../src/model/engine/config';
import {
  DEGRADATION_SPEC,
  pointsOf,
  sweepRuns,
  type SweepFile,
} from '../../src/model/studies/degradation/spec';
import { degradationVerdicts, RESIDUAL_FITS } from '../../src/model/studies/degradation/verdicts';
import { runSweep } from '../../src/model/studies/degradation/run';
import { degradationNumbers } from '../../src/components/studies/degradation/degradationData';
import { engineFingerprint, ENTRIES } from '../../scripts/claims-fingerprint';
import { useNodeBackend } from '../../scripts/node-backend';

const shipped = shippedJson as unknown as SweepFile;
const spec = DEGRADATION_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped degradation sweep', () => {
  it('was made by `npm run sweep` from the current engine and spec (else: run it again)', () => {
    expect(shipped.command).toBe('npm run sweep');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(shipped.fingerprint, 'public/sweeps/degradation.json is stale: npm run sweep').toBe(
      engineFingerprint(spec, ENTRIES.degradation),
    );
  });

  it('has a point for every run of the spec: both optimizers, seeds 1–3 and 4–6', () => {
    const key = (r: { optimizer: string; arm: string; blocks: number; seed: number }) =>
      `${r.optimizer}:${r.seed}:${r.blocks}:${r.arm}`;
    expect(shipped.points.map(key)).toEqual(sweepRuns(spec).map(key));
    expect(spec.heldOutSeeds).toEqual([4, 5, 6]);
  });

  const SETS = [
    ['seeds 1–3, which set the thresholds', spec.seeds],
    ['held-out seeds 4–6, which only check them', spec.heldOutSeeds],
  ] as const;
  const OPTIMIZERS: OptimizerName[] = spec.optimizers.map((o) => o.optimizer);

  for (const [set, seeds] of SETS)
    describe(`on ${set}`, () => {
      for (const optimizer of OPTIMIZERS) {
        const points = () => pointsOf(shipped.points, optimizer, seeds);
        const verdicts = () => {
          const v = degradationVerdicts(points());
          expect(v.map((x) => x.seed)).toEqual(seeds);
          return v;
        };
        const numbers = () => degradationNumbers(shipped, optimizer, seeds);
        // The text quotes the numbers of seeds 1–3; on 4–6 they must be the same.
        const quoted = () => degradationNumbers(shipped, optimizer, spec.seeds);

        it(`${optimizer}: "Up to [8 blocks], plain nets fit the training set as residual ones do"`, () => {
          for (const v of verdicts()) expect(v.plainFitsUpTo, `seed ${v.seed}`).not.toBeNull();
          // The number the text quotes (the shallowest over the set's seeds).
          expect(numbers().plainFitsUpTo).not.toBeNull();
          expect(numbers().plainFitsUpTo).toBe(quoted().plainFitsUpTo);
        });

        it(`${optimizer}: "Deeper than that the plain nets end worse", "while the residual nets of every depth fit"`, () => {
          for (const v of verdicts()) {
            const deeper = points().filter(
              (p) => p.seed === v.seed && p.arm === 'plain' && p.blocks > v.plainFitsUpTo!,
            );
            expect(deeper.length, `seed ${v.seed}`).toBeGreaterThan(0);
            for (const p of deeper)
              expect(p.trainLoss, `seed ${v.seed}, ${p.blocks} blocks`).toBeGreaterThanOrEqual(
                RESIDUAL_FITS,
              );
            expect(v.plainRises, `seed ${v.seed}`).toBe(true);
            expect(v.residualFits, `seed ${v.seed}`).toBe(true);
          }
        });

        it(`${optimizer}: "from [32 blocks] on they sit at chance", "In the [400] steps of these runs it never fits it at all", "Ours, from [32 blocks] on, learn nothing in those steps"`, () => {
          // plainAtChanceFrom counts a net only when it ends at chance and no window of its
          // training curve came clearly below chance.
          for (const v of verdicts()) expect(v.plainAtChanceFrom, `seed ${v.seed}`).not.toBeNull();
          expect(numbers().plainAtChanceFrom).not.toBeNull();
          expect(numbers().plainAtChanceFrom).toBe(quoted().plainAtChanceFrom);
        });
      }

      it('"The shape stays: plain nets fit up to [8 blocks] and sit at chance from [32 blocks] on" under SGD as under Adam', () => {
        const [adam, momentum] = (['adam', 'momentum'] as const).map((o) =>
          degradationNumbers(shipped, o, seeds),
        );
        expect(momentum!.plainFitsUpTo).toBe(adam!.plainFitsUpTo);
        expect(momentum!.plainAtChanceFrom).toBe(adam!.plainAtChanceFrom);
      });

      it('adam: "the deep plain net is behind from its first steps" (the third plot)', () => {
        // The curves the plot draws: the shallow plain net (the first of at least 4 blocks) and
        // the deepest; every window of the deep one's training is higher.
        for (const seed of seeds) {
          const plain = pointsOf(shipped.points, 'adam', [seed]).filter((p) => p.arm === 'plain');
          const shallow = plain.find((p) => p.blocks >= 4)!;
          const deep = plain.at(-1)!;
          expect(deep.curve).toHaveLength(shallow.curve.length);
          deep.curve.forEach((v, i) =>
            expect(v, `seed ${seed}, window ${i + 1}`).toBeGreaterThan(shallow.curve[i]!),
          );
        }
      });

      it('adam: no run diverges (under SGD "Those nets do not degrade, they blow up")', () => {
        for (const p of pointsOf(shipped.points, 'adam', seeds))
          expect(p.diverged, `seed ${p.seed}, ${p.blocks} blocks, ${p.arm}`).toBe(false);
      });

      it('momentum: "Under SGD the plain net of [100 blocks] diverges at step [1] on every seed"; the shallower plain nets reach chance without blowing up; no residual net diverges', () => {
        const { plainDiverged, plainAtChanceFrom } = degradationNumbers(shipped, 'momentum', seeds);
        const deepest = Math.max(...spec.depths);
        expect(plainDiverged.at(-1)).toEqual({ blocks: deepest, seeds: seeds.length, steps: [1] });
        // Every plain net that blew up is deeper than the shallowest at chance: the nets that
        // reach chance first do so without diverging.
        for (const d of plainDiverged) expect(d.blocks).toBeGreaterThan(plainAtChanceFrom!);
        for (const p of pointsOf(shipped.points, 'momentum', seeds).filter(
          (q) => q.arm === 'residual',
        ))
          expect(p.diverged, `seed ${p.seed}, ${p.blocks} blocks`).toBe(false);
      });
    });

  it('is what the engine computes: both nets of one depth under each optimizer again, on wasm, give the same numbers', async () => {
    // Two blocks: every arm and optimizer of the sweep, its 400 steps and its curve, at a third
    // of the cost of 8 blocks (the deeper nets run the same code with more layers, and the
    // freshness check ties their points to it).
    const blocks = 2;
    const again = await runSweep({ ...spec, depths: [blocks], seeds: [2], heldOutSeeds: [] });
    expect(again.points).toHaveLength(2 * spec.optimizers.length);
    for (const p of again.points) {
      const s = shipped.points.find(
        (q) =>
          q.optimizer === p.optimizer && q.seed === 2 && q.blocks === blocks && q.arm === p.arm,
      )!;
      expect(p.trainLoss).toBeCloseTo(s.trainLoss, 5);
      expect(p.trainAccuracy).toBe(s.trainAccuracy);
      expect(p.curve.length).toBe(s.curve.length);
      p.curve.forEach((v, i) => expect(v).toBeCloseTo(s.curve[i]!, 5));
    }
  });
});
