// @vitest-environment node
/**
 * The loss-landscape figure in the built app: it opens on Li et al.'s protocol (batch-norm
 * statistics frozen at the trained net), where its readout says what the article says (the plain
 * basin far narrower than the residual one, neither slice chaotic); the statistics control brings
 * the recomputed slices (the plain one chaotic, the residual one not) and the depth control the
 * 24-block nets. "Run it yourself" at a reduced size (a file made here by the engine in Node, 8
 * blocks on an 11 × 11 grid, served in place of the shipped one) trains and slices seed 1 in a
 * worker and agrees with the engine in Node. Screenshots at 1440 and 375 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import shippedJson from '../../public/sweeps/landscape.json';
import { runLandscapeSpec } from '../../src/model/studies/landscape/run';
import {
  LANDSCAPE_SPEC,
  landscapeMeasures,
  type LandscapeFile,
  type LandscapeSpec,
  LANDSCAPE_FILE,
} from '../../src/model/studies/landscape/spec';
import { useNodeBackend } from '../../scripts/node-backend';
import { openApp, SCREENSHOTS, sharedBrowser, serving } from './harness';
import { recordTexts } from './live-status';
import { tableRows } from './plot-tables';

const browser = sharedBrowser();
const shipped = shippedJson as unknown as LandscapeFile;

/** Each arm's measures, read from the readout's lines. */
async function readout(figure: Locator) {
  const text = (await figure.getByTestId('landscape-readout').textContent()) ?? '';
  const arms = [
    ...text.matchAll(
      /(plain|residual): loss ([\d.]+) at the trained net .*?below chance on (\d+)% of the plane.*?(\d+) local minim/g,
    ),
  ];
  return Object.fromEntries(
    arms.map((m) => [
      m[1]!,
      { centre: Number(m[2]), belowChance: Number(m[3]), minima: Number(m[4]) },
    ]),
  );
}

/** The loss at the centre of the data table of `title`: the trained net. */
async function centre(figure: Locator, title: string): Promise<number> {
  const row = (await tableRows(figure, title)).find((r) => r[0] === '0' && r[1] === '0')!;
  return Number(row[2]);
}

describe('the loss-landscape figure', () => {
  for (const width of [1440, 375]) {
    it(`opens on frozen statistics, switches to recomputed ones and to 24 blocks, at ${width} px`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 });
      const figure = w.page.locator('#landscape');
      await figure.scrollIntoViewIfNeeded();
      // Li et al.'s protocol, 16 blocks, seed 1: one basin each, the plain one far narrower.
      await expect
        .poll(async () => Object.keys(await readout(figure)).length, { timeout: 20_000 })
        .toBe(2);
      const frozen = await readout(figure);
      expect(frozen.plain!.belowChance).toBeLessThanOrEqual(10);
      expect(frozen.residual!.belowChance).toBeGreaterThanOrEqual(20);
      expect(frozen.plain!.minima).toBeLessThanOrEqual(5);
      expect(frozen.residual!.minima).toBeLessThanOrEqual(5);
      // The trained net sits at the centre of both slices, at a loss far below chance.
      for (const arm of ['Plain', 'Residual']) {
        const c = await centre(figure, `${arm} net, 16 blocks, seed 1, frozen statistics`);
        expect(c).toBeLessThan(0.35);
        expect(c).toBeCloseTo(frozen[arm.toLowerCase()]!.centre, 2);
      }
      expect(await figure.locator('canvas').count()).toBe(2);
      const scrollWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await figure.screenshot({ path: `${SCREENSHOTS}/figure-landscape-${width}.png` });

      // Recomputed statistics: the plain slice is chaotic, the residual one is not.
      await figure.getByLabel('Batch-norm statistics').selectOption('recomputed');
      await figure
        .locator('figure.plot', { hasText: 'Plain net, 16 blocks, seed 1, recomputed statistics' })
        .waitFor();
      const recomputed = await readout(figure);
      expect(recomputed.plain!.minima).toBeGreaterThanOrEqual(20);
      expect(recomputed.residual!.minima).toBeLessThanOrEqual(5);
      await figure.screenshot({ path: `${SCREENSHOTS}/figure-landscape-recomputed-${width}.png` });

      // 24 blocks: the plain net needed far more steps to reach the target than the residual one.
      await figure.getByLabel('Depth (blocks)').selectOption('24');
      const title = 'Plain net, 24 blocks, seed 1, recomputed statistics';
      await figure.locator('figure.plot', { hasText: title }).waitFor();
      expect(await centre(figure, title)).toBeLessThan(0.35);
      const training = (await figure.getByTestId('landscape-training').textContent()) ?? '';
      const steps = Object.fromEntries(
        [...training.matchAll(/(plain|residual): trained (\d+) steps/g)].map((m) => [
          m[1]!,
          Number(m[2]),
        ]),
      );
      expect(steps.plain).toBeGreaterThan(10 * steps.residual!);
      // The live panel promises no duration; it says what the deepest plain nets took.
      const shippedSteps = shipped.runs
        .filter((r) => r.arm === 'plain' && r.blocks === 24 && r.statistics === 'frozen')
        .map((r) => r.trained.steps);
      const range = [Math.min(...shippedSteps), Math.max(...shippedSteps)];
      expect(await figure.locator('.live-sweep-intro').textContent()).toContain(
        `at 24 blocks the plain nets took ${range.map((n) => n.toLocaleString('en')).join('–')} steps to reach the target.`,
      );
      expect((await readout(figure)).plain!.minima).toBeGreaterThanOrEqual(20);
      w.assertClean();
      await w.close();
    });
  }
});

/**
 * The landscape study at the size of a test: the shipped nets at 8 blocks, seed 1, each trained
 * to the shipped target loss, sliced on a grid of SMALL_GRID × SMALL_GRID points over the first
 * SMALL_ROWS training rows. Served in place of the shipped slices, with the engine's in Node; the
 * shipped slices are checked against the engine in Node (tests/shipped/landscape.test.ts, "are what the
 * engine computes").
 */
const SMALL_GRID = 11;
const SMALL_ROWS = 64;
const smallSpec = (): LandscapeSpec => ({
  ...LANDSCAPE_SPEC,
  depths: [8],
  seeds: [1],
  heldOutSeeds: [],
  grid: SMALL_GRID,
  rows: SMALL_ROWS,
});

describe('slicing the landscapes yourself', () => {
  let small: LandscapeFile;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const spec = smallSpec();
    const { runs } = await runLandscapeSpec(spec);
    small = {
      command: 'test',
      fingerprint: 'test',
      backend: 'wasm',
      spec,
      measures: landscapeMeasures(runs),
      runs,
    };
  });

  it('trains and slices seed 1 at 8 blocks in a worker and agrees with the engine in Node', async () => {
    const w = await openApp(
      browser(),
      '/',
      { width: 1440, height: 900 },
      serving(LANDSCAPE_FILE, small),
    );
    const figure = w.page.locator('#landscape');
    await figure.scrollIntoViewIfNeeded();
    // The panel says what the deepest plain nets of the file took.
    const steps = small.runs
      .filter((r) => r.arm === 'plain' && r.statistics === 'frozen')
      .map((r) => r.trained.steps);
    const range = [Math.min(...steps), Math.max(...steps)].map((n) => n.toLocaleString('en'));
    expect(await figure.locator('.live-sweep-intro').textContent()).toContain(
      `at 8 blocks the plain nets took ${range.join('–')} steps to reach the target.`,
    );
    await figure.getByLabel('Depth (blocks)').selectOption('8');
    const titles = (s: string) => `Residual net, 8 blocks, seed 1, ${s} statistics`;
    const nodeFrozen = await tableRows(figure, titles('frozen'));
    await figure.getByLabel('Batch-norm statistics').selectOption('recomputed');
    const nodeRecomputed = await tableRows(figure, titles('recomputed'));
    const status = figure.getByTestId('landscape-status');
    const statuses = await recordTexts(status);
    await figure.getByRole('button', { name: 'Run it yourself (seed 1, 8 blocks)' }).click();
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 80_000, interval: 100 })
      .toMatch(/^Done: seed 1, 8 blocks/);
    expect(await statuses()).toContainEqual(
      expect.stringMatching(/^Training the plain net, seed 1, 8 blocks: step \d+ \(at most 4000\)/),
    );
    // The panel compares all four slices with the precomputed ones, loss by loss (the same
    // engine on wasm here and in Node: the difference may be none at all, "0").
    const text = (await status.textContent())!;
    const said = new RegExp(`over its ${4 * SMALL_GRID ** 2} losses: (0|[\\d.e-]+%)\\.$`).exec(
      text,
    );
    expect(said, `the difference line in "${text}"`).not.toBeNull();
    expect(parseFloat(said![1]!)).toBeLessThan(1);
    // The reader's slices are drawn beside the precomputed ones, not in their place.
    expect(await figure.locator('canvas').count()).toBe(4);
    expect(await figure.locator('.plot-yours canvas').count()).toBe(2);
    // The reader's slices, point by point, against the engine's in Node, drawn as the precomputed.
    for (const [statistics, node] of [
      ['recomputed', nodeRecomputed],
      ['frozen', nodeFrozen],
    ] as const) {
      await figure.getByLabel('Batch-norm statistics').selectOption(statistics);
      const mine = await tableRows(figure, `${titles(statistics)}, your run`);
      expect(mine).toHaveLength(node.length);
      mine.forEach((r, i) => {
        const want = Number(node[i]![2]);
        expect(
          Math.abs(Number(r[2]) - want),
          `${statistics}: a ${r[0]}, b ${r[1]}`,
        ).toBeLessThanOrEqual(0.01 * want);
      });
    }
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-landscape-live-1440.png` });
    w.assertClean();
    await w.close();
  });
});
