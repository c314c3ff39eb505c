// @vitest-environment node
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, screenshot, sharedBrowser } from './harness';
import { SECTIONS } from '../../src/content/sections';

const browser = sharedBrowser();

/** Counts typeset equations, equations without KaTeX output, and KaTeX error nodes. */
async function mathState(page: Page) {
  return page.evaluate(() => {
    const maths = [...document.querySelectorAll('.math')];
    return {
      total: maths.length,
      unrendered: maths.filter((m) => !m.querySelector('.katex')).length,
      errors: document.querySelectorAll('.katex-error').length,
      withMathml: maths.filter((m) => m.querySelector('math')).length,
    };
  });
}

/**
 * Scripts the page fetched so far, apart from the training worker's (Figure 1 sits at the top of
 * the page, so it is near at once and starts its worker after hydration): their URLs and whether
 * any of them carries the tfjs engine.
 */
async function scriptsLoaded(page: Page) {
  return page.evaluate(async () => {
    const all = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => u.endsWith('.js'));
    const urls = all.filter((u) => !/\/train\.worker-[\w-]+\.js$/.test(u));
    const bodies = await Promise.all(urls.map((u) => fetch(u).then((r) => r.text())));
    // Error messages survive minification: this one is tfjs-core's backend registry.
    return {
      urls,
      workers: all.length - urls.length,
      tfjs: bodies.some((b) => b.includes('Backend name')),
    };
  });
}

describe('the article in Chromium', () => {
  it('renders every equation, responds to depth and hover, and loads no tfjs at first', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const { page } = w;
    await page.locator('li.term').first().waitFor();

    const scripts = await scriptsLoaded(page);
    expect(scripts.urls.length).toBeGreaterThan(0);
    expect(scripts.tfjs, scripts.urls.join(', ')).toBe(false);
    expect(scripts.workers).toBeLessThanOrEqual(1);

    const maths = await mathState(page);
    expect(maths.total).toBeGreaterThan(50);
    expect(maths.unrendered).toBe(0);
    expect(maths.errors).toBe(0);
    expect(maths.withMathml).toBe(maths.total);

    // The table of contents reaches every section.
    const tocLinks = await page
      .locator('nav.toc a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(tocLinks).toHaveLength(SECTIONS.length);
    for (const href of tocLinks) expect(await page.locator(`section${href}`).count()).toBe(1);

    // Depth: 2^n terms.
    expect(await page.locator('li.term').count()).toBe(8);
    await page.getByLabel('Depth n (blocks)').fill('6');
    expect(await page.locator('li.term').count()).toBe(64);
    expect(await page.locator('.lane-through').count()).toBe(6);

    // Hover a term: its path lights up in the diagram (F5 F2 F0 x0 = mask 0b100101).
    await page.locator('li.term[data-mask="37"]').hover();
    const lit = await page
      .locator('.lane.is-lit')
      .evaluateAll((gs) => gs.map((g) => `${g.dataset.block}:${g.dataset.lane}`).sort());
    expect(lit).toEqual([
      '0:through',
      '1:around',
      '2:through',
      '3:around',
      '4:around',
      '5:through',
    ]);
    // … and the other way round, by keyboard focus on a block.
    await page.locator('.lane-through[data-block="3"]').focus();
    // Polled: React renders the focus's highlight in a later task on a loaded machine.
    await expect.poll(() => page.locator('li.term.is-lit').count()).toBe(32);
    await page.locator('.lane-through[data-block="3"]').blur();

    await page.getByLabel('Depth n (blocks)').fill('3');
    await page.locator('li.term[data-mask="5"]').hover();
    expect(await mathState(page)).toMatchObject({ unrendered: 0, errors: 0 });
    // Accessibility of the article's own markup (the labs have their own tests).
    const axe = await new AxeBuilder({ page })
      .include('main')
      .exclude('.lab')
      .exclude('.katex-html')
      .analyze();
    const violations = axe.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(violations).toEqual([]);

    await screenshot(page, 'article-1440');
    await page.locator('#stack').screenshot({ path: 'test-results/screenshots/stack-1440.png' });
    w.assertClean();
    await w.close();
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const w = await openApp(browser(), '/', { width: 375, height: 800 });
    const { page } = w;
    await page.locator('li.term').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await mathState(page)).toMatchObject({ unrendered: 0, errors: 0 });
    await screenshot(page, 'article-375');
    await page.locator('#stack').screenshot({ path: 'test-results/screenshots/stack-375.png' });
    w.assertClean();
    await w.close();
  });
});
