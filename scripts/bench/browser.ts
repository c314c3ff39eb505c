/**
 * Browser side of `npm run bench`: builds the benchmark page and the app into temporary folders,
 * serves them with `vite preview`, and drives headless Chromium (Debian's /usr/bin/chromium).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview, type PreviewServer } from 'vite';
import { launch } from '../../tests/browser/harness';

async function serve(root: string | undefined, outDir: string): Promise<PreviewServer> {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return preview({
    root,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
}

function urlOf(server: PreviewServer): string {
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
