/**
 * The page's load in `npm run bench` (BENCH_ONLY=load): first contentful paint and the
 * main-thread tasks from navigation until the page is idle,
 * in fresh pages of the built app at 1440 × 900. BENCH_LOAD_DIST=<folder> measures a build made
 * elsewhere instead (how BENCHMARKS.md got its "before" row from the commit before the prerender).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { launch } from '../../tests/browser/harness';
import { serve, urlOf } from './browser';

/** One load of the page. */
export interface LoadRun {
  firstContentfulPaintMs: number;
  /** Sum over main-thread tasks of their time beyond 50 ms, navigation to idle. */
  totalBlockingTimeMs: number;
  longestTaskMs: number;
  /** Tasks of 50 ms or more. */
  longTasks: number;
}

// Records long tasks from the start of the document, before any of the page's scripts run.
const OBSERVE = `
  window.__load = { tasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__load.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

async function loadOnce(browser: Browser, url: string): Promise<LoadRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'networkidle' });
    // Idle: the labs mount one per task after hydration; wait until two quiet seconds have passed.
    await page.waitForFunction(
      () =>
        new Promise((resolve) => {
          const w = window as unknown as { __load: { tasks: number[] } };
          const n = w.__load.tasks.length;
          setTimeout(() => resolve(w.__load.tasks.length === n), 2000);
        }),
      undefined,
      { polling: 'raf' },
    );
    return await page.evaluate(() => {
      const w = window as unknown as { __load: { tasks: number[] } };
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const tasks = w.__load.tasks;
      return {
        firstContentfulPaintMs: Math.round(fcp ? fcp.startTime : NaN),
        totalBlockingTimeMs: Math.round(tasks.reduce((s, d) => s + Math.max(0, d - 50), 0)),
        longestTaskMs: Math.round(Math.max(0, ...tasks)),
        longTasks: tasks.length,
      };
    });
  } finally {
    await page.close();
  }
}

/** `runs` fresh loads of the app (built here, or the build in `dist`). */
export async function loadFigures(
  dist = process.env.BENCH_LOAD_DIST,
  runs = 5,
): Promise<LoadRun[]> {
  const outDir = dist ?? mkdtempSync(join(tmpdir(), 'residual-load-'));
  const server = dist
    ? await preview({
        build: { outDir: dist },
        preview: { port: 0, host: '127.0.0.1' },
        logLevel: 'warn',
      })
    : await serve(undefined, outDir);
  const browser = await launch();
  try {
    const out: LoadRun[] = [];
    for (let i = 0; i < runs; i++) out.push(await loadOnce(browser, urlOf(server)));
    return out;
  } finally {
    await browser.close();
    await server.close();
    if (!dist) rmSync(outDir, { recursive: true, force: true });
  }
}
