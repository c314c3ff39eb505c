/**
 * How soon a lab is ready once a reader arrives at it (BENCH_ONLY=lab-ready, issue #25): fresh
 * pages of the built app at 1440 × 900, timed until the first lab's gradient profile is drawn
 * on screen (a gradient plot's image in its slot, the lab's or its placeholder's, within the
 * viewport) and until it can train (its status names a running backend). Three arrivals:
 * - `anchor`: the page opened at `/#lab-vanishing`, timed from navigation;
 * - `scroll early`: the page opened at its top and scrolled to the lab as soon as the lab's slot
 *   is in the document (a reader who scrolls at once), timed from the scroll;
 * - `scroll settled`: scrolled to the lab once the page has hydrated, every lab has mounted and
 *   a second has passed (a reader who read the opening first), timed from the scroll.
 * BENCH_LAB_BEFORE=<folder> also loads another build (the "before" of BENCHMARKS.md),
 * interleaved with this one load by load, so that the machine's drift hits both alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { Browser as PwBrowser, Page } from 'playwright-core';
import { launch } from '../../tests/browser/harness';
import { serve, urlOf } from './browser';

export const ARRIVALS = ['anchor', 'scroll early', 'scroll settled'] as const;
export type Arrival = (typeof ARRIVALS)[number];

/** One arrival at the lab. */
export interface LabReadyRun {
  build: string;
  arrival: Arrival;
  /** From navigation (anchor) or the scroll to the lab's gradient-per-layer plot on screen. */
  profileMs: number;
  /** From the same moment to a status line that names a running backend (Train can run). */
  trainableMs: number;
  /** Navigation to the page's first contentful paint: the floor of an anchor's arrival. */
  firstPaintMs: number;
}

/**
 * Times, in the page, from `since` (performance.now() units) to the lab's profile on screen and
 * to a running backend, checked at every animation frame.
 */
function watchLab(page: Page, since: number): Promise<{ profile: number; trainable: number }> {
  return page.evaluate(
    (since) =>
      new Promise<{ profile: number; trainable: number }>((resolve, reject) => {
        const slot = () => document.querySelector('[data-lab-slot="vanishing"]');
        const drawn = () =>
          [...(slot()?.querySelectorAll('[role="img"]') ?? [])].some((e) => {
            if (!/gradient/i.test(e.getAttribute('aria-label') ?? '')) return false;
            const r = e.getBoundingClientRect();
            return r.height > 0 && r.bottom > 0 && r.top < innerHeight;
          });
        const trainable = () =>
          /Backend: (wasm|webgl|cpu)/.test(
            slot()?.querySelector('[data-testid="lab-status"]')?.textContent ?? '',
          );
        const out = { profile: -1, trainable: -1 };
        const give = setTimeout(() => reject(new Error('the lab was not ready in 120 s')), 120_000);
        const check = () => {
          const now = performance.now() - since;
          if (out.profile < 0 && drawn()) out.profile = now;
          if (out.trainable < 0 && trainable()) out.trainable = now;
          if (out.profile >= 0 && out.trainable >= 0) {
            clearTimeout(give);
            resolve(out);
          } else requestAnimationFrame(check);
        };
        check();
      }),
    since,
  );
}

/** Scrolls the lab's slot to the top of the viewport; returns the moment, in page time. */
function scrollToLab(page: Page): Promise<number> {
  return page.evaluate(() => {
    document.querySelector('[data-lab-slot="vanishing"]')!.scrollIntoView({ block: 'start' });
    return performance.now();
  });
}

async function arrive(
  browser: PwBrowser,
  url: string,
  build: string,
  arrival: Arrival,
): Promise<LabReadyRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx names the functions it compiles with a helper (`__name`) that the page does not have.
  await page.addInitScript(() => {
    (globalThis as { __name?: unknown }).__name = (f: unknown) => f;
  });
  try {
    let since = 0;
    if (arrival === 'anchor') {
      await page.goto(`${url}#lab-vanishing`, { waitUntil: 'commit' });
    } else {
      await page.goto(url, { waitUntil: 'commit' });
      if (arrival === 'scroll early')
        await page.waitForSelector('[data-lab-slot="vanishing"]', {
          state: 'attached',
          timeout: 120_000,
        });
      else {
        await page.waitForFunction(
          () =>
            document.documentElement.dataset.hydrated === 'true' &&
            document.querySelectorAll('[data-lab-slot] section[data-lab]').length ===
              document.querySelectorAll('[data-lab-slot]').length,
          undefined,
          { polling: 100, timeout: 120_000 },
        );
        await page.waitForTimeout(1000);
      }
      since = await scrollToLab(page);
    }
    const t = await watchLab(page, since);
    const firstPaint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    );
    return {
      build,
      arrival,
      profileMs: Math.round(t.profile),
      trainableMs: Math.round(t.trainable),
      firstPaintMs: Math.round(firstPaint),
    };
  } finally {
    await page.close();
  }
}

/** `runs` arrivals of each kind at each build, interleaved: this one, then the other, in turn. */
export async function labReadyFigures(runs = 5, beforeDist?: string): Promise<LabReadyRun[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-lab-ready-'));
  const servers: [string, PreviewServer][] = [['this build', await serve(undefined, outDir)]];
  if (beforeDist)
    servers.push([
      'before',
      await preview({ build: { outDir: beforeDist }, preview: { port: 0, host: '127.0.0.1' } }),
    ]);
  const browser = await launch();
  try {
    const out: LabReadyRun[] = [];
    for (let i = 0; i < runs; i++)
      for (const arrival of ARRIVALS)
        for (const [name, server] of servers)
          out.push(await arrive(browser, urlOf(server), name, arrival));
    return out;
  } finally {
    await browser.close();
    for (const [, s] of servers) await s.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
