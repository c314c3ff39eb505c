/**
 * Runs a measurement on the built app `runs` times, each on a fresh page at 1440 × 900 with the
 * figure `figureId` scrolled into view: the live-figure benchmarks (sweep.ts, deep.ts) share it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launch } from '../../tests/browser/harness';
import { serve, urlOf } from './browser';

export async function onFreshPages<T>(
  runs: number,
  figureId: string,
  measure: (page: Page, figure: Locator) => Promise<T>,
): Promise<T[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-figure-'));
  const server = await serve(undefined, outDir);
  const browser = await launch();
  try {
    const out: T[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(urlOf(server), { waitUntil: 'load' });
      const figure = page.locator(`#${figureId}`);
      await figure.scrollIntoViewIfNeeded();
      out.push(await measure(page, figure));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
