// @vitest-environment node
/**
 * Figures that open from results shipped with the app (public/sweeps/): the degradation figure
 * loads its sweep from the page's own origin, draws it, and its data table says what the article
 * says: deeper plain nets end with a higher training loss, residual nets of every depth fit, under
 * either optimiser and on the held-out seeds too. "Run it yourself" at a reduced size (a file made
 * here by the engine in Node, 20 steps, served in place of the shipped one) trains its eight runs
 * in a worker, says how far it is, and agrees with the engine in Node; on the shipped sweep a live
 * run cancels at once and runs again when a setting changes. Screenshots of the figure at 1440 and
 * 375 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { LIVE_DEPTHS, LIVE_SEEDS } from '../../src/components/studies/live/LiveSweepPanel';
import { parseConfig } from '../../src/model/engine/config';
import { runSweep } from '../../src/model/studies/degradation/run';
import {
  DEGRADATION_SPEC,
  type SweepFile,
  type SweepSpec,
  DEGRADATION_FILE,
} from '../../src/model/studies/degradation/spec';
import { SWEEP_ARMS } from '../../src/model/studies/nets';
import { useNodeBackend } from '../../scripts/node-backend';
import { openApp, SCREENSHOTS, sharedBrowser, serving } from './harness';
import { recordTexts } from './live-status';
import { tableRecords, tableRows } from './plot-tables';

const browser = sharedBrowser();

/** The value of seed `seed` in a "by seed" cell ("1: 0.0329, 2: 0.0337"). */
function seedValue(cell: string, seed: number): number {
  const m = new RegExp(`(?:^|, )${seed}: ([^,]+)`).exec(cell);
  return Number(m?.[1] ?? NaN);
}

/**
 * The degradation figure draws the shipped sweep, and its table tells the article's story: checked
 * on a fresh page, before anything else touches the figure.
 */
async function shippedSweep(page: Page, width: number): Promise<Locator> {
  const figure = page.locator('#degradation');
  await figure.scrollIntoViewIfNeeded();
  await figure.getByText('Final training loss against depth').waitFor();
  // Columns: blocks, plain median, plain runs, residual median, residual runs.
  const rows = await tableRows(figure, 'Final training loss against depth, Adam at 0.003');
  const depths = rows.map((r) => Number(r[0]));
  expect(depths).toEqual(DEGRADATION_SPEC.depths);
  const plain = rows.map((r) => Number(r[1]));
  const residual = rows.map((r) => Number(r[3]));
  expect(plain.at(-1)!).toBeGreaterThan(plain[0]! + 0.2);
  for (const v of residual) expect(v).toBeLessThan(0.15);
  // A dot per run of the reported seeds in each plot against depth (loss, accuracy).
  const { depths: specDepths, seeds } = DEGRADATION_SPEC;
  const runs = SWEEP_ARMS.length * specDepths.length * seeds.length;
  const byDepth = figure.locator('figure.plot', { hasText: /against depth/ });
  expect(await byDepth.count()).toBe(2);
  for (const plot of await byDepth.all())
    expect(await plot.locator('.plot-dot').count()).toBe(runs);
  // The reported seeds' dots, by seed.
  expect(rows[0]![2]).toMatch(/^1: [\d.]+, 2: [\d.]+, 3: [\d.]+$/);
  expect(await figure.locator(':scope > figcaption').textContent()).toContain(
    'Precomputed for this page by the same engine as the labs',
  );
  // Nothing sticks out sideways on a phone.
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await figure.screenshot({ path: `${SCREENSHOTS}/figure-degradation-${width}.png` });
  return figure;
}

/** The pickers show SGD with momentum and the held-out seeds, each named where it is drawn. */
async function pickers(figure: Locator): Promise<void> {
  const shown = figure.getByRole('group', { name: 'Runs shown' });
  await shown.getByLabel('Optimiser shown').selectOption('momentum');
  const title = 'Final training loss against depth, SGD with momentum 0.9 at 0.01';
  await figure.getByText(title).waitFor();
  const records = await tableRecords(figure, title);
  const byDepth = (d: number) => records.find((r) => r['blocks'] === String(d))!;
  // Plain nets still end worse the deeper they are, residual ones fit; the deepest plain nets
  // diverged at step 1, and their dots say so.
  expect(Number(byDepth(100)['plain: median'])).toBeGreaterThan(
    Number(byDepth(1)['plain: median']) + 0.2,
  );
  for (const r of records) expect(Number(r['residual: median'])).toBeLessThan(0.15);
  expect(byDepth(100)['plain: by seed']).toMatch(/^1 \(diverged at step 1\): /);
  await shown.getByLabel('Seeds shown').selectOption('held-out');
  await expect
    .poll(async () => (await tableRecords(figure, title))[0]!['plain: by seed'])
    .toMatch(/^4: [\d.]+, 5: [\d.]+, 6: [\d.]+$/);
  const seeds = await shown.getByLabel('Seeds shown').locator('option').allTextContents();
  expect(seeds).toEqual(['1, 2, 3', '4, 5, 6 (held out)']);
  await figure.getByText(/^Training loss of a shallow .* seed 4$/).waitFor();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await figure.screenshot({ path: `${SCREENSHOTS}/figure-degradation-momentum-1440.png` });
}

describe('the degradation figure', () => {
  it("draws the shipped sweep and its table tells the article's story at 1440 px; its pickers show SGD with momentum and the held-out seeds", async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    await pickers(await shippedSweep(w.page, 1440));
    w.assertClean();
    await w.close();
  });
});

/**
 * The live sweep at the size of a test: the depths and seed a live sweep trains (LIVE_DEPTHS,
 * LIVE_SEEDS), Adam at the shipped rate, SMALL_STEPS steps. Served in place of the shipped sweep,
 * with the points the engine makes of it in Node, the page's live run repeats it. The shipped
 * points are checked against the engine in Node (tests/shipped/degradation.test.ts, "is what the engine
 * computes").
 */
const SMALL_STEPS = 20;
const smallSpec = (): SweepSpec => ({
  ...DEGRADATION_SPEC,
  base: parseConfig({ ...DEGRADATION_SPEC.base, steps: SMALL_STEPS }),
  depths: LIVE_DEPTHS,
  seeds: LIVE_SEEDS,
  heldOutSeeds: [],
  optimizers: [DEGRADATION_SPEC.optimizers[0]!],
});

describe('running the degradation sweep yourself', () => {
  let small: SweepFile;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const spec = smallSpec();
    const { points } = await runSweep(spec);
    small = { command: 'test', fingerprint: 'test', backend: 'wasm', spec, points };
  });

  it('trains the live sweep in a worker with progress, and agrees with the engine in Node', async () => {
    const w = await openApp(
      browser(),
      '/',
      { width: 1440, height: 900 },
      serving(DEGRADATION_FILE, small),
    );
    const figure = w.page.locator('#degradation');
    await figure.scrollIntoViewIfNeeded();
    const status = figure.getByTestId('sweep-status');
    const statuses = await recordTexts(status);
    await figure.getByRole('button', { name: 'Run it yourself' }).click();
    const t0 = Date.now();
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(/^Done: 8 of 8 runs done on wasm/);
    const seconds = (Date.now() - t0) / 1000;
    console.info(
      `live degradation sweep (4 depths × 2 arms, ${SMALL_STEPS} steps, wasm): ${seconds.toFixed(1)} s`,
    );
    // It said which run was training, how far it was and how many runs were done.
    expect(await statuses()).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Training \\d+ blocks?, (plain|residual), seed 1: step \\d+ of ${SMALL_STEPS} · \\d+ of 8 runs done`,
        ),
      ),
    );
    const records = await tableRecords(figure, 'Final training loss against depth');
    for (const depth of LIVE_DEPTHS) {
      const r = records.find((x) => x['blocks'] === String(depth))!;
      for (const arm of SWEEP_ARMS) {
        const mine = Number(r[`${arm} (your run, Adam at 0.003): median`]);
        const node = small.points.find((p) => p.blocks === depth && p.arm === arm)!.trainLoss;
        // The same engine, configuration and seed on wasm: the same number, up to its printing.
        expect(Math.abs(mine - node), `${arm} at ${depth} blocks`).toBeLessThan(0.002);
        // The served point is drawn as the precomputed one.
        expect(Math.abs(seedValue(r[`${arm}: by seed`]!, 1) - node)).toBeLessThan(0.002);
      }
    }
    expect(await figure.locator('.plot-dot[fill="none"]').count()).toBe(2 * 8);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-degradation-live-1440.png` });
    w.assertClean();
    await w.close();
  });

  // The shipped sweep at 375 px is checked first on the same page, before the live run adds to it.
  it('draws the shipped sweep at 375 px; a live run cancels at once, keeps the points so far, and runs again when a setting changes', async () => {
    const w = await openApp(browser(), '/', { width: 375, height: 800 });
    const figure = await shippedSweep(w.page, 375);
    await figure.getByLabel('Steps').selectOption('100');
    await figure.getByRole('button', { name: 'Run it yourself' }).click();
    const status = figure.getByTestId('sweep-status');
    const dots = figure.locator('.plot-dot[fill="none"]');
    await expect.poll(() => dots.count(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    await figure.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(async () => (await status.textContent()) ?? '')
      .toMatch(/^Cancelled: \d of 8 runs done/);
    const kept = await dots.count();
    expect(kept).toBeGreaterThan(0);
    // A changed setting starts a new sweep with that setting; a live optimiser that the shipped
    // sweep ran brings its shipped runs into view.
    await figure.getByLabel('Activation').selectOption('tanh');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000, interval: 100 })
      .toMatch(/^(Starting the sweep worker|Training |Done: )/);
    const live = figure.getByRole('group', { name: 'Run the sweep yourself' });
    await live.getByLabel('Optimiser').selectOption('momentum');
    await figure
      .getByText('Final training loss against depth, SGD with momentum 0.9 at 0.01')
      .waitFor();
    if (await figure.getByRole('button', { name: 'Cancel' }).isVisible())
      await figure.getByRole('button', { name: 'Cancel' }).click();
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-degradation-live-375.png` });
    w.assertClean();
    await w.close();
  });
});
