/**
 * Browser side of `npm run bench`: builds the benchmark page and the app into temporary folders,
 * serves them with `vite preview`, and drives headless Chromium (Debian's /usr/bin/chromium).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { launch } from '../../tests/browser/harness';
import { lab } from '../../tests/browser/lab-helpers';

/** Builds `root` (the app when undefined) into `outDir` and serves it with vite preview. */
export async function serve(root: string | undefined, outDir: string): Promise<PreviewServer> {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return preview({
    root,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
}

export function urlOf(server: PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no address');
  return url;
}

export interface BrowserRow {
  backend: string;
  blocks: number;
  skip: string;
  msPerStep: number | null;
  msPerBareStep: number | null;
  msPerTfjsStep: number | null;
  error?: string;
}

/** Engine step times in Chromium per backend (the benchmark page). */
export async function browserSteps(blocks: number[], backends: string[]): Promise<BrowserRow[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-bench-'));
  const server = await serve('scripts/bench/browser-page', outDir);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${urlOf(server)}?blocks=${blocks.join(',')}&backends=${backends.join(',')}`);
    await page.waitForFunction(
      () => {
        const w = window as unknown as { benchResult?: unknown; benchError?: string };
        if (w.benchError) throw new Error(w.benchError);
        return w.benchResult !== undefined;
      },
      undefined,
      { timeout: 30 * 60_000, polling: 1000 },
    );
    return await page.evaluate(
      () => (window as unknown as { benchResult: BrowserRow[] }).benchResult,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export interface BundleFigures {
  /** gzip bytes of the JS and CSS that index.html loads before first paint. */
  firstPaintGzip: number;
  /** gzip bytes of the largest worker chunk (tfjs lives there). */
  workerGzip: number;
  /** gzip bytes of every .wasm file shipped. */
  wasmGzip: number;
  firstContentfulPaintMs: number | null;
  domInteractiveMs: number | null;
}

function gz(path: string): number {
  return gzipSync(readFileSync(path)).length;
}

/** Bundle sizes of the built app and its paint timings on a local preview. */
export async function appFigures(): Promise<BundleFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-app-'));
  const server = await serve(undefined, outDir);
  const browser = await launch();
  try {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1]!,
    );
    const assets = readdirSync(join(outDir, 'assets'));
    const size = (f: string) => gz(join(outDir, 'assets', f));
    const workers = assets.filter((f) => /worker/i.test(f) && f.endsWith('.js'));
    const page = await browser.newPage();
    await page.goto(urlOf(server), { waitUntil: 'load' });
    const timing = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return { fcp: fcp ? fcp.startTime : null, interactive: nav ? nav.domInteractive : null };
    });
    return {
      firstPaintGzip: initial.reduce((s, f) => s + gz(join(outDir, f)), 0),
      workerGzip: workers.length ? Math.max(...workers.map(size)) : 0,
      wasmGzip: assets.filter((f) => f.endsWith('.wasm')).reduce((s, f) => s + size(f), 0),
      firstContentfulPaintMs: timing.fcp === null ? null : Math.round(timing.fcp),
      domInteractiveMs: timing.interactive === null ? null : Math.round(timing.interactive),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export interface LabFigures {
  lab: string;
  seconds: number;
  steps: number;
  /** Longest main-thread task seen while the lab trained (long tasks are those ≥ 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  /** Animation frames per second in which the lab's DOM changed (plot updates). */
  plotUpdatesPerSecond: number;
}

/**
 * Trains the lab named `name` for `seconds`, `runs` times (a fresh page each time), and records
 * main-thread long tasks and plot updates in each run.
 */
export async function labFigures(
  name = 'Exploding gradients with batch norm',
  seconds = 10,
  runs = 5,
): Promise<LabFigures[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-lab-'));
  const server = await serve(undefined, outDir);
  const browser = await launch();
  try {
    const figures: LabFigures[] = [];
    for (let run = 0; run < runs; run++)
      figures.push(await labRun(browser, urlOf(server), name, seconds));
    return figures;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** One page that trains the lab for `seconds`; see labFigures. */
async function labRun(
  browser: Browser,
  url: string,
  name: string,
  seconds: number,
): Promise<LabFigures> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  const region = lab(page, name);
  await region.scrollIntoViewIfNeeded();
  const status = region.getByTestId('lab-status');
  await status.filter({ hasText: /Backend: (wasm|webgl|cpu)/ }).waitFor({ timeout: 120_000 });
  // Inside the window the page is read only through handles resolved here. Why: each
  // resolution of a Playwright role locator walks the whole document for accessible names, and
  // traces showed those walks as main-thread tasks of 50–70 ms: the harness's, not the page's.
  const [labEl, statusEl, trainEl] = await Promise.all([
    region.elementHandle(),
    status.elementHandle(),
    region.getByRole('button', { name: 'Train', exact: true }).elementHandle(),
  ]);
  const statusText = () => statusEl!.evaluate((el) => el.textContent ?? '');
  const stepNow = async () => Number(/Step (\d+)/.exec(await statusText())?.[1] ?? -1);
  // A lab on screen starts training by itself; click Train only if it has not.
  for (let tries = 0; !(await statusText()).includes('(training)'); tries++) {
    if (tries === 20) throw new Error(`the lab "${name}" did not start training`);
    await trainEl!.evaluate((b) => {
      if (!(b as HTMLButtonElement).disabled) (b as HTMLButtonElement).click();
    });
    await page.waitForTimeout(250);
  }
  // The window opens once the lab trains: long tasks and plot updates from here on.
  await page.evaluate((el) => {
    const w = window as unknown as { __long: number[]; __frames: number };
    w.__long = [];
    w.__frames = 0;
    let dirty = false;
    new MutationObserver(() => {
      if (dirty) return;
      dirty = true;
      requestAnimationFrame(() => {
        dirty = false;
        w.__frames++;
      });
    }).observe(el!, { subtree: true, childList: true, attributes: true, characterData: true });
  }, labEl);
  const start = await stepNow();
  const t0 = Date.now();
  // Let it train for the measuring window (this is a measurement, not a test assertion).
  await page.waitForTimeout(seconds * 1000);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __frames: number };
    return { long: w.__long, frames: w.__frames };
  });
  const elapsed = (Date.now() - t0) / 1000;
  const steps = (await stepNow()) - start;
  await page.close();
  return {
    lab: name,
    seconds: Number(elapsed.toFixed(1)),
    steps,
    longestTaskMs: Math.round(Math.max(0, ...result.long)),
    longTasks: result.long.length,
    plotUpdatesPerSecond: Number((result.frames / elapsed).toFixed(1)),
  };
}
