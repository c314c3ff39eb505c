/**
 * How soon a lab is ready once a reader arrives at it (BENCH_ONLY=lab-ready, issue #25): fresh
 * pages of the built app at 1440 × 900, opened at `/#lab-vanishing`, timed from navigation until
 * the lab's gradient profile is drawn (its plot's image is in the page) and until it can train
 * (its status names a running backend). BENCH_LAB_BEFORE=<folder> also loads another build (the
 * "before" of BENCHMARKS.md), interleaved with this one load by load, so that the machine's
 * drift hits both alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { Browser as PwBrowser } from 'playwright-core';
import { launch } from '../../tests/browser/harness';
import { serve, urlOf } from './browser';

/** One arrival at the lab. */
export interface LabReadyRun {
  build: string;
  /** Navigation to the lab's gradient-per-layer plot in the page. */
  profileMs: number;
  /** Navigation to a status line that names a running backend (Train can run). */
  trainableMs: number;
}

async function arrive(browser: PwBrowser, url: string, build: string): Promise<LabReadyRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${url}#lab-vanishing`, { waitUntil: 'commit' });
    const start = await page.evaluate(() => performance.timeOrigin);
    const at = async (probe: () => boolean) => {
      await page.waitForFunction(probe, undefined, { polling: 50, timeout: 120_000 });
      return (await page.evaluate(() => performance.timeOrigin + performance.now())) - start;
    };
    const profileMs = await at(() =>
      [...document.querySelectorAll('section[data-lab="vanishing"] [role="img"]')].some((e) =>
        /gradient/i.test(e.getAttribute('aria-label') ?? ''),
      ),
    );
    const trainableMs = await at(() =>
      /Backend: (wasm|webgl|cpu)/.test(
        document.querySelector('section[data-lab="vanishing"] [data-testid="lab-status"]')
          ?.textContent ?? '',
      ),
    );
    return { build, profileMs: Math.round(profileMs), trainableMs: Math.round(trainableMs) };
  } finally {
    await page.close();
  }
}

/** `runs` arrivals at each build, interleaved: this one, then the other, in turn. */
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
      for (const [name, server] of servers) out.push(await arrive(browser, urlOf(server), name));
    return out;
  } finally {
    await browser.close();
    for (const [, s] of servers) await s.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
