/**
 * The test of every lab's claim in training, shared by presets.test.ts and presets-order.test.ts
 * (two files so that the unit runner trains them on both cores). Each preset's networks, the very
 * objects the labs open with, are trained for the preset's steps on seeds 1–3 on the wasm backend
 * (the one the labs prefer). They must show what the lab's title and text say (claimHolds,
 * verdict.ts) and reproduce the numbers the article quotes from src/model/labs/claims.json.
 */
import { describe, expect, it } from 'vitest';
import claimsJson from '../../src/model/labs/claims.json';
import { CLAIM_SEEDS, weightRatio, type ClaimsData } from '../../src/model/labs/claims';
import { runExperiment } from '../../src/model/engine/experiment';
import { allPresets, type PresetId } from '../../src/model/labs/presets';
import { claimHolds, verdict, type RunOutcome } from '../../src/model/labs/verdict';

const claims = claimsJson as unknown as ClaimsData;

/** Declares, for each preset of `ids`, one test per claim seed. Call after selecting wasm. */
export function checkPresets(ids: readonly PresetId[]): void {
  describe.each(allPresets().filter((p) => ids.includes(p.id)))('preset $id', (p) => {
    it.each(CLAIM_SEEDS.map((seed, s) => ({ seed, s })))(
      `shows "${p.claim}" on seed $seed`,
      async ({ seed, s }) => {
        const outcomes: RunOutcome[] = [];
        for (const [i, config] of p.nets.entries()) {
          const r = await runExperiment({ ...config, seed });
          outcomes.push({ ...r.final, classes: 2 });
          // The article's numbers are this run's.
          const quoted = claims.presets[p.id].nets[i]!;
          expect(r.final.testAccuracy).toBeCloseTo(quoted.testAccuracy[s]!, 2);
          expect(r.final.divergedAtStep).toBe(quoted.divergedAtStep[s]);
          const ratio = weightRatio(r.history[0]!);
          expect(Math.abs(Math.log(ratio / quoted.weightRatio[s]!))).toBeLessThan(1e-3);
        }
        expect(claimHolds(p.claim, outcomes), verdict(p.claim, outcomes).text).toBe(true);
      },
    );
  });
}
