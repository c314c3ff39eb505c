/**
 * The degradation figure's live sweep in the built app, in headless Chromium: the wall time from
 * "Run it yourself" to "Done" with the default settings (4 depths × plain and residual, seed 1,
 * 400 steps), `runs` times on fresh pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../../tests/browser/harness';
import { serve, urlOf } from './browser';

export interface SweepFigures {
  seconds: number;
  backend: string;
}

export async function sweepFigures(runs = 3): Promise<SweepFigures[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'residual-sweep-'));
  const server = await serve(undefined, outDir);
  const browser = await launch();
  try {
    const out: SweepFigures[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(urlOf(server), { waitUntil: 'load' });
      const figure = page.locator('#degradation');
      await figure.scrollIntoViewIfNeeded();
      const status = figure.getByTestId('sweep-status');
      const t0 = Date.now();
      await figure.getByRole('button', { name: 'Run it yourself' }).click();
      await page.waitForFunction(
        () =>
          /^(Done|The sweep failed)/.test(
            document.querySelector('[data-testid="sweep-status"]')?.textContent ?? '',
          ),
        undefined,
        { polling: 100, timeout: 300_000 },
      );
      const text = (await status.textContent()) ?? '';
      if (!text.startsWith('Done')) throw new Error(text);
      out.push({
        seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
        backend: /on (\w+)\./.exec(text)?.[1] ?? 'unknown',
      });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
