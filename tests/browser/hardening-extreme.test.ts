// @vitest-environment node
/**
 * Extreme configurations in the playground (100 blocks of width 256, learning rate 10, batch
 * size 1, and all at once): the tab stays responsive while the worker trains (no main-thread
 * task over LONG_TASK_LIMIT_MS, the page answers at once, Pause takes effect), and a run that
 * diverges stops with the lab's message. The values come in through the lab's URL state (the
 * selects offer them too, with hints; Controls.test.tsx covers those), so that each test starts
 * straight from the extreme configuration. The 100-block net, whose step 0 takes seconds, first
 * says what it is doing while it starts.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { appUrl, pageReady, SCREENSHOTS, sharedBrowser } from './harness';
import { assertNoProblems, collectLongTasks, watch } from './hardening-helpers';
import { isTraining, ready, stepOf, until } from './lab-helpers';

/**
 * Longest main-thread task allowed while a lab trains. The budget in docs/design.md is 50 ms
 * (checked by `npm run bench` on a quiet machine); this test guards against a frozen tab, where a
 * blocking step or a render per message takes seconds. Long tasks are wall-clock: on the two-core
 * test machine the renderer shares the cores with the worker, the test runner, the preview server
 * and whatever else runs (load averages of 4–5 were seen), and tasks of 80–440 ms were measured
 * while the playground trains. 750 ms stays clear of that noise and far below a freeze.
 */
const LONG_TASK_LIMIT_MS = 750;
/** How long the page may take to answer a trivial evaluate (measured: 2–330 ms under load). */
const ANSWER_MS = 1_000;

const browser = sharedBrowser();

/**
 * A network whose step 0 takes seconds (100 blocks × 256) names what it is doing while it starts,
 * and for how long: its status line counts the seconds. Read before any long task is counted.
 */
async function saysWhatItIsDoing(region: Locator): Promise<void> {
  await region.scrollIntoViewIfNeeded();
  const status = region.getByTestId('lab-status');
  let seen = '';
  await until(async () => {
    seen = (await status.textContent()) ?? '';
    return /Measuring step 0 \(the gradients at initialisation\)… [2-9] s/.test(seen);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await region.locator('.lab-toolbar').screenshot({
    path: `${SCREENSHOTS}/recovery-big-network-progress.png`,
  });
  console.log(`status while a big network starts: ${seen}`);
}

/**
 * Opens the playground with `query`, lets it train `steps` steps and measures the main thread;
 * `startsSlowly` first reads the status line of a net whose step 0 takes seconds.
 */
async function trainExtreme(query: string, steps: number, startsSlowly = false) {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(collectLongTasks);
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(appUrl(`/?lab=playground&${query}`), { waitUntil: 'load' });
  await pageReady(page);
  // A CSS locator: role and text queries walk the whole page on every poll, and those walks
  // would show up as the very long tasks this test measures.
  const region = page.locator('section[data-lab="playground"]');
  if (startsSlowly) await saysWhatItIsDoing(region);
  // The link names the playground: its notice must not appear (the values are all allowed).
  await ready(region);
  expect(await region.getByRole('status', { name: 'Notice about the link' }).count()).toBe(0);

  // Count only the tasks of training, not those of loading the page (over once a backend runs).
  await page.evaluate(() => (window.__longTasks = []));
  await reached(page, steps, 75_000);
  const longTasks = await page.evaluate(() => window.__longTasks ?? []);
  const t0 = Date.now();
  expect(await page.evaluate(() => 1)).toBe(1);
  const answerMs = Date.now() - t0;
  return { page, context, region, w, longTasks, answerMs };
}

/**
 * Waits, inside the page and polling only every 250 ms, until the playground has reached `step`
 * or shows a divergence. Polling from the test with locators every 100 ms costs the page's main
 * thread enough, on two cores, to show up in the long tasks this test measures.
 */
async function reached(page: Page, step: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const lab = document.querySelector('section[data-lab="playground"]');
      const status = lab?.querySelector('[data-testid="lab-status"]')?.textContent ?? '';
      const at = Number(/Step (\d+)/.exec(status)?.[1] ?? -1);
      return at >= n || /diverged at step/.test(lab?.textContent ?? '');
    },
    step,
    { polling: 250, timeout },
  );
}

async function diverged(region: Locator): Promise<boolean> {
  return (await region.locator('[role="alert"]', { hasText: /diverged at step/ }).count()) > 0;
}

/** Pause takes effect soon after the click: once the worker's current step is done. */
async function pauseQuickly(page: Page, region: Locator, stepMs: number) {
  const t0 = Date.now();
  await region.getByRole('button', { name: 'Pause', exact: true }).click();
  // The worker pauses between two steps: at 100 blocks of width 256 a step takes 10–20 s here,
  // and longer when the machine is loaded.
  await until(async () => !(await isTraining(region)), ANSWER_MS + stepMs * 4 + 10_000);
  const pausedAfter = Date.now() - t0;
  const step = await stepOf(region);
  // Paused means paused: the counter stays put while the page keeps rendering.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  expect(await stepOf(region)).toBeLessThanOrEqual(step + 1);
  return pausedAfter;
}

describe('extreme configurations', () => {
  const cases: [string, string, number, boolean?][] = [
    ['learning rate 10', 'learningRate=10', 30],
    ['batch size 1', 'batchSize=1', 30],
    // 100 blocks of width 256 is the slow one: its step 0 (with an evaluation on the full sets)
    // takes about half a minute on wasm here, whatever the batch size, so it runs only combined.
    [
      '100 blocks of width 256, learning rate 10, batch size 1',
      'a.blocks=100&width=256&learningRate=10&batchSize=1',
      1,
      true,
    ],
  ];
  for (const [name, query, steps, startsSlowly] of cases) {
    it(`${name}: ${startsSlowly ? 'says what it does while it starts, ' : ''}trains without freezing the tab, and pauses`, async () => {
      const r = await trainExtreme(query, steps, startsSlowly);
      const longest = Math.max(0, ...r.longTasks);
      const status = (await r.region.getByTestId('lab-status').textContent()) ?? '';
      const sps = Number(/([\d.]+) steps\/s/.exec(status)?.[1] ?? 0);
      const stepMs = sps > 0 ? 1000 / sps : 2_000;
      const pausedAfter = (await isTraining(r.region))
        ? await pauseQuickly(r.page, r.region, stepMs)
        : 0;
      console.info(
        `${name}: ${await stepOf(r.region)} steps, ${sps} steps/s, longest main-thread task ` +
          `${longest.toFixed(0)} ms (${r.longTasks.length} over 50 ms), evaluate answered in ` +
          `${r.answerMs} ms, paused after ${pausedAfter} ms; ${JSON.stringify(r.longTasks.map(Math.round))}`,
      );
      expect(longest).toBeLessThan(LONG_TASK_LIMIT_MS);
      expect(r.answerMs).toBeLessThan(ANSWER_MS);
      assertNoProblems(r.w, 'the page reported problems');
      await r.context.close();
    });
  }

  it('a diverging run (learning rate 10 without batch norm) stops with the lab message', async () => {
    const r = await trainExtreme('learningRate=10&a.norm=none', 1);
    await until(() => diverged(r.region));
    const alert = r.region.getByRole('alert');
    const text = (await alert.first().textContent()) ?? '';
    expect(text).toMatch(/diverged at step \d+: .*so training stopped\. Try .*learning rate/);
    await until(async () => !(await isTraining(r.region)));
    // Stopped, and the tab still answers.
    expect(await r.page.evaluate(() => 1)).toBe(1);
    expect(Math.max(0, ...r.longTasks)).toBeLessThan(LONG_TASK_LIMIT_MS);
    assertNoProblems(r.w, 'the page reported problems');
    await r.context.close();
  });
});
