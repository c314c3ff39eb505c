// @vitest-environment node
/**
 * The path-length figure in the built app: it opens from the shipped study and its data tables
 * say what the article says (most paths are about n/2 long, the gradient comes from shorter ones
 * and, after training, from much shorter ones); "Measure it yourself" measures seed 1 in a worker
 * and agrees with the shipped seed 1. Screenshots at 1440 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { tableRecords } from './plot-tables';

const browser = sharedBrowser();

const SHARES = 'Where the paths are, and where the gradient is';
const PER_PATH = 'Gradient carried by one path';

/** The column whose header starts with `prefix`, as numbers. */
const column = (rows: Record<string, string>[], prefix: string) => {
  const key = Object.keys(rows[0]!).find((k) => k.startsWith(prefix))!;
  return rows.map((r) => Number(r[key]));
};
/** The index of the largest value. */
const argmax = (v: number[]) => v.indexOf(Math.max(...v));

describe('the path-length figure', () => {
  for (const width of [1440, 375]) {
    it(`draws the shipped study and its tables tell the article's story at ${width} px`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 });
      const figure = w.page.locator('#path-gradients');
      await figure.scrollIntoViewIfNeeded();
      const shares = await tableRecords(figure, SHARES);
      expect(shares).toHaveLength(25);
      const paths = argmax(column(shares, 'paths'));
      const init = argmax(column(shares, 'gradient at initialisation'));
      const trained = argmax(column(shares, 'gradient after training'));
      expect(paths).toBe(12);
      expect(init).toBeLessThan(paths);
      expect(trained).toBeLessThan(init);
      const perPath = column(await tableRecords(figure, PER_PATH), 'gradient after training');
      expect(perPath[12]!).toBeLessThan(1e-6 * perPath[0]!);
      expect(await figure.getByTestId('paths-readout').textContent()).toMatch(/^Seed 1: 90% of/);
      const scrollWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await figure.screenshot({ path: `${SCREENSHOTS}/figure-paths-${width}.png` });
      w.assertClean();
      await w.close();
    });
  }

  it('measures seed 1 in a worker and agrees with the shipped seed 1', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#path-gradients');
    await figure.scrollIntoViewIfNeeded();
    await figure.getByRole('button', { name: 'Measure it yourself (seed 1)' }).click();
    const status = figure.getByTestId('paths-status');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = (await status.textContent()) ?? '';
          seen.add(text.replace(/\d+ of (\d+)/, 'N of $1'));
          return text;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toMatch(/^Done: seed 1/);
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'Measuring the paths at initialisation, seed 1: length N of 25',
        'Training the net of seed 1: step N of 300',
      ]),
    );
    const rows = await tableRecords(figure, PER_PATH);
    for (const phase of ['gradient at initialisation', 'gradient after training']) {
      // The shipped series comes first in the table, so its header is found first.
      const shipped = column(rows, phase);
      const mine = column(rows, `${phase}, your run`);
      // The table rounds to three digits: agreement to 1% is agreement of the engine.
      mine
        .slice(0, 13)
        .forEach((g, k) =>
          expect(Math.abs(g - shipped[k]!) / shipped[k]!, `${phase}, k ${k}`).toBeLessThan(0.01),
        );
    }
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-paths-live-1440.png` });
    w.assertClean();
    await w.close();
  });
});
