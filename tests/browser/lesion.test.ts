// @vitest-environment node
/**
 * The lesion figure in the built app: it opens from the shipped study and its data tables say
 * what the article says (one deleted block sends the plain net to chance and leaves the residual
 * net near its intact error), on seed 1 and on the held-out seed 4 its picker offers; "Run it
 * yourself" at a reduced size (a file made here by the engine in Node, 8 blocks, served in place of
 * the shipped one) trains seed 1 in a worker and takes both nets apart, telling the time left as it
 * goes and agreeing with the engine in Node. Screenshots at 1440 and 375 px.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import shippedJson from '../../public/sweeps/lesion.json';
import { parseConfig } from '../../src/model/engine/config';
import { runLesionSpec } from '../../src/model/studies/lesion/run';
import {
  LESION_SPEC,
  type LesionFile,
  type LesionSpec,
  LESION_FILE,
} from '../../src/model/studies/lesion/spec';
import { SWEEP_ARMS } from '../../src/model/studies/nets';
import { useNodeBackend } from '../../scripts/node-backend';
import { openApp, SCREENSHOTS, sharedBrowser, serving } from './harness';
import { recordTexts } from './live-status';
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
});

/**
 * The lesion study at the size of a test: the shipped nets at SMALL_BLOCKS blocks, trained for
 * SMALL_STEPS steps, seed 1, with as large a share of their blocks deleted together (half). Long
 * enough that its pace is measured (1.5 s, timeLeft.ts) before it ends, so that the time left is
 * told. Served in place of the shipped study, with the errors the engine in Node finds; the shipped
 * errors are checked against the engine in Node (tests/shipped/lesion.test.ts, "is what the engine
 * computes").
 */
const SMALL_BLOCKS = 8;
const SMALL_STEPS = 150;
const smallSpec = (): LesionSpec => ({
  ...LESION_SPEC,
  base: parseConfig({ ...LESION_SPEC.base, blocks: SMALL_BLOCKS, steps: SMALL_STEPS }),
  seeds: [1],
  heldOutSeeds: [],
  kMax: SMALL_BLOCKS / 2,
});

describe('running the lesion study yourself', () => {
  let small: LesionFile;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const spec = smallSpec();
    const { runs } = await runLesionSpec(spec);
    small = { command: 'test', fingerprint: 'test', backend: 'wasm', spec, runs };
  });

  it('runs the study for seed 1 in a worker, tells the time left, and agrees with the engine in Node', async () => {
    const w = await openApp(
      browser(),
      '/',
      { width: 1440, height: 900 },
      serving(LESION_FILE, small),
    );
    const figure = w.page.locator('#lesion');
    await figure.scrollIntoViewIfNeeded();
    const status = figure.getByTestId('lesion-status');
    const statuses = await recordTexts(status);
    const net = `seed 1, ${SMALL_BLOCKS} blocks`;
    await figure.getByRole('button', { name: `Run it yourself (${net})` }).click();
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(new RegExp(`^Done: ${net}`));
    const seen = await statuses();
    expect(seen).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Training the plain net, ${net}: step \\d+ of ${SMALL_STEPS}`),
      ),
    );
    // Once the pace is measured, the status tells the time left from it.
    const lefts = new Set(seen.flatMap((t) => / · (about \d+ (?:s|min)) left$/.exec(t)?.[1] ?? []));
    console.log(`lesion study, ${SMALL_BLOCKS} blocks: time left said ${[...lefts].join(', ')}`);
    expect(lefts.size).toBeGreaterThan(0);
    // The panel says how far the reader's run is from the precomputed one, over every error: the
    // intact net, each block deleted alone and each draw, for both nets.
    const said =
      /Largest difference from the precomputed run, over its (\d+) test errors: ([\d.e-]+)\./.exec(
        (await status.textContent()) ?? '',
      );
    expect(said, 'the difference line').not.toBeNull();
    const { kMax, draws } = small.spec;
    expect(Number(said![1])).toBe(2 * (1 + SMALL_BLOCKS + kMax * draws));
    expect(Number(said![2])).toBeLessThan(0.003);
    // Your run, block by block, against the same nets taken apart by the engine in Node.
    const single = await tableRecords(figure, 'Test error with one block deleted');
    for (const arm of SWEEP_ARMS) {
      const node = small.runs.find((r) => r.arm === arm)!.result.single;
      const mine = column(single, `${arm}, your run`);
      expect(mine).toHaveLength(SMALL_BLOCKS);
      mine.forEach((e, i) =>
        expect(Math.abs(e - node[i]!), `${arm}, block ${i + 1}`).toBeLessThan(0.003),
      );
    }
    await figure.screenshot({ path: `${SCREENSHOTS}/figure-lesion-live-1440.png` });
    w.assertClean();
    await w.close();
  });
});
