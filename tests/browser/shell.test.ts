// @vitest-environment node
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built page', () => {
  it('loads without errors and says what it is', async () => {
    const w = await openApp(browser);
    expect(await w.page.locator('h1').first().textContent()).toBe('Residual');
    await screenshot(w.page, 'shell-1440');
    w.assertClean();
    await w.close();
  });
});
