// @vitest-environment node
/**
 * The lesion figure in the built app: it opens from the shipped study and its data tables say
 * what the article says (one deleted block sends the plain net to chance and leaves the residual
 * net near its intact error); "Run it yourself" trains seed 1 in a worker and takes both nets
 * apart, agreeing with the shipped seed 1. Screenshots at 1440 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { tableRecords } from './plot-tables';

const browser = sharedBrowser();

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
/** The column whose header starts with `prefix`, as numbers. */
const column = (rows: Record<string, string>[], prefix: string) => {
  const key = Object.keys(rows[0]!).find((k) => k.startsWith(prefix))!;
  return rows.map((r) => Number(r[key]));
};

describe('the lesion figure', () => {
  for (const width of [1440, 375]) {
    it(`draws the shipped study and its tables tell the article's story at ${width} px`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 });
      const figure = w.page.locator('#lesion');
      await figure.scrollIntoViewIfNeeded();
      const single = await tableRecords(figure, 'Test error with one block deleted');
      expect(single).toHaveLength(24);
      expect(median(column(single, 'plain'))).toBeGreaterThan(0.4);
      expect(median(column(single, 'residual'))).toBeLessThan(0.1);
      const scrollWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await figure.screenshot({ path: `${SCREENSHOTS}/figure-lesion-${width}.png` });
      w.assertClean();
      await w.close();
    });
  }

  it('runs the study for seed 1 in a worker and agrees with the shipped seed 1', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#lesion');
    await figure.scrollIntoViewIfNeeded();
    await figure.getByRole('button', { name: 'Run it yourself (seed 1)' }).click();
    const status = figure.getByTestId('lesion-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000, interval: 100 })
      .toMatch(/^Training the plain net, seed 1: step \d+ of 300/);
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 250 })
      .toMatch(/^Done: seed 1/);
    const single = await tableRecords(figure, 'Test error with one block deleted');
    for (const arm of ['plain', 'residual']) {
      const shipped = column(single, `${arm} (`);
      const mine = column(single, `${arm}, your run`);
      mine.forEach((e, i) =>
        expect(Math.abs(e - shipped[i]!), `${arm}, block ${i + 1}`).toBeLessThan(0.003),
      );
    }
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-lesion-live-1440.png` });
    w.assertClean();
    await w.close();
  });
});
