// @vitest-environment node
/**
 * The lesion figure's shipped results (public/sweeps/lesion.json, made by
 * `npm run sweep -- --lesion`): made from the current engine and the article's spec, complete,
 * showing what the article says on seeds 1–3, which set the verdicts' thresholds, and with the
 * same thresholds on seeds 4–6, which did not; and reproduced by the engine for one net.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../../public/sweeps/lesion.json';
import { runExperiment } from '../../src/model/engine/experiment';
import { lesionStudy, type LesionResult } from '../../src/model/studies/lesion/run';
import {
  LESION_SPEC,
  lesionNets,
  lesionVerdicts,
  type LesionFile,
  type LesionVerdict,
} from '../../src/model/studies/lesion/spec';
import { engineFingerprint, ENTRIES } from '../../scripts/claims-fingerprint';
import { useNodeBackend } from '../../scripts/node-backend';

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

  // Each verdict is one sentence of the lesion paragraph (src/content/sections/Stack.tsx), checked on the
  // seeds that set its thresholds and, unchanged, on seeds that did not.
  const SENTENCES: [keyof Omit<LesionVerdict, 'seed'>, string][] = [
    [
      'plainBreaks',
      'Delete a typical block of the plain network and its test error goes to about chance',
    ],
    ['plainStaysBroken', 'and stays there however many go'],
    [
      'residualGraceful',
      'Delete a typical block of the residual network and its error barely moves; it grows with the number deleted',
    ],
    ['residualFewFar', 'still far from chance with one or two gone'],
    ['residualHalfAtChance', 'at chance with half of them gone'],
    ['residualFewMatter', 'a few blocks (the spikes in the first plot) matter on their own'],
  ];
  const SETS = [
    ['seeds 1–3, which set the thresholds', spec.seeds],
    ['held-out seeds 4–6, which only check them', spec.heldOutSeeds],
  ] as const;
  for (const [name, seeds] of SETS)
    it.each(SENTENCES)(`shows on ${name}: %s ("%s")`, (verdict) => {
      const verdicts = lesionVerdicts(shipped.runs.filter((r) => seeds.includes(r.seed)));
      expect(verdicts.map((v) => v.seed)).toEqual(seeds);
      for (const v of verdicts) expect(v[verdict], `seed ${v.seed}`).toBe(true);
    });

  // One net, trained and taken apart as runLesionSpec does it: the residual one, whose errors
  // the figure's graceful curve is made of. The plain nets run the same training and lesion code
  // (degradation.test.ts reproduces plain training exactly), and the freshness check ties every
  // other run to this code.
  it('is what the engine computes: the residual net of one seed again gives the same errors', async () => {
    const net = lesionNets({ ...spec, seeds: [2], heldOutSeeds: [] }).find(
      (n) => n.arm === 'residual',
    )!;
    let again: LesionResult | null = null;
    await runExperiment(net.config, {
      onDone: async (session) => {
        again = await lesionStudy(session, { draws: spec.draws, kMax: spec.kMax, seed: net.seed });
      },
    });
    const s = shipped.runs.find((r) => r.seed === 2 && r.arm === 'residual')!.result;
    const mine = again!;
    expect(mine.intact).toBeCloseTo(s.intact, 6);
    expect(mine.single).toHaveLength(s.single.length);
    mine.single.forEach((e, i) => expect(e, `block ${i + 1}`).toBeCloseTo(s.single[i]!, 6));
    expect(mine.random).toHaveLength(s.random.length);
    mine.random.forEach((x, i) =>
      x.errors.forEach((e, d) =>
        expect(e, `k ${i + 1}, draw ${d}`).toBeCloseTo(s.random[i]!.errors[d]!, 6),
      ),
    );
  });
});
