// @vitest-environment node
/**
 * The Content-Security-Policy of the built app: the page ships it as a meta tag (first in <head>)
 * and `vite preview` sends it as a header (the worker's policy), and a reader who scrolls through
 * the whole page, lets every lab start and trains one sees no violation, no CSP console message
 * and no request to another origin.
 */
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../src/model/labs/presets';
import { CSP, CSP_HEADER } from '../../vite.config';
import { appUrl, sharedBrowser, pageReady } from './harness';
import { assertNoProblems, collectCspViolations, watch } from './hardening-helpers';
import { pause, ready, reset, stepOf, until } from './lab-helpers';

const browser = sharedBrowser();

describe('Content-Security-Policy', () => {
  it('is sent as a header and as the first element of <head>, and is strict', async () => {
    const res = await fetch(appUrl('/'));
    expect(res.ok).toBe(true);
    const header = res.headers.get('content-security-policy') ?? '';
    expect(header).toBe(CSP_HEADER);
    // What makes it strict: no inline or eval'd script, nothing from other origins.
    expect(header).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
    expect(header).toContain("frame-ancestors 'none'");
    expect(header).toContain("object-src 'none'");

    const html = await res.text();
    const head = /<head>\s*(<[^>]+>)/.exec(html)?.[1] ?? '';
    expect(head).toMatch(/^<meta http-equiv="Content-Security-Policy" content="[^"]+">$/);
    const content = /content="([^"]+)"/.exec(head)![1]!.replaceAll('&#39;', "'");
    expect(content).toBe(CSP);
    // A meta tag cannot carry frame-ancestors (Chrome logs an error if it tries).
    expect(content).not.toContain('frame-ancestors');

    // The worker script (whose policy is this header, not the page's meta) comes with it too.
    const entry = /assets\/index-[\w-]+\.js/.exec(html)![0];
    const worker = /train\.worker-[\w-]+\.js/.exec(await (await fetch(appUrl('/' + entry))).text());
    expect(worker).not.toBeNull();
    const w = await fetch(appUrl('/assets/' + worker![0]));
    expect(w.ok).toBe(true);
    expect(w.headers.get('content-security-policy')).toBe(CSP_HEADER);
  });

  it('has no violation while every lab runs and one trains', async () => {
    const context = await browser().newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(collectCspViolations);
    const page = await context.newPage();
    const w = watch(page);
    const response = await page.goto(appUrl('/'), { waitUntil: 'load' });
    await pageReady(page);
    expect(response?.headers()['content-security-policy']).toBe(CSP_HEADER);

    // Every lab on the page, in reading order: scroll to it and let its worker start tfjs.
    const labs = page.locator('section[data-lab]');
    const count = await labs.count();
    expect(count).toBe(PRESET_IDS.length);
    const backends = new Set<string>();
    for (let i = 0; i < count; i++) {
      await ready(labs.nth(i));
      const status = (await labs.nth(i).getByTestId('lab-status').textContent()) ?? '';
      backends.add(/Backend: (wasm|webgl|cpu)/.exec(status)![1]!);
    }
    // The wasm backend compiles under the worker's policy ('wasm-unsafe-eval'); had the policy
    // blocked it, the worker would quietly have fallen back to webgl or cpu.
    expect([...backends]).toEqual(['wasm']);

    // Then the rest of the page, one screen at a time (figures, KaTeX with its fonts).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y <= height; y += 900) await page.mouse.wheel(0, 900);
    // Wheel scrolling is asynchronous: wait until the bottom is reached.
    await page.waitForFunction(
      () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
    );
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(fonts.some((f) => f.startsWith('KaTeX'))).toBe(true);

    // Train the first lab from a paused state and watch its step counter advance.
    // (A lab far off-screen pauses itself, so it must be on screen before Train.)
    const first = labs.first();
    await first.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await page.waitForFunction(() => {
      const r = document.querySelector('section[data-lab]')!.getBoundingClientRect();
      return r.top < window.innerHeight && r.bottom > 0;
    });
    await reset(first);
    await first.getByRole('button', { name: 'Train', exact: true }).click();
    await until(async () => (await stepOf(first)) >= 5);
    await pause(first);

    const violations = await page.evaluate(() => window.__cspViolations ?? null);
    expect(violations).toEqual([]);
    assertNoProblems(w, 'the page reported problems');
    await context.close();
  });
});
