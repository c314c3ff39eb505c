// @vitest-environment node
/**
 * The loss-landscape figure's shipped slices (public/sweeps/landscape.json, made by
 * `npm run sweep -- --landscape`): made from the current engine and the article's spec, complete,
 * showing what the article says on the seeds it reports (1–3) and, with the same thresholds, on
 * the held-out seeds (4–6), and reproduced by the engine for one net.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import shippedJson from '../../public/sweeps/landscape.json';
import { loadDataset } from '../../src/model/engine/data';
import { Session } from '../../src/model/engine/experiment';
import { lossSlice, trainToTarget } from '../../src/model/studies/landscape/run';
import {
  allSeeds,
  BN_STATISTICS,
  LANDSCAPE_SPEC,
  landscapeMeasures,
  landscapeNets,
  type LandscapeFile,
  type LandscapeRun,
} from '../../src/model/studies/landscape/spec';
import {
  landscapeDepthVerdicts,
  landscapeVerdicts,
} from '../../src/model/studies/landscape/verdicts';
import { engineFingerprint, ENTRIES } from '../../scripts/claims-fingerprint';
import { useNodeBackend } from '../../scripts/node-backend';

const shipped = shippedJson as unknown as LandscapeFile;
const spec = LANDSCAPE_SPEC;

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const key = (r: Pick<LandscapeRun, 'blocks' | 'seed' | 'arm' | 'statistics'>) =>
  `${r.blocks}:${r.seed}:${r.arm}:${r.statistics}`;

describe('the shipped loss landscapes', () => {
  it('were made by `npm run sweep -- --landscape` from the current engine and spec', () => {
    expect(shipped.command).toBe('npm run sweep -- --landscape');
    expect(shipped.spec).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(shipped.spec.seeds).toEqual([1, 2, 3]);
    expect(shipped.spec.heldOutSeeds).toEqual([4, 5, 6]);
    expect(shipped.spec.depths).toEqual([8, 16, 24]);
    // Li et al.'s protocol first: the figure opens with it.
    expect(shipped.spec.bnStatistics).toEqual(['frozen', 'recomputed']);
    expect(
      shipped.fingerprint,
      'public/sweeps/landscape.json is stale: npm run sweep -- --landscape',
    ).toBe(engineFingerprint(spec, ENTRIES.landscape));
  });

  it('have every net with every kind of statistics, and every point of its grid', () => {
    expect(shipped.runs.map(key)).toEqual(
      landscapeNets(spec).flatMap((n) =>
        BN_STATISTICS.map((statistics) => key({ ...n, statistics })),
      ),
    );
    for (const r of shipped.runs) {
      expect(r.result.losses, key(r)).toHaveLength(spec.grid * spec.grid);
      expect(
        r.result.losses.every((v) => Number.isFinite(v) && v > 0),
        key(r),
      ).toBe(true);
    }
  });

  it("state the measures of the slices they hold (what the article's numbers are read from)", () => {
    expect(shipped.measures).toEqual(landscapeMeasures(shipped.runs));
  });

  for (const [set, seeds] of [
    ['the reported seeds', spec.seeds],
    ['the held-out seeds', spec.heldOutSeeds],
  ] as const) {
    it(`show on ${set} (${seeds.join(', ')}) what the article says`, () => {
      const mine = shipped.measures.filter((m) => seeds.includes(m.seed));
      const verdicts = landscapeVerdicts(mine);
      expect(verdicts.map((v) => `${v.blocks}:${v.seed}`)).toEqual(
        spec.depths.flatMap((b) => seeds.map((s) => `${b}:${s}`)),
      );
      for (const v of verdicts) {
        const what = (s: string) => `${s}, ${v.blocks} blocks, seed ${v.seed} (${set})`;
        // "each is trained until its loss on the whole training set is at most 0.1"
        expect(v.bothTrained, what('both trained')).toBe(true);
        // "Under Li et al.'s protocol neither slice is chaotic: … each has at most … local minima"
        expect(v.frozenBothBasins, what('frozen: both basins')).toBe(true);
        // "The plain network's loss stays below chance on … of the plane, the residual network's
        // on …, and along the rim … the plain network's loss is … times the residual network's"
        expect(v.frozenPlainSharper, what('frozen: plain sharper')).toBe(true);
        // "the plain slice has … local minima on the grid, the residual one at most …"
        expect(v.recomputedPlainChaotic, what('recomputed: plain chaotic')).toBe(true);
      }
      // "The plain network's walls steepen with depth: from 8 to 24 blocks the median on its rim
      // rises …-fold, the residual network's …-fold."
      for (const v of landscapeDepthVerdicts(mine)) {
        expect(v.plainSteepens, `plain steepens, seed ${v.seed} (${set})`).toBe(true);
        expect(v.residualSteepensLittle, `residual little, seed ${v.seed} (${set})`).toBe(true);
      }
      // "the residual networks get there within … steps": sooner than the plain ones everywhere.
      for (const b of spec.depths)
        for (const s of seeds) {
          const steps = (arm: string) =>
            mine.find((m) => m.blocks === b && m.seed === s && m.arm === arm)!.trained.steps;
          expect(steps('residual'), `${b} blocks, seed ${s}`).toBeLessThan(steps('plain'));
        }
    });
  }

  // One net, as the figure's live run makes it (its browser test runs a smaller study and checks
  // the page against the engine in Node): the plain one, whose rugged slice rounding moves most.
  // The residual nets run the same training and slicing code (degradation.test.ts reproduces
  // residual training exactly), and the freshness check ties every other run to this code.
  it('are what the engine computes: the plain net of 8 blocks on seed 2, trained and sliced again', async () => {
    const net = landscapeNets({ ...spec, depths: [8], seeds: [2], heldOutSeeds: [] }).find(
      (n) => n.arm === 'plain',
    )!;
    const session = new Session(net.config, await loadDataset(net.config.dataset, net.seed));
    try {
      const trained = await trainToTarget(session, spec.training, net.config.steps);
      for (const statistics of spec.bnStatistics) {
        const what = `${statistics} statistics`;
        const s = shipped.runs.find((r) => key(r) === key({ ...net, statistics }))!;
        expect(trained, what).toEqual(s.trained);
        const again = (await lossSlice(session, {
          grid: spec.grid,
          span: spec.span,
          seed: net.seed,
          rows: spec.rows,
          statistics,
        }))!;
        expect(again.curvature, what).toEqual(s.result.curvature);
        expect(again.basin, what).toEqual(s.result.basin);
        // The file keeps four significant digits.
        again.losses.forEach((v, k) =>
          expect(Math.abs(v - s.result.losses[k]!), `${what}, point ${k}`).toBeLessThanOrEqual(
            1e-3 * v,
          ),
        );
      }
    } finally {
      session.dispose();
    }
  });
});

// Every seed the file holds is one of the spec's.
it('holds no seed the spec does not name', () => {
  expect([...new Set(shipped.runs.map((r) => r.seed))]).toEqual(allSeeds(spec));
});
