// @vitest-environment node
/**
 * Recovery: when a lab's training worker fails, the lab starts a new worker on the next backend
 * (wasm → webgl → cpu), says so in its status line, and trains again. Two failures in a row on
 * the playground: an uncaught error thrown inside the worker (as a crashing backend would), which
 * moves it from wasm to webgl; then a lost WebGL context, which moves it to cpu. A backend that
 * throws inside a step is handled in the worker itself and tested at unit level in
 * src/model/worker/trainer-host-fallback.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, launch } from './harness';
import { watch } from './hardening-helpers';
import { ready, stepOf, until } from './lab-helpers';

const CRASH = 'simulated worker crash';
const LOST = 'the WebGL context was lost';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Throws an uncaught error inside every worker of the page. */
async function crashWorkers(page: Page): Promise<void> {
  for (const worker of page.workers())
    await worker.evaluate((message) => {
      setTimeout(() => {
        throw new Error(message);
      }, 0);
    }, CRASH);
}

/**
 * Loses the WebGL context of every worker that runs tfjs on webgl (through the standard
 * WEBGL_lose_context extension on tfjs's own context); returns how many lost it.
 */
async function loseWebglContexts(page: Page): Promise<number> {
  const lost = await Promise.all(
    page.workers().map((worker) =>
      worker.evaluate(() => {
        type Engine = { backendName: string; backend: { gpgpu?: { gl?: WebGL2RenderingContext } } };
        const engine = (self as unknown as { _tfengine?: Engine })._tfengine;
        if (engine?.backendName !== 'webgl') return false;
        const ext = engine.backend.gpgpu?.gl?.getExtension('WEBGL_lose_context');
        ext?.loseContext();
        return ext !== undefined && ext !== null;
      }),
    ),
  );
  return lost.filter(Boolean).length;
}

describe('recovery', () => {
  it('restarts a failed worker on the next backend, twice, and says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(appUrl('/?lab=playground&a.blocks=2&width=8'), { waitUntil: 'load' });
    const region = page.locator('section[data-lab="playground"]');
    const status = region.getByTestId('lab-status');
    const statusText = async () => (await status.textContent()) ?? '';
    const train = region.getByRole('button', { name: 'Train', exact: true });
    expect(await ready(region)).toBe('wasm');
    await until(async () => (await stepOf(region)) >= 3);
    expect(page.workers().length).toBeGreaterThanOrEqual(1);

    // 1. The worker crashes: a new one starts on webgl, and the status line says so.
    await crashWorkers(page);
    await until(async () =>
      /Restarted on webgl: .*simulated worker crash/.test(await statusText()),
    );
    await until(async () => (await statusText()).includes('Backend: webgl'));
    if (await train.isEnabled()) await train.click();
    await until(async () => (await stepOf(region)) >= 3);

    // 2. The WebGL context is lost mid-training: instead of hanging, the lab goes on with cpu.
    expect(await loseWebglContexts(page)).toBeGreaterThanOrEqual(1);
    await until(async () => /Restarted on cpu: .*WebGL context was lost/.test(await statusText()));
    await until(async () => (await statusText()).includes('Backend: cpu'));
    if (await train.isEnabled()) await train.click();
    await until(async () => (await stepOf(region)) >= 3);

    // The two failures themselves may be reported; nothing else may.
    const others = w.problems.filter((p) => !p.includes(CRASH) && !p.includes(LOST));
    expect(others).toEqual([]);
    await context.close();
  });
});
