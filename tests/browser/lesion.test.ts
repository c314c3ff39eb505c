// @vitest-environment node
/**
 * The lesion figure in the built app: it opens from the shipped study and its data tables say
 * what the article says (one deleted block sends the plain net to chance and leaves the residual
 * net near its intact error), on seed 1 and on the held-out seed 4 its picker offers; "Run it
 * yourself" trains seed 1 in a worker and takes both nets apart, telling the time left as it goes
 * and agreeing with the shipped seed 1. Screenshots at 1440 and 375 px.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import shippedJson from '../../public/sweeps/lesion.json';
import type { LesionFile } from '../../src/model/studies/lesion/spec';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { tableRecords } from './plot-tables';

const browser = sharedBrowser();
const shipped = shippedJson as unknown as LesionFile;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
/** The column whose header starts with `prefix`, as numbers. */
const column = (rows: Record<string, string>[], prefix: string) => {
  const key = Object.keys(rows[0]!).find((k) => k.startsWith(prefix))!;
  return rows.map((r) => Number(r[key]));
};

/**
 * The seed picker offers the held-out seeds, marked; picking seed 4 draws seed 4's nets (the
 * intact errors in the legend are the shipped file's) and they tell the same story.
 */
async function heldOutSeedTellsTheSameStory(figure: Locator) {
  const seed = figure.getByLabel('Seed');
  expect(await seed.locator('option').allTextContents()).toEqual([
    '1',
    '2',
    '3',
    '4 (held out)',
    '5 (held out)',
    '6 (held out)',
  ]);
  await seed.selectOption('4');
  const intact = (arm: string) =>
    (100 * shipped.runs.find((r) => r.seed === 4 && r.arm === arm)!.result.intact).toFixed(1);
  const title = 'Test error with one block deleted';
  await expect
    .poll(async () => Object.keys((await tableRecords(figure, title))[0]!).join(' | '))
    .toContain(`plain (intact: ${intact('plain')}% error)`);
  const single = await tableRecords(figure, title);
  expect(Object.keys(single[0]!).join(' | ')).toContain(
    `residual (intact: ${intact('residual')}% error)`,
  );
  expect(median(column(single, 'plain'))).toBeGreaterThan(0.4);
  expect(median(column(single, 'residual'))).toBeLessThan(0.1);
  await seed.selectOption('1');
}

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
      if (width === 1440) await heldOutSeedTellsTheSameStory(figure);
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
    await figure.getByRole('button', { name: 'Run it yourself (seed 1, 24 blocks)' }).click();
    const status = figure.getByTestId('lesion-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000, interval: 100 })
      .toMatch(/^Training the plain net, seed 1, 24 blocks: step \d+ of 300/);
    // Once the pace is measured, the status tells the time left from it.
    const lefts = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = (await status.textContent()) ?? '';
          const left = / · (about \d+ (?:s|min)) left$/.exec(text)?.[1];
          if (left) lefts.add(left);
          return text;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toMatch(/^Done: seed 1, 24 blocks/);
    console.log(`lesion study, 24 blocks: time left said ${[...lefts].join(', ')}`);
    expect(lefts.size).toBeGreaterThan(0);
    // The panel says how far the reader's run is from the precomputed one, over every error.
    const said =
      /Largest difference from the precomputed run, over its (\d+) test errors: ([\d.e-]+)\./.exec(
        (await status.textContent()) ?? '',
      );
    expect(said, 'the difference line').not.toBeNull();
    expect(Number(said![1])).toBeGreaterThan(50);
    expect(Number(said![2])).toBeLessThan(0.003);
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
