// @vitest-environment node
/**
 * Hostile links (tests/support/hostileLinks.ts) in the built page: whatever the query string, the
 * page renders with the labs' default settings, shows the lab's notice that settings in the link
 * were not used, reports no error, and nothing from the link becomes markup: no new <script>, no
 * javascript: link, no handler that runs. Every link goes through the page's reading of links in
 * src/content/hostileLinks.test.tsx (every field of every lab, the notice, its markup); this
 * test visits the first link of each kind, in one tab, for what only the whole page shows.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allPresets, PRESET_IDS, type PresetId } from '../../src/model/labs/presets';
import { appUrl, sharedBrowser, pageReady } from './harness';
import { assertNoProblems, watch } from './hardening-helpers';
import { oneOfEachKind } from '../support/hostileLinks';

const browser = sharedBrowser();

/** Network A's depth in every lab at its preset's default, as the Depth field shows it. */
const DEFAULT_DEPTH = new Map(allPresets().map((p) => [p.id, String(p.nets[0]!.blocks)]));

/** What of the page could have been touched by the link. */
async function inspect(page: Page) {
  return page.evaluate(() => ({
    scripts: document.scripts.length,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    javascriptUrls: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes]
        .filter((a) => /^\s*javascript:/i.test(a.value) || /^on/i.test(a.name))
        .map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`),
    ),
    labImages: document.querySelectorAll('section[data-lab] img').length,
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    h1: document.querySelector('h1')?.textContent ?? null,
    labs: document.querySelectorAll('section[data-lab]').length,
  }));
}

describe('hostile links', () => {
  it('of every kind render the defaults with a notice, and never run or insert what they carry', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const w = watch(page);

    await page.goto(appUrl('/'), { waitUntil: 'load' });
    await pageReady(page);
    const clean = await inspect(page);
    expect(clean.labs).toBe(PRESET_IDS.length);
    expect(clean.javascriptUrls).toEqual([]);

    for (const { kind, query } of oneOfEachKind()) {
      const label = `${kind}: ?${query.length > 100 ? query.slice(0, 100) + '…' : query}`;
      // Leaving a page aborts its requests (its worker's wasm, say): not a problem of this link.
      w.pause();
      await page.goto('about:blank');
      w.rearm();
      await page.goto(`${appUrl('/')}?${query}`, { waitUntil: 'domcontentloaded' });
      await pageReady(page);

      await expect
        .poll(() => page.locator('h1').first().isVisible(), { message: `${label}: no h1` })
        .toBe(true);
      const notice = page.getByRole('status', { name: 'Notice about the link' });
      await expect
        .poll(() => notice.count(), { message: `${label}: no notice`, timeout: 10_000 })
        .toBeGreaterThanOrEqual(1);
      expect(await notice.first().isVisible(), label).toBe(true);
      expect(await notice.first().textContent(), label).toMatch(
        /Some settings in the link were not used/,
      );

      const seen = await inspect(page);
      expect(seen.h1, label).toBe('Residual');
      expect(seen.labs, label).toBe(clean.labs);
      expect(seen.scripts, label).toBe(clean.scripts);
      expect(seen.inlineScripts, label).toBe(0);
      expect(seen.javascriptUrls, label).toEqual([]);
      expect(seen.labImages, label).toBe(0);
      expect(seen.pwned, label).toBeNull();

      // Every lab shows its preset's default depth: nothing invalid got into a configuration.
      const depths = await page.evaluate(() =>
        [...document.querySelectorAll('section[data-lab]')].map((s) => {
          const label = [...s.querySelectorAll('label')].find((l) => l.textContent === 'Depth');
          const input = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
          return [s.getAttribute('data-lab'), (input as HTMLInputElement | null)?.value ?? null];
        }),
      );
      for (const [lab, depth] of depths)
        expect(depth, `${label}: ${lab}`).toBe(DEFAULT_DEPTH.get(lab as PresetId));
      assertNoProblems(w, `${label} made the page report problems`);
    }
    await context.close();
  });
});
