// @vitest-environment node
/**
 * Plot exports raise no console error: the SVG of the canvas plots (heatmap, decision boundary,
 * loss landscape) embeds its raster as a data: URL, which the page's Content-Security-Policy
 * would refuse if the copy were built in the page's own document.
 */
import { describe, expect, it } from 'vitest';
import { openApp, sharedBrowser } from './harness';
import { lab, ready } from './lab-helpers';

const browser = sharedBrowser();

describe('plot exports', () => {
  it('download every SVG and PNG of a lab and of the landscape figure without a console error', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const region = lab(w.page, 'Vanishing gradients and their cure');
    await ready(region);
    // The heatmaps are behind "More plots" and render once it is open.
    await region.getByText('More plots', { exact: false }).click();
    await region.locator('canvas').nth(1).waitFor();
    const landscape = w.page.locator('#landscape');
    await landscape.scrollIntoViewIfNeeded();
    await landscape.locator('canvas').first().waitFor();
    let downloads = 0;
    for (const scope of [region, landscape])
      for (const name of ['Download SVG', 'Download PNG']) {
        const buttons = scope.getByRole('button', { name });
        const count = await buttons.count();
        expect(count, `${name} buttons`).toBeGreaterThan(1);
        for (let i = 0; i < count; i++) {
          const [download] = await Promise.all([
            w.page.waitForEvent('download'),
            buttons.nth(i).click(),
          ]);
          expect(download.suggestedFilename()).toMatch(name.endsWith('SVG') ? /\.svg$/ : /\.png$/);
          downloads += 1;
        }
      }
    expect(downloads).toBeGreaterThan(8);
    w.assertClean();
    await w.close();
  });
});
