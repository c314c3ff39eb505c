/**
 * The page's load in `npm run bench` (BENCH_ONLY=load): first contentful paint and the
 * main-thread tasks from navigation until the page is idle,
 * in fresh pages of the built app at 1440 × 900. BENCH_LOAD_DIST=<folder> measures a build made
 * elsewhere instead (how BENCHMARKS.md got its "before" row from the commit before the prerender).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * The floor: a page of one heading and one paragraph, with no stylesheet, script or font, served
 * by a bare Node server to the same browser. No page paints sooner on this machine at this
 * moment, so it says what a goal in milliseconds can mean here (BENCHMARKS.md).
 */
const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Floor</title></head>' +
  '<body><h1>Residual</h1><p>One paragraph of text, and nothing else on the page.</p></body></html>';

/**
 * The built page cut to its opening, as bare HTML: the masthead, the contents and the first
 * section, with their KaTeX markup, but no stylesheet, script, font or any later section. It
 * says what the article's first screen of text costs to lay out and paint on its own.
 */
export function openingOnly(builtHtml: string): string {
  const start = builtHtml.indexOf('<main');
  const sections = [...builtHtml.matchAll(/<section /g)].map((m) => m.index);
  const end = sections[1];
  if (start < 0 || end === undefined) throw new Error('The built page has no second section.');
  return (
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Opening</title></head>' +
    `<body>${builtHtml.slice(start, end)}</main></body></html>`
  );
}

/** `runs` fresh loads of `html` (the floor page unless given), from a bare Node server. */
export async function floorFigures(runs = 5, html = FLOOR_HTML): Promise<LoadRun[]> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await launch();
  try {
    const out: LoadRun[] = [];
    for (let i = 0; i < runs; i++) out.push(await loadOnce(browser, `http://127.0.0.1:${port}/`));
    return out;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** `runs` fresh loads of the app (built here, or the build in `dist`), and its index.html. */
export async function loadFigures(
  dist = process.env.BENCH_LOAD_DIST,
  runs = 5,
): Promise<{ runs: LoadRun[]; html: string }> {
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
    return { runs: out, html: readFileSync(join(outDir, 'index.html'), 'utf8') };
  } finally {
    await browser.close();
    await server.close();
    if (!dist) rmSync(outDir, { recursive: true, force: true });
  }
}
