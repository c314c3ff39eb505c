// @vitest-environment node
/**
 * The path-length figure's shipped measurements (public/sweeps/paths.json, made by
 * `npm run sweep -- --paths`): made from the current engine and the article's spec, complete and
 * exact (every measurement's lengths add up to autodiff's ∂L/∂x_0), the source of the numbers the
 * article states (src/content/pathsNumbers.json), showing what the article says on seeds 1–3 and,
 * with the same thresholds, on the held-out seeds 4–6, and reproduced by the engine for one net.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../../public/sweeps/paths.json';
import numbersJson from '../../src/content/pathsNumbers.json';
import { runPathsSpec } from '../../src/model/studies/paths/run';
import {
  choose,
  pathsNumbers,
  pathsScaleVerdicts,
  pathsSeeds,
  pathsVerdicts,
  PATHS_SPEC,
  type PathsFile,
} from '../../src/model/studies/paths/spec';
import { engineFingerprint, ENTRIES } from '../../scripts/claims-fingerprint';
import { useNodeBackend } from '../../scripts/node-backend';

const shipped = shippedJson as unknown as PathsFile;
const spec = PATHS_SPEC;
const n = spec.base.blocks;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped path-length study', () => {
  it('was made by `npm run sweep -- --paths` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --paths');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(shipped.spec.exact).toBe(true);
    expect(shipped.fingerprint, 'public/sweeps/paths.json is stale: npm run sweep -- --paths').toBe(
      engineFingerprint(spec, ENTRIES.paths),
    );
  });

  it('has every seed at every branch scale and every length, and its lengths add up exactly', () => {
    expect(shipped.runs.map((r) => [r.seed, r.branchScale])).toEqual(
      pathsSeeds(spec).flatMap((seed) => spec.branchScales.map((b) => [seed, b])),
    );
    for (const r of shipped.runs)
      for (const m of [r.init, r.trained]) {
        const at = `seed ${r.seed}, branch scale ${r.branchScale}`;
        expect(m.rows.map((x) => x.k)).toEqual(Array.from({ length: n + 1 }, (_, k) => k));
        for (const x of m.rows) expect(x.sampled).toBe(Math.min(spec.samples, choose(n, x.k)));
        // Σ_k G_k equals autodiff's ∂L/∂x_0 within 1e-4 relative, so the parts along it add to 1.
        expect(m.sumError, at).toBeLessThan(1e-4);
        expect(Math.abs(m.rows.reduce((s, x) => s + x.along, 0) - 1), at).toBeLessThan(1e-4);
      }
  });

  it('is where the article’s numbers come from (src/content/pathsNumbers.json)', () => {
    expect(numbersJson, 'stale: npm run sweep -- --paths writes both').toEqual(
      JSON.parse(JSON.stringify(pathsNumbers(shipped))),
    );
  });

  const sets = [
    ['seeds 1, 2 and 3 (which set the thresholds)', spec.seeds],
    ['held-out seeds 4, 5 and 6', spec.heldOutSeeds],
  ] as const;
  for (const [name, seeds] of sets)
    it(`shows on ${name} what the article says`, () => {
      expect(seeds.length).toBeGreaterThan(0);
      const runs = shipped.runs.filter((r) => seeds.includes(r.seed));
      expect(runs).toHaveLength(seeds.length * spec.branchScales.length);
      for (const v of pathsVerdicts(runs, n)) {
        const at = `${name}: seed ${v.seed}, branch scale ${v.branchScale}`;
        // "Most paths are about half as long as the network … but the gradient comes mostly from
        // shorter ones": weighted by ‖G_k‖, the mean path is shorter than n/2 at initialisation.
        expect(v.initShorter, at).toBe(true);
        // "… they deliver … after training": paths of at most n/4 blocks, more than 80%.
        expect(v.trainedShort, at).toBe(true);
        // "Training moves the gradient to shorter paths at both scales."
        expect(v.trainingShortens, at).toBe(true);
        // "Each further block on a path multiplies the gradient it carries by about … at
        // initialisation and … after training": below 0.7, and smaller after training.
        expect(v.decays, at).toBe(true);
        // "At initialisation their norms add up to … times the norm of the gradient … Even the
        // exact G_k, added up as sizes, come to … times": over 500 and over 2.
        expect(v.initCancels, at).toBe(true);
        // "After training the terms line up": the G_k under 2 times, single paths under 10.
        expect(v.trainedAdds, at).toBe(true);
      }
      for (const v of pathsScaleVerdicts(runs, n))
        // "short paths carry a larger share at 0.15 than at 1, before and after training"
        expect(v.smallScaleFavoursShort, `${name}: seed ${v.seed}`).toBe(true);
      // The trained nets fit: the measurement is of a net that works.
      for (const r of runs)
        expect(r.testError, `seed ${r.seed}, branch scale ${r.branchScale}`).toBeLessThan(0.05);
    });

  it('is what the engine computes: seed 2 at branch scale 1 again gives the same measurements', async () => {
    const { runs } = await runPathsSpec({
      ...spec,
      seeds: [2],
      heldOutSeeds: [],
      branchScales: [1],
    });
    const s = shipped.runs.find((r) => r.seed === 2 && r.branchScale === 1)!;
    for (const phase of ['init', 'trained'] as const) {
      const mine = runs[0]![phase];
      const want = s[phase];
      const close = (a: number, b: number, what: string) =>
        expect(Math.abs(a - b), what).toBeLessThanOrEqual(1e-4 * Math.abs(b) + 1e-30);
      close(mine.gradientNorm, want.gradientNorm, `${phase}, ‖∂L/∂x_0‖`);
      mine.rows.forEach((row, k) => {
        close(row.norm, want.rows[k]!.norm, `${phase}, ‖G_${k}‖`);
        close(row.perPath, want.rows[k]!.perPath, `${phase}, one path of length ${k}`);
      });
    }
  });
});
