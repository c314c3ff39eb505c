// @vitest-environment node
/**
 * The thousand-layer figure's shipped results (public/sweeps/thousand-layers.json, made by
 * `npm run sweep -- --thousand-layers`): made from the current engine and the article's spec,
 * complete, showing what the article says on seeds 1–3, and reproduced by the engine on wasm for
 * the first steps of one pair (a whole pair at 500 blocks takes minutes; the file's freshness
 * check ties the rest to the engine's code).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/thousand-layers.json';
import { runDeepPair } from '../src/model/deep';
import {
  deepOutcomes,
  deepPair,
  deepPairs,
  DEEP_FITS,
  DEEP_STUCK,
  findTrace,
  firstStepBelow,
  THOUSAND_LAYERS_SPEC,
  type DeepFile,
} from '../src/model/deep-spec';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as DeepFile;
const spec = THOUSAND_LAYERS_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped thousand-layer comparison', () => {
  it('was made by `npm run sweep -- --thousand-layers` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --thousand-layers');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(
      shipped.fingerprint,
      'public/sweeps/thousand-layers.json is stale: npm run sweep -- --thousand-layers',
    ).toBe(engineFingerprint(spec, ENTRIES.deep));
  });

  it('has both orders of every pair, each trained for every step', () => {
    const key = (t: { optimizer: string; seed: number; order: string }) =>
      `${t.optimizer}:${t.seed}:${t.order}`;
    expect(shipped.traces.map(key)).toEqual(
      deepPairs(spec).flatMap((p) => p.configs.map((c) => key({ ...p, order: c.order }))),
    );
    for (const t of shipped.traces) {
      expect(t.final.diverged, key(t)).toBe(false);
      expect(t.loss, key(t)).toHaveLength(spec.base.steps);
      expect(t.signalStart, key(t)).toHaveLength(spec.base.blocks + 1);
    }
  });

  it('shows on seeds 1, 2 and 3 under SGD with momentum: only the pre-activation net fits', () => {
    expect(deepOutcomes(shipped, 'momentum')).toEqual(['only-pre', 'only-pre', 'only-pre']);
    for (const seed of spec.seeds) {
      const post = findTrace(shipped.traces, 'momentum', seed, 'post')!;
      const pre = findTrace(shipped.traces, 'momentum', seed, 'pre')!;
      // "The original network starts with a loss many times chance … jumps higher still in the
      // first steps … classifies its training set little better than a coin."
      expect(post.loss[0], `seed ${seed}`).toBeGreaterThan(5 * Math.log(2));
      expect(Math.max(...post.loss.slice(1, 10).map(Number)), `seed ${seed}`).toBeGreaterThan(
        post.loss[0]!,
      );
      // "No batch after the tenth step scores clearly better than chance."
      expect(Math.min(...post.loss.slice(10).map(Number)), `seed ${seed}`).toBeGreaterThan(0.5);
      expect(post.final.trainAccuracy, `seed ${seed}`).toBeLessThan(0.65);
      // "The pre-activation network … starts close to chance and fits the spiral."
      expect(pre.loss[0], `seed ${seed}`).toBeLessThan(1.5);
      expect(firstStepBelow(pre, 0.1), `seed ${seed}`).not.toBeNull();
      expect(pre.final.trainAccuracy, `seed ${seed}`).toBeGreaterThan(0.98);
    }
  });

  it('shows under Adam: the original learns too, later than the pre-activation net', () => {
    expect(deepOutcomes(shipped, 'adam')).not.toContain('only-pre');
    for (const seed of spec.seeds) {
      const post = findTrace(shipped.traces, 'adam', seed, 'post')!;
      const pre = findTrace(shipped.traces, 'adam', seed, 'pre')!;
      // "On every seed the original network ends with a loss far below chance…"
      expect(post.final.trainLoss, `seed ${seed}`).toBeLessThan(DEEP_STUCK);
      // "…though it gets there later than the pre-activation network, which fits the spiral."
      const later = (t: typeof post) => firstStepBelow(t, 0.3) ?? Infinity;
      expect(later(post), `seed ${seed}`).toBeGreaterThan(later(pre));
      expect(pre.final.trainLoss, `seed ${seed}`).toBeLessThan(DEEP_FITS);
    }
  });

  it('backs the gradient profile text on every seed under SGD with momentum', () => {
    const n = spec.base.blocks;
    const ratio = (v: readonly (number | null)[], l: number) => v[l]! / v[n]!;
    let zeros = 0;
    for (const seed of spec.seeds) {
      const post = findTrace(shipped.traces, 'momentum', seed, 'post')!;
      const pre = findTrace(shipped.traces, 'momentum', seed, 'pre')!;
      // "At step 0 … in both, the gradient grows toward the input by three to four orders of
      // magnitude."
      for (const t of [post, pre]) {
        expect(ratio(t.signalStart, 0), `${t.order} seed ${seed}`).toBeGreaterThan(1e3);
        expect(ratio(t.signalStart, 0), `${t.order} seed ${seed}`).toBeLessThan(1e5);
      }
      // "After the run the original's gradient has collapsed: below its last ten blocks it is
      // everywhere more than a thousand times smaller than at the top."
      const below = post.signalEnd.slice(0, n - 9).map((v) => v! / post.signalEnd[n]!);
      expect(Math.max(...below), `seed ${seed}`).toBeLessThan(1e-3);
      if (post.signalEnd.slice(0, n - 1).some((v) => v === 0)) zeros += 1;
      // "Every one of [the pre-activation net's] blocks still receives gradient": no less at x_0
      // than at the top.
      for (let l = 0; l <= n; l++) expect(pre.signalEnd[l]!, `x_${l}`).toBeGreaterThan(0);
      expect(ratio(pre.signalEnd, 0), `seed ${seed}`).toBeGreaterThan(1);
    }
    // "…and on some seeds exactly zero."
    expect(zeros).toBeGreaterThan(0);
  });

  it('is what the engine computes: the first steps of one pair again give the same numbers', async () => {
    const steps = 12;
    const again = (await runDeepPair(deepPair(spec, 'momentum', 2), { steps }))!;
    for (const t of again) {
      const s = findTrace(shipped.traces, 'momentum', 2, t.order)!;
      for (let i = 0; i < steps; i++)
        expect(Math.abs(t.loss[i]! - s.loss[i]!) / s.loss[i]!, `${t.order} step ${i}`).toBeLessThan(
          1e-4,
        );
      t.signalStart.forEach((v, l) =>
        expect(Math.abs(v! - s.signalStart[l]!) / s.signalStart[l]!).toBeLessThan(1e-4),
      );
    }
  });
});
