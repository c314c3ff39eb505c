// @vitest-environment node
/**
 * The built index.html carries the article: its section headings and its equations typeset by
 * KaTeX, with no inline style the page's CSP would refuse. With scripts off the page reads and
 * each lab says it needs JavaScript; with scripts on, React hydrates the prerendered equations
 * instead of typesetting them again, and the labs replace their placeholders.
 */
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/content/sections';
import { PRESET_IDS } from '../../src/model/labs/presets';
import { appUrl, openApp, screenshot, sharedBrowser } from './harness';

const browser = sharedBrowser();

describe('the prerendered article', () => {
  it('is in the served HTML: every section heading, KaTeX markup, no inline style', async () => {
    const html = await (await fetch(appUrl('/'))).text();
    for (const s of SECTIONS) expect(html, s.id).toContain(`<section id="${s.id}"`);
    expect(html.match(/class="katex"/g)?.length ?? 0).toBeGreaterThan(50);
    expect(html).toContain('<math');
    expect(html).not.toMatch(/ style="/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/prerender-[\w-]+\.css">/);
  });

  for (const width of [375, 1440])
    it(`reads with scripts off at ${width} px, and each lab says it needs JavaScript`, async () => {
      const w = await openApp(browser(), '/', { width, height: 900 }, undefined, false);
      for (const s of SECTIONS)
        expect(await w.page.locator(`#${s.id} h2`).isVisible(), s.id).toBe(true);
      const maths = w.page.locator('.math .katex-html');
      expect(await maths.count()).toBeGreaterThan(50);
      // Typeset, not raw TeX: the residual block's display equation has KaTeX's struts and height.
      const eq = w.page.locator('#residual-block .math-display').first();
      expect((await eq.boundingBox())!.height).toBeGreaterThan(20);
      const notes = w.page.getByText(
        /This lab trains networks in your browser and needs JavaScript/,
      );
      expect(await notes.count()).toBe(new Set(PRESET_IDS).size);
      expect(await notes.first().isVisible()).toBe(true);
      // The plots prerendered with their data fit the column, and nothing that needs scripts
      // (downloads, data tables, pointer layers) is offered.
      const plots = await w.page.evaluate(() =>
        [...document.querySelectorAll('svg.plot-svg')].map((s) => s.getBoundingClientRect().right),
      );
      expect(plots.length).toBeGreaterThanOrEqual(2);
      for (const right of plots) expect(right).toBeLessThanOrEqual(width);
      expect(await w.page.locator('.plot-actions:visible, .plot-data:visible').count()).toBe(0);
      await screenshot(w.page, `prerender-nojs-${width}`);
      w.assertClean();
      await w.close();
    });

  it('hydrates with scripts on: no equation typeset twice, labs mounted, no console error', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 }, async (page) => {
      // Counts KaTeX trees removed from the document while the page loads: hydration keeps the
      // prerendered equations, so none should go.
      await page.addInitScript(() => {
        const win = window as unknown as { __removedKatex: number };
        win.__removedKatex = 0;
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.removedNodes)
              if (n instanceof Element && (n.matches('.katex') || n.querySelector('.katex')))
                win.__removedKatex += 1;
        }).observe(document, { childList: true, subtree: true });
      });
    });
    await w.page.waitForFunction(() => document.querySelectorAll('.lab-placeholder').length === 0);
    expect(await w.page.locator('section.lab[data-lab]').count()).toBe(new Set(PRESET_IDS).size);
    expect(
      await w.page.evaluate(() => (window as unknown as { __removedKatex: number }).__removedKatex),
    ).toBe(0);
    // The equations still respond: the depth explorer re-typesets its stack at a new depth.
    const explorer = w.page.locator('.depth-explorer');
    await explorer.getByLabel('Depth n (blocks)').fill('5');
    await expect.poll(() => explorer.locator('.eq').first().textContent()).toContain('x5');
    w.assertClean();
    await w.close();
  });
});
