// @vitest-environment node
/**
 * The path-length figure in the built app: it opens from the shipped study and its data tables
 * say what the article says (most paths are about n/2 long, the gradient comes from shorter ones
 * and, after training, from shorter ones still; unscaled branches move it to longer paths than
 * the figure's 0.15); "Measure it yourself" at a reduced size (a file made here by the engine in
 * Node, 20 steps, served in place of the shipped one) measures seed 1 in a worker and agrees with
 * the engine in Node, exact shares and sampled paths alike, and measures a net of 8 blocks, which
 * is not precomputed, beside the precomputed one. Beside the shipped file, a run at 8 blocks
 * measures and trains the shipped net's configuration and cancels at once. Screenshots at 1440 and
 * 375 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { parseConfig } from '../../src/model/engine/config';
import { runPathsSpec } from '../../src/model/studies/paths/run';
import {
  gradientShares,
  PATHS_SPEC,
  type PathsFile,
  type PathsSpec,
  PATHS_FILE,
} from '../../src/model/studies/paths/spec';
import { useNodeBackend } from '../../scripts/node-backend';
import { openApp, SCREENSHOTS, sharedBrowser, serving } from './harness';
import { recordTexts } from './live-status';
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
});

/**
 * The path-length study at the size of a test: the shipped net (24 blocks, branch scale 0.15,
 * seed 1), trained for SMALL_STEPS steps, with SMALL_SAMPLES paths sampled per length. Served in
 * place of the shipped study, with what the engine in Node measures of it; the shipped
 * measurements are checked against the engine in Node (tests/shipped/paths.test.ts, "is what the engine
 * computes").
 */
const SMALL_STEPS = 20;
const SMALL_SAMPLES = 2;
const smallSpec = (): PathsSpec => ({
  ...PATHS_SPEC,
  base: parseConfig({ ...PATHS_SPEC.base, steps: SMALL_STEPS }),
  branchScales: [PATHS_SPEC.branchScales[0]!],
  seeds: [1],
  heldOutSeeds: [],
  samples: SMALL_SAMPLES,
});

describe('measuring the paths yourself', () => {
  let small: PathsFile;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const spec = smallSpec();
    const { runs } = await runPathsSpec(spec);
    small = { command: 'test', fingerprint: 'test', backend: 'wasm', spec, runs };
  });

  it('measures seed 1 in a worker and agrees with the engine in Node', async () => {
    const w = await openApp(
      browser(),
      '/',
      { width: 1440, height: 900 },
      serving(PATHS_FILE, small),
    );
    const figure = w.page.locator('#path-gradients');
    await figure.scrollIntoViewIfNeeded();
    const status = figure.getByTestId('paths-status');
    const statuses = await recordTexts(status);
    const started = Date.now();
    await figure
      .getByRole('button', { name: 'Measure it yourself (seed 1, 24 blocks, branch scale 0.15)' })
      .click();
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(/^Done: seed 1, 24 blocks, branch scale 0\.15/);
    console.log(`live path-length study, ${SMALL_STEPS} steps: ${(Date.now() - started) / 1000} s`);
    // Every phase, as the status named it (the time left is the lesion test's to check).
    const seen = new Set(
      (await statuses()).map((t) =>
        t.replace(/ · (about \d+ (?:s|min)) left$/, '').replace(/\d+ of (\d+)/, 'N of $1'),
      ),
    );
    const net = '(seed 1, 24 blocks, branch scale 0.15)';
    expect([...seen]).toEqual(
      expect.arrayContaining([
        `Measuring the paths at initialisation ${net}: exact sums, block N of 24`,
        `Measuring the paths at initialisation ${net}: sampled paths, length N of 24`,
        `Training the net ${net}: step N of ${SMALL_STEPS}`,
        `Measuring the paths after training ${net}: exact sums, block N of 24`,
      ]),
    );
    // The reader's run against the same net measured by the engine in Node, which the figure
    // draws as the precomputed one. The table rounds to three digits: agreement to 1% is
    // agreement of the engine.
    const agree = (rows: Record<string, string>[], what: string, upTo: number) => {
      for (const phase of [INIT, TRAINED]) {
        // The precomputed series comes first in the table, so its header is found first.
        const node = column(rows, phase);
        const mine = column(rows, `${phase}, your run`);
        mine
          .slice(0, upTo)
          .forEach((g, k) =>
            expect(Math.abs(g - node[k]!), `${what}, ${phase}, k ${k}`).toBeLessThanOrEqual(
              0.01 * node[k]!,
            ),
          );
      }
    };
    const shares = await tableRecords(figure, SHARES);
    const nodeShares = gradientShares(small.runs[0]!.init);
    column(shares, INIT).forEach((v, k) =>
      expect(Math.abs(v - nodeShares[k]!), `the precomputed share, k ${k}`).toBeLessThanOrEqual(
        0.01 * nodeShares[k]!,
      ),
    );
    agree(shares, 'exact share', 13);
    agree(await tableRecords(figure, PER_PATH), 'one path', 13);
    // The panel says so too, over every share of both measurements.
    const said = /over its 50 gradient shares: ([\d.e-]+)\.$/.exec((await status.textContent())!);
    expect(said, 'the difference line').not.toBeNull();
    expect(Number(said![1])).toBeLessThan(1e-3);
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-paths-live-1440.png` });
    w.assertClean();
    await w.close();
  });

  it('measures a net of 8 blocks, not precomputed, beside the precomputed one', async () => {
    const w = await openApp(
      browser(),
      '/',
      { width: 1440, height: 900 },
      serving(PATHS_FILE, small),
    );
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

describe('a live run at 8 blocks beside the shipped 24', () => {
  it('measures and trains the shipped net at that depth, and cancels at once', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const figure = w.page.locator('#path-gradients');
    await figure.scrollIntoViewIfNeeded();
    await figure.getByLabel('Depth (blocks)').selectOption('8');
    const status = figure.getByTestId('paths-status');
    const statuses = await recordTexts(status);
    await figure
      .getByRole('button', { name: 'Measure it yourself (seed 1, 8 blocks, branch scale 0.15)' })
      .click();
    const net = '(seed 1, 8 blocks, branch scale 0.15)';
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 100 })
      .toContain(`Training the net ${net}: step `);
    await figure.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await status.textContent()) ?? '').toBe('Cancelled.');
    // Measured at initialisation, then trained for the shipped study's 300 steps.
    const seen = await statuses();
    expect(seen).toContainEqual(
      expect.stringContaining(`Measuring the paths at initialisation ${net}: exact sums`),
    );
    expect(seen).toContainEqual(
      expect.stringMatching(/^Training the net \(seed 1, 8 blocks, .*\): step \d+ of 300/),
    );
    w.assertClean();
    await w.close();
  });
});
