// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openApp, sharedBrowser } from './harness';

const browser = sharedBrowser();

describe('the built page', () => {
  it('loads without errors and says what it is', async () => {
    const w = await openApp(browser());
    expect(await w.page.locator('h1').first().textContent()).toBe('Residual');
    w.assertClean();
    await w.close();
  });
});
