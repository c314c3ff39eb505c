// @vitest-environment node
/**
 * The depth explorer on a 375 px phone, for every depth n = 1 … 8: no equation scrolls sideways
 * (the products and the Jacobian break into lines like the sum), and every lane of the unrolled
 * diagram offers a tap target of at least 24 × 24 px (WCAG 2.5.8), and the sticky diagram
 * covers neither most of the screen nor a focused term. Screenshot at n = 8. The article on the
 * same phone: model names, numbers and bracketed terms stay whole, and nothing scrolls sideways.
 * A lab on a phone: its controls fit, its selects show their labels, a bad seed says so.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';

const browser = sharedBrowser();

/**
 * The article on a phone keeps model names, numbers and bracketed terms whole, and nothing scrolls
 * sideways: read on a fresh page, before anything is scrolled, focused or changed.
 */
async function articleWhole(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The lines a piece of text spans, from the tops of its line boxes.
  const brokenCells = await page.locator('table.numbers td').evaluateAll((cells) =>
    cells.flatMap((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      // A phrase may wrap; a number, a data set or a model name (no space) may not.
      return lines.size > 1 && !/\s/.test(c.textContent ?? '') ? [c.textContent] : [];
    }),
  );
  expect(brokenCells, 'cells broken at a hyphen').toEqual([]);
  const brokenMath = await page.locator('p .katex').evaluateAll((els) =>
    els.flatMap((k) => {
      const tex = k.querySelector('annotation')?.textContent ?? '';
      const html = k.querySelector('.katex-html');
      const lines = new Set([...(html?.getClientRects() ?? [])].map((r) => Math.round(r.top)));
      // A bracketed product or a number in scientific notation is one unit of reading.
      return lines.size > 1 && /\(I \+ J|\\times10|\\lambda/.test(tex) ? [tex] : [];
    }),
  );
  expect(brokenMath, 'inline maths split inside a unit').toEqual([]);
  // Punctuation after inline maths stays on the maths' line (a full stop began a line).
  const strandedPunctuation = await page.locator('p .math-punct').evaluateAll((els) =>
    els.flatMap((group) => {
      const m = group.querySelector('.math-inline');
      const next = m?.nextSibling;
      if (!m || !(next instanceof Text)) return ['no text after the maths'];
      const range = document.createRange();
      range.setStart(next, 0);
      range.setEnd(next, 1);
      const mark = range.getBoundingClientRect();
      const last = [...m.getClientRects()].at(-1);
      return last && Math.abs(mark.bottom - last.bottom) > 8 ? [m.getAttribute('data-tex')] : [];
    }),
  );
  expect(await page.locator('p .math-punct').count()).toBeGreaterThan(20);
  expect(strandedPunctuation, 'punctuation alone at the start of a line').toEqual([]);
}

describe('the depth explorer on a phone', () => {
  it('keeps the article whole, every equation inside the column and every tap target at 24 px or more', async () => {
    const w = await openApp(browser(), '/', { width: 375, height: 800 });
    await articleWhole(w.page);
    const explorer = w.page.locator('.depth-explorer');
    await explorer.scrollIntoViewIfNeeded();
    const slider = explorer.getByLabel('Depth n (blocks)');
    await slider.focus();
    await w.page.keyboard.press('Home');
    for (let n = 1; n <= 8; n++) {
      if (n > 1) await w.page.keyboard.press('ArrowRight');
      await expect
        .poll(async () => explorer.locator('.depth-control output').textContent())
        .toContain(`n = ${n}:`);
      const overflowing = await explorer
        .locator('.math-display')
        .evaluateAll((els) =>
          els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? ''),
        );
      expect(overflowing, `n = ${n}: equations scroll sideways`).toEqual([]);
      const small = await explorer.locator('.unrolled .lane .hit').evaluateAll((els) =>
        els
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width < 24 || r.height < 24)
          .map((r) => `${r.width.toFixed(1)} × ${r.height.toFixed(1)}`),
      );
      expect(small, `n = ${n}: tap targets under 24 px`).toEqual([]);
      expect(await explorer.locator('.unrolled .lane').count()).toBe(2 * n);
    }
    // At n = 8 the diagram stays sticky only if it leaves most of the screen to the terms, and a
    // term reached with the keyboard lands below it, not under it.
    const wrap = explorer.locator('.unrolled-wrap');
    const sticky = await explorer.getAttribute('data-sticky');
    const wrapHeight = (await wrap.boundingBox())!.height;
    if (sticky === 'on') expect(wrapHeight).toBeLessThanOrEqual(0.4 * 800);
    else expect(sticky).toBe('off');
    const term = explorer.locator('li.term').nth(200);
    // Where the focus scroll ends, not its animation: the page scrolls smoothly by default.
    await w.page.evaluate(() => (document.documentElement.style.scrollBehavior = 'auto'));
    await term.focus();
    const top = (await term.boundingBox())!.y;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top + 24).toBeLessThanOrEqual(800);
    const wrapBox = (await wrap.boundingBox())!;
    if (sticky === 'on') expect(top).toBeGreaterThanOrEqual(wrapBox.y + wrapBox.height - 1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The equations and the diagram (the list of 256 terms below them is long).
    await explorer.locator('.eq-grid').screenshot({ path: `${SCREENSHOTS}/equations-n8-375.png` });
    await explorer
      .locator('.unrolled-wrap')
      .screenshot({ path: `${SCREENSHOTS}/unrolled-n8-375.png` });
    w.assertClean();
    await w.close();
  });
});

describe('a lab on a phone', () => {
  it('shows every select’s longest label whole, and says visibly when a seed is not a number', async () => {
    const w = await openApp(browser(), '/#lab-vanishing', { width: 375, height: 800 });
    const region = w.page.locator('section[data-lab="vanishing"]');
    await region.scrollIntoViewIfNeeded();
    // Both networks' controls fit one screen (two fields a row, the switches on one row): they
    // took 739 px in one column.
    // The key controls' fieldsets: those under the closed "All settings" take no room.
    const nets = await region
      .locator('fieldset.lab-net')
      .evaluateAll((els) =>
        els.filter((e) => !e.closest('details')).map((e) => e.getBoundingClientRect().height),
      );
    expect(nets).toHaveLength(2);
    expect(nets[0]! + nets[1]!).toBeLessThan(600);
    // "All settings" starts closed, so that the first plot is not two screens down.
    const more = region.locator('details.lab-all-settings');
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await more.locator('summary').click();
    const cut = await region.locator('select').evaluateAll((selects) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      return (selects as HTMLSelectElement[]).flatMap((s) => {
        ctx.font = getComputedStyle(s).font;
        const longest = Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width));
        // Room for the padding and the drop-down arrow.
        return longest + 28 > s.clientWidth ? [`${s.options[0]?.text}: ${s.clientWidth} px`] : [];
      });
    });
    expect(cut, 'selects too narrow for their labels').toEqual([]);
    const seed = region.getByLabel('Seed', { exact: true });
    await seed.fill('abc');
    const message = region.getByText(/^Enter a whole number from \d+ to \d+; the lab keeps \d+\.$/);
    expect(await message.isVisible()).toBe(true);
    expect(await seed.getAttribute('aria-invalid')).toBe('true');
    await seed.fill('7');
    expect(await message.count()).toBe(0);
    w.assertClean();
    await w.close();
  });
});
