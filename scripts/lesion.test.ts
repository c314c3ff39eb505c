// @vitest-environment node
/**
 * The lesion figure's shipped results (public/sweeps/lesion.json, made by
 * `npm run sweep -- --lesion`): made from the current engine and the article's spec, complete,
 * showing on seeds 1–3 what the article says, and reproduced by the engine for one net.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../public/sweeps/lesion.json';
import { runLesionSpec } from '../src/model/lesion';
import {
  CHANCE_ERROR,
  LESION_SPEC,
  lesionNets,
  lesionVerdicts,
  meanByK,
  type LesionFile,
} from '../src/model/lesion-spec';
import { engineFingerprint, ENTRIES } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

const shipped = shippedJson as unknown as LesionFile;
const spec = LESION_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped lesion study', () => {
  it('was made by `npm run sweep -- --lesion` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --lesion');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(
      shipped.fingerprint,
      'public/sweeps/lesion.json is stale: npm run sweep -- --lesion',
    ).toBe(engineFingerprint(spec, ENTRIES.lesion));
  });

  it('has every net, every block and every draw', () => {
    expect(shipped.runs.map((r) => `${r.seed}:${r.arm}`)).toEqual(
      lesionNets(spec).map((n) => `${n.seed}:${n.arm}`),
    );
    for (const r of shipped.runs) {
      expect(r.result.single).toHaveLength(spec.base.blocks);
      expect(r.result.random.map((x) => x.k)).toEqual(
        Array.from({ length: spec.kMax }, (_, i) => i + 1),
      );
      for (const x of r.result.random) expect(x.errors).toHaveLength(spec.draws);
    }
  });

  it('shows on seeds 1, 2 and 3: one deleted block breaks the plain net, not the residual one', () => {
    for (const v of lesionVerdicts(shipped.runs)) {
      expect(v.plainBreaks, `seed ${v.seed}`).toBe(true);
      expect(v.residualGraceful, `seed ${v.seed}`).toBe(true);
    }
    for (const r of shipped.runs.filter((x) => x.arm === 'plain')) {
      // "…deleting any k blocks leaves it at about chance."
      for (const { k, error } of meanByK(r.result))
        expect(error, `seed ${r.seed}, k ${k}`).toBeGreaterThan(CHANCE_ERROR - 0.1);
    }
  });

  it('is what the engine computes: one net again gives the same errors', async () => {
    const { runs } = await runLesionSpec({ ...spec, seeds: [2] });
    const again = runs.find((r) => r.arm === 'residual')!.result;
    const s = shipped.runs.find((r) => r.seed === 2 && r.arm === 'residual')!.result;
    expect(again.intact).toBeCloseTo(s.intact, 6);
    again.single.forEach((e, i) => expect(e, `block ${i + 1}`).toBeCloseTo(s.single[i]!, 6));
    again.random.forEach((x, i) =>
      x.errors.forEach((e, d) =>
        expect(e, `k ${i + 1}, draw ${d}`).toBeCloseTo(s.random[i]!.errors[d]!, 6),
      ),
    );
  });
});
