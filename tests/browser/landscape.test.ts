// @vitest-environment node
/**
 * The loss-landscape figure in the built app: it opens on Li et al.'s protocol (batch-norm
 * statistics frozen at the trained net), where its readout says what the article says (the plain
 * basin far narrower than the residual one, neither slice chaotic); the statistics control brings
 * the recomputed slices (the plain one chaotic, the residual one not) and the depth control the
 * 24-block nets. "Run it yourself" trains and slices seed 1 at 8 blocks in a worker and agrees with
 * the shipped slices. Screenshots at 1440 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import shippedJson from '../../public/sweeps/landscape.json';
import type { LandscapeFile } from '../../src/model/studies/landscape/spec';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
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
      expect((await readout(figure)).plain!.minima).toBeGreaterThanOrEqual(20);
      w.assertClean();
      await w.close();
    });
  }

  it('trains and slices seed 1 at 8 blocks in a worker and agrees with the shipped slices', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#landscape');
    await figure.scrollIntoViewIfNeeded();
    // Before a run the panel promises no duration; it says what the deepest plain nets took.
    const steps = shipped.runs
      .filter((r) => r.arm === 'plain' && r.blocks === 24 && r.statistics === 'frozen')
      .map((r) => r.trained.steps);
    const range = [Math.min(...steps), Math.max(...steps)].map((n) => n.toLocaleString('en'));
    expect(await figure.locator('.live-sweep-intro').textContent()).toContain(
      `at 24 blocks the plain nets took ${range.join('–')} steps to reach the target.`,
    );
    await figure.getByLabel('Depth (blocks)').selectOption('8');
    const titles = (s: string) => `Residual net, 8 blocks, seed 1, ${s} statistics`;
    const shippedFrozen = await tableRows(figure, titles('frozen'));
    await figure.getByLabel('Batch-norm statistics').selectOption('recomputed');
    const shippedRecomputed = await tableRows(figure, titles('recomputed'));
    await figure.getByRole('button', { name: 'Run it yourself (seed 1, 8 blocks)' }).click();
    const status = figure.getByTestId('landscape-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000, interval: 100 })
      .toMatch(/^Training the plain net, seed 1, 8 blocks: step \d+ \(at most 4000\)/);
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 80_000, interval: 250 })
      .toMatch(/^Done: seed 1, 8 blocks/);
    // The panel compares all four slices with the precomputed ones, loss by loss.
    const said = /over its 3844 losses: ([\d.e-]+)%\.$/.exec((await status.textContent())!);
    expect(said, 'the difference line').not.toBeNull();
    expect(Number(said![1])).toBeLessThan(1);
    // The reader's slices are drawn beside the precomputed ones, not in their place.
    expect(await figure.locator('canvas').count()).toBe(4);
    expect(await figure.locator('.plot-yours canvas').count()).toBe(2);
    for (const [statistics, shipped] of [
      ['recomputed', shippedRecomputed],
      ['frozen', shippedFrozen],
    ] as const) {
      await figure.getByLabel('Batch-norm statistics').selectOption(statistics);
      const mine = await tableRows(figure, `${titles(statistics)}, your run`);
      expect(mine).toHaveLength(shipped.length);
      mine.forEach((r, i) => {
        const want = Number(shipped[i]![2]);
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
