// @vitest-environment node
/**
 * The path-length figure in the built app: it opens from the shipped study and its data tables
 * say what the article says (most paths are about n/2 long, the gradient comes from shorter ones
 * and, after training, from shorter ones still; unscaled branches move it to longer paths than
 * the figure's 0.15); "Measure it yourself" measures seed 1 in a worker and agrees with the
 * shipped seed 1, exact shares and sampled paths alike, and measures a net of 8 blocks, which is
 * not precomputed, beside the shipped one. Screenshots at 1440 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { tableRecords } from './plot-tables';

const browser = sharedBrowser();

const SHARES = 'Where the paths are, and where the gradient is';
const PER_PATH = 'Gradient carried by one path (sampled)';

/** The column whose header starts with `prefix`, as numbers. */
const column = (rows: Record<string, string>[], prefix: string) => {
  const key = Object.keys(rows[0]!).find((k) => k.startsWith(prefix))!;
  return rows.map((r) => Number(r[key]));
};
/** The index of the largest value. */
const argmax = (v: number[]) => v.indexOf(Math.max(...v));
/** The mean length k weighted by the shares of a column. */
const meanLength = (shares: number[]) =>
  shares.reduce((s, v, k) => s + k * v, 0) / shares.reduce((s, v) => s + v, 0);

const INIT = 'gradient at initialisation';
const TRAINED = 'gradient after training';

/** The mean path length, weighted by gradient, at initialisation and after training. */
async function meanLengths(figure: Locator) {
  const shares = await tableRecords(figure, SHARES);
  expect(shares).toHaveLength(25);
  return { init: meanLength(column(shares, INIT)), trained: meanLength(column(shares, TRAINED)) };
}

describe('the path-length figure', () => {
  for (const width of [1440, 375]) {
    it(`draws the shipped study and its tables tell the article's story at ${width} px`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 });
      const figure = w.page.locator('#path-gradients');
      await figure.scrollIntoViewIfNeeded();
      const shares = await tableRecords(figure, SHARES);
      expect(argmax(column(shares, 'paths'))).toBe(12);
      // Seed 1 at branch scale 0.15: the gradient's paths are far shorter than the typical 12,
      // and shorter still after training.
      const small = await meanLengths(figure);
      expect(small.init).toBeLessThan(8);
      expect(small.trained).toBeLessThan(small.init);
      const perPath = column(await tableRecords(figure, PER_PATH), TRAINED);
      expect(perPath[12]!).toBeLessThan(1e-6 * perPath[0]!);
      const readout = figure.getByTestId('paths-readout');
      expect(await readout.textContent()).toMatch(
        /^Seed 1, branch scale 0\.15: paths of at most 6 blocks/,
      );
      // Unscaled branches: the same pattern, on longer paths.
      await figure.getByLabel('Branch scale').selectOption('1');
      await expect.poll(() => readout.textContent()).toMatch(/^Seed 1, branch scale 1:/);
      const one = await meanLengths(figure);
      expect(one.trained).toBeLessThan(one.init);
      expect(one.init).toBeGreaterThan(small.init);
      expect(one.trained).toBeGreaterThan(small.trained);
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
    const started = Date.now();
    await figure
      .getByRole('button', { name: 'Measure it yourself (seed 1, 24 blocks, branch scale 0.15)' })
      .click();
    const status = figure.getByTestId('paths-status');
    const seen = new Set<string>();
    // The time left as it changed, and when.
    const lefts: [string, number][] = [];
    // When each phase was first seen, for the log.
    const firstSeen = new Map<string, number>();
    await expect
      .poll(
        async () => {
          const text = (await status.textContent()) ?? '';
          // The time left (timeLeft.ts) is the lesion test's to check.
          const left = / · (about \d+ (?:s|min)) left$/;
          const said = left.exec(text)?.[1];
          if (said && said !== lefts.at(-1)?.[0]) lefts.push([said, Date.now() - started]);
          seen.add(text.replace(left, '').replace(/\d+ of (\d+)/, 'N of $1'));
          const phase = text.replace(/[:(].*/, '').trim();
          if (!firstSeen.has(phase)) firstSeen.set(phase, Date.now() - started);
          return text;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toMatch(/^Done: seed 1, 24 blocks, branch scale 0\.15/);
    // How long the live study and its phases took here (reported, not judged: the machine is
    // shared).
    const phases = [...firstSeen].map(([p, ms]) => `${p} from ${(ms / 1000).toFixed(1)} s`);
    console.log(`live path-length study: ${phases.join('; ')}`);
    console.log(`time left: ${lefts.map(([l, ms]) => `${l} from ${ms} ms`).join('; ')}`);
    const net = '(seed 1, 24 blocks, branch scale 0.15)';
    expect([...seen]).toEqual(
      expect.arrayContaining([
        `Measuring the paths at initialisation ${net}: exact sums, block N of 24`,
        `Measuring the paths at initialisation ${net}: sampled paths, length N of 24`,
        `Training the net ${net}: step N of 300`,
        `Measuring the paths after training ${net}: exact sums, block N of 24`,
      ]),
    );
    // The table rounds to three digits: agreement to 1% is agreement of the engine.
    const agree = (rows: Record<string, string>[], what: string, upTo: number) => {
      for (const phase of [INIT, TRAINED]) {
        // The shipped series comes first in the table, so its header is found first.
        const shipped = column(rows, phase);
        const mine = column(rows, `${phase}, your run`);
        mine
          .slice(0, upTo)
          .forEach((g, k) =>
            expect(Math.abs(g - shipped[k]!), `${what}, ${phase}, k ${k}`).toBeLessThanOrEqual(
              0.01 * shipped[k]!,
            ),
          );
      }
    };
    agree(await tableRecords(figure, SHARES), 'exact share', 13);
    agree(await tableRecords(figure, PER_PATH), 'one path', 13);
    // The panel says so too, over every share of both measurements.
    const said = /over its 50 gradient shares: ([\d.e-]+)\.$/.exec((await status.textContent())!);
    expect(said, 'the difference line').not.toBeNull();
    expect(Number(said![1])).toBeLessThan(1e-3);
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-paths-live-1440.png` });
    w.assertClean();
    await w.close();
  });

  it('measures a net of 8 blocks, not precomputed, beside the shipped one', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#path-gradients');
    await figure.scrollIntoViewIfNeeded();
    await figure.getByLabel('Depth (blocks)').selectOption('8');
    await figure
      .getByRole('button', { name: 'Measure it yourself (seed 1, 8 blocks, branch scale 0.15)' })
      .click();
    const status = figure.getByTestId('paths-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(/^Done: seed 1, 8 blocks, branch scale 0\.15/);
    expect(await status.textContent()).toMatch(
      /A new configuration: there is no precomputed run to compare it with\.$/,
    );
    const rows = await tableRecords(figure, SHARES);
    // The table runs over the precomputed net's 25 lengths; the reader's 8-block net has 9, and
    // paths of its own, which peak at 4 blocks.
    expect(rows).toHaveLength(25);
    const mine = (prefix: string) => column(rows, prefix).slice(0, 9);
    expect(argmax(mine('paths, your run'))).toBe(4);
    for (const phase of [INIT, TRAINED]) {
      const shares = mine(`${phase}, your run`);
      expect(
        shares.reduce((a, b) => a + b, 0),
        phase,
      ).toBeCloseTo(1, 2);
      expect(column(rows, `${phase}, your run`)[9]).toBeNaN();
    }
    // As at 24 blocks, the gradient comes from paths shorter than most.
    expect(meanLength(mine(`${TRAINED}, your run`))).toBeLessThan(4);
    // The plot says the two nets differ.
    expect(
      await figure.locator('figure.plot', { hasText: SHARES }).locator('.plot-note').textContent(),
    ).toBe('Your run has 8 blocks, a depth not precomputed; the precomputed run has 24.');
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-paths-live-8-1440.png` });
    w.assertClean();
    await w.close();
  });
});
