// @vitest-environment node
/**
 * The loss-landscape figure in the built app: it opens from the shipped slices and its readout
 * and data tables say what the article says (the plain slice has many local minima, the residual
 * one few); "Run it yourself" trains and slices seed 1 in a worker and agrees with the shipped
 * seed 1. Screenshots at 1440 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { tableRows } from './plot-tables';

const browser = sharedBrowser();

/** Local minima of each arm, read from the readout. */
function minima(readout: string): Record<string, number> {
  return Object.fromEntries(
    [
      ...readout.matchAll(/(plain|residual): loss [\d.]+ at the trained net, (\d+) local minima/g),
    ].map((m) => [m[1]!, Number(m[2])]),
  );
}

describe('the loss-landscape figure', () => {
  for (const width of [1440, 375]) {
    it(`draws the shipped slices and its readout tells the article's story at ${width} px`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 });
      const figure = w.page.locator('#landscape');
      await figure.scrollIntoViewIfNeeded();
      const m = minima((await figure.getByTestId('landscape-readout').textContent()) ?? '');
      expect(m.plain).toBeGreaterThanOrEqual(20);
      expect(m.residual).toBeLessThanOrEqual(5);
      // The trained net sits at the centre of both slices, at a low loss.
      for (const title of ['Plain net, seed 1', 'Residual net, seed 1']) {
        const centre = (await tableRows(figure, title)).find((r) => r[0] === '0' && r[1] === '0')!;
        expect(Number(centre[2])).toBeLessThan(0.35);
      }
      expect(await figure.locator('canvas').count()).toBe(2);
      const scrollWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await figure.screenshot({ path: `${SCREENSHOTS}/figure-landscape-${width}.png` });
      w.assertClean();
      await w.close();
    });
  }

  it('trains and slices seed 1 in a worker and agrees with the shipped seed 1', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#landscape');
    await figure.scrollIntoViewIfNeeded();
    const shipped = await tableRows(figure, 'Residual net, seed 1');
    await figure.getByRole('button', { name: 'Run it yourself (seed 1)' }).click();
    const status = figure.getByTestId('landscape-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000, interval: 100 })
      .toMatch(/^Training the plain net, seed 1: step \d+ of 300/);
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 80_000, interval: 250 })
      .toMatch(/^Done: seed 1/);
    const mine = await tableRows(figure, 'Residual net, seed 1, your run');
    expect(mine).toHaveLength(shipped.length);
    mine.forEach((r, i) => {
      const want = Number(shipped[i]![2]);
      expect(Math.abs(Number(r[2]) - want), `a ${r[0]}, b ${r[1]}`).toBeLessThanOrEqual(
        0.01 * want,
      );
    });
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-landscape-live-1440.png` });
    w.assertClean();
    await w.close();
  });
});
