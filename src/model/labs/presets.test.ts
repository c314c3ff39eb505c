// @vitest-environment node
/**
 * The preset registry, and the presets' claims as claims.json records them on every seed, without
 * training (the files CLAIM_TEST_FILES names train each preset once; tests/shipped/claims.test.ts checks
 * that claims.json is fresh).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import claimsJson from './claims.json';
import { CLAIM_SEEDS, HELD_OUT_SEEDS, type ClaimsData, type SeedRuns } from './claims';
import { allPresets, isPresetId, preset, PRESET_IDS } from './presets';
import { claimHolds, verdict, type RunOutcome } from './verdict';
import { DATASET_CLASSES } from '../engine/data/classes';
import { CLAIM_TEST_FILES, claimTestPart, retrainedSeed } from '../../../tests/support/presets';

const claims = claimsJson as unknown as ClaimsData;

describe('the preset registry', () => {
  it('lists each preset once, under its own id, and finds it by that id', () => {
    expect(new Set(PRESET_IDS).size).toBe(PRESET_IDS.length);
    expect(allPresets().map((p) => p.id)).toEqual(PRESET_IDS);
    for (const id of PRESET_IDS) {
      expect(isPresetId(id)).toBe(true);
      expect(preset(id).id).toBe(id);
      expect(preset(id)).toBe(preset(id));
      expect(Object.isFrozen(preset(id))).toBe(true);
    }
    for (const other of ['', 'toString', 'constructor', 'Playground', 'order-relu-bn', 3])
      expect(isPresetId(other)).toBe(false);
  });

  it('gives every network of a preset the same data, seed, batches and optimizer', () => {
    for (const p of allPresets()) {
      const shared = p.nets.map((n) => [n.dataset, n.seed, n.batchSize, n.optimizer, n.steps]);
      for (const s of shared) expect(s, p.id).toEqual(shared[0]);
    }
  });
});

describe('the claim tests in training', () => {
  it('train every preset once between them', () => {
    const parts = CLAIM_TEST_FILES.map((f) => claimTestPart(`file:///x/${f}`));
    expect(parts.flat()).toEqual(PRESET_IDS);
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    expect(() => claimTestPart('file:///x/other.test.ts')).toThrow(/CLAIM_TEST_FILES/);
  });

  it.each(CLAIM_TEST_FILES)('%s exists and trains its own part', (f) => {
    const path = new URL(`./${f}`, import.meta.url);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('checkPresets(claimTestPart(import.meta.url));');
  });

  it('retrain every claim seed for some preset', () => {
    const seeds = new Set(PRESET_IDS.map(retrainedSeed));
    expect([...seeds].sort()).toEqual(CLAIM_SEEDS.map((_, s) => s));
  });
});

/** Net `runs`'s outcome on its seed `s`, as claims.json records it. */
function recorded(runs: SeedRuns, s: number, classes: number): RunOutcome {
  return {
    trainLoss: runs.trainLoss[s] ?? NaN,
    testAccuracy: runs.testAccuracy[s]!,
    diverged: runs.diverged[s]!,
    divergedAtStep: runs.divergedAtStep[s]!,
    classes,
  };
}

describe.each(allPresets())('claims.json: preset $id', (p) => {
  const c = claims.presets[p.id];

  it('was measured on the networks the lab opens with', () => {
    expect(c.nets.map((n) => n.config)).toEqual(p.nets);
  });

  const seeds = [
    ...CLAIM_SEEDS.map((seed, s) => ({ seed, s, heldOut: false })),
    ...HELD_OUT_SEEDS.map((seed, s) => ({ seed, s, heldOut: true })),
  ];
  it.each(seeds)(`shows "${p.claim}" on seed $seed`, ({ s, heldOut }) => {
    const outcomes = c.nets.map((n) =>
      recorded(heldOut ? n.heldOut : n, s, DATASET_CLASSES[n.config.dataset]),
    );
    expect(outcomes).toHaveLength(p.nets.length);
    expect(claimHolds(p.claim, outcomes), verdict(p.claim, outcomes).text).toBe(true);
  });
});
