/**
 * The presets' claims in training, shared by the files CLAIM_TEST_FILES names (more than one so
 * that the unit runner trains them on both cores). Each preset is trained once a run: its
 * networks, the very objects the labs open with, on ONE claim seed on the wasm backend (the one
 * the labs prefer and `npm run claims` uses), and must reproduce that seed's numbers in
 * src/model/labs/claims.json exactly. The other seeds are not trained again: tests/shipped/claims.test.ts
 * checks that claims.json was made from the current code, presets.test.ts that its recorded runs
 * show every claim on every seed, and reproducing one seed exactly shows that the file holds what
 * this code computes here.
 */
import { describe, expect, it } from 'vitest';
import claimsJson from '../../src/model/labs/claims.json';
import {
  CLAIM_SEEDS,
  forwardGrowth,
  weightRatio,
  type ClaimsData,
} from '../../src/model/labs/claims';
import { DATASET_CLASSES } from '../../src/model/engine/data/classes';
import { runExperiment } from '../../src/model/engine/experiment';
import { allPresets, PRESET_IDS, type PresetId } from '../../src/model/labs/presets';
import { claimHolds, verdict, type RunOutcome } from '../../src/model/labs/verdict';

const claims = claimsJson as unknown as ClaimsData;

/** The files (in src/model/labs/) that train the presets, each a contiguous part of them. */
export const CLAIM_TEST_FILES = ['presets-train-1.test.ts', 'presets-train-2.test.ts'] as const;

/** The presets the claim-test file at `fileUrl` (its import.meta.url) trains. */
export function claimTestPart(fileUrl: string): PresetId[] {
  const k = CLAIM_TEST_FILES.findIndex((f) => fileUrl.endsWith(`/${f}`));
  if (k < 0) throw new Error(`${fileUrl} is not one of CLAIM_TEST_FILES`);
  const size = Math.ceil(PRESET_IDS.length / CLAIM_TEST_FILES.length);
  return PRESET_IDS.slice(k * size, (k + 1) * size);
}

/**
 * The claim seed preset `id` is retrained on (an index into CLAIM_SEEDS): the presets take the
 * seeds in turn, so that every seed is retrained for some preset.
 */
export function retrainedSeed(id: PresetId): number {
  return PRESET_IDS.indexOf(id) % CLAIM_SEEDS.length;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Declares, for each preset of `ids`, its one training test. Call after selecting wasm. */
export function checkPresets(ids: readonly PresetId[]): void {
  describe.each(allPresets().filter((p) => ids.includes(p.id)))('preset $id', (p) => {
    const s = retrainedSeed(p.id);
    const seed = CLAIM_SEEDS[s]!;
    it(`reproduces claims.json on seed ${seed} and shows "${p.claim}"`, async () => {
      const outcomes: RunOutcome[] = [];
      for (const [i, config] of p.nets.entries()) {
        const r = await runExperiment({ ...config, seed });
        outcomes.push({ ...r.final, classes: DATASET_CLASSES[config.dataset] });
        // The article's numbers are this run's, to the last bit.
        const quoted = claims.presets[p.id].nets[i]!;
        const first = r.history[0]!;
        const measured = {
          weightRatio: weightRatio(first),
          forwardGrowth: forwardGrowth(first),
          trainLoss: finiteOrNull(r.final.trainLoss),
          testAccuracy: r.final.testAccuracy,
          diverged: r.final.diverged,
          divergedAtStep: r.final.divergedAtStep,
        };
        const recorded = Object.fromEntries(
          Object.keys(measured).map((k) => [k, quoted[k as keyof typeof measured][s]]),
        );
        expect(measured, `${p.id} net ${'AB'[i]}`).toEqual(recorded);
        if (s === 0) {
          // The step-0 profile a lab draws before its worker is ready is seed 1's.
          expect(Array.from(first.gradNorms)).toEqual(quoted.step0.gradNorms);
          expect(first.loss).toBe(quoted.step0.loss);
        }
      }
      expect(claimHolds(p.claim, outcomes), verdict(p.claim, outcomes).text).toBe(true);
    });
  });
}
