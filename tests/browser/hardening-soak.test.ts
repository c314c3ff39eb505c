// @vitest-environment node
/**
 * Soak: the playground trains 5,000 steps of a small net in the browser. The workers' tfjs tensor
 * count must stay exactly flat after warm-up, and the page's JS heap (after a forced GC) must not
 * grow beyond what the lab keeps on purpose.
 *
 * The tensor count is read from tfjs's engine, which tfjs keeps on the worker's global object as
 * `_tfengine` (tfjs-core engine.ts, getOrMakeEngine), so the worker needs no test hook.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUrl, sharedBrowser, pageReady, rememberBackend } from './harness';
import { assertNoProblems, watch } from './hardening-helpers';
import { ready } from './lab-helpers';

const STEPS = 5_000;
/** Steps before the baseline: Adam's moments exist, the thinned plot series are full. */
const WARM_UP = 1_000;
/**
 * Allowed heap growth between WARM_UP and STEPS. The lab keeps, on purpose, the full record of
 * every step up to EXPORT_ROWS = 5,000 for the CSV/JSON download (runHistory.ts): for this net
 * (6 weight matrices, 3 block inputs) one record is an object and three small Float32Arrays,
 * about 0.4 kB, so 4,000 more records are ≈ 1.6 MB. A leak of one plot or message per step would
 * exceed 5 MB many times over.
 */
const HEAP_GROWTH_LIMIT = 5 * 1024 * 1024;

const browser = sharedBrowser();

/** The step the playground shows, read inside the page (cheap for the main thread). */
async function waitForStep(page: Page, step: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const lab = document.querySelector('section[data-lab="playground"]');
      const status = lab?.querySelector('[data-testid="lab-status"]')?.textContent ?? '';
      return Number(/Step (\d+)/.exec(status)?.[1] ?? -1) >= n;
    },
    step,
    { polling: 500, timeout: 75_000 },
  );
}

/** Live tensors in every tfjs worker of the page, in worker order. */
async function tensorCounts(page: Page): Promise<number[]> {
  return Promise.all(
    page
      .workers()
      .map((w) =>
        w.evaluate(
          () =>
            (
              self as unknown as { _tfengine?: { memory(): { numTensors: number } } }
            )._tfengine?.memory().numTensors ?? -1,
        ),
      ),
  );
}

describe('soak', () => {
  it(`trains ${STEPS} steps with flat tensor counts and a flat JS heap`, async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // No backend comparison: the workers counted are the lab's alone.
    await rememberBackend(page);
    const w = watch(page);
    const query = `lab=playground&a.blocks=2&width=8&batchSize=16&steps=${STEPS}`;
    await page.goto(appUrl(`/?${query}`), { waitUntil: 'load' });
    await pageReady(page);
    const region = page.locator('section[data-lab="playground"]');
    await ready(region);
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    const t0 = Date.now();
    await waitForStep(page, WARM_UP);
    const tensorsWarm = await tensorCounts(page);
    const heapWarm = await heap();
    expect(tensorsWarm.length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...tensorsWarm)).toBeGreaterThan(0);

    const samples: number[][] = [];
    for (const at of [2_000, 3_000, 4_000]) {
      await waitForStep(page, at);
      samples.push(await tensorCounts(page));
    }
    // A run of STEPS steps measures steps 0 … STEPS − 1 (as the CLI does) and then stops.
    await waitForStep(page, STEPS - 1);
    const tensorsEnd = await tensorCounts(page);
    const heapEnd = await heap();
    const seconds = (Date.now() - t0) / 1000;
    console.info(
      `soak: steps ${WARM_UP}→${STEPS} in ${seconds.toFixed(0)} s; tensors per worker ` +
        `${JSON.stringify([tensorsWarm, ...samples, tensorsEnd])}; heap ` +
        `${(heapWarm / 1e6).toFixed(2)} → ${(heapEnd / 1e6).toFixed(2)} MB`,
    );
    for (const s of [...samples, tensorsEnd]) expect(s).toEqual(tensorsWarm);
    expect(heapEnd - heapWarm).toBeLessThan(HEAP_GROWTH_LIMIT);
    assertNoProblems(w, 'the page reported problems');
    await context.close();
  });
});
