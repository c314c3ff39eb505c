/**
 * The degradation figure's live sweep in the built app, in headless Chromium: the wall time from
 * "Run it yourself" to "Done" with the default settings (4 depths × plain and residual, seed 1,
 * 400 steps), `runs` times on fresh pages.
 */
import { onFreshPages } from './fresh-pages';

export interface SweepFigures {
  seconds: number;
  backend: string;
}

export async function sweepFigures(runs = 3): Promise<SweepFigures[]> {
  return onFreshPages(runs, 'degradation', async (page, figure) => {
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
    return {
      seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
      backend: /on (\w+)\./.exec(text)?.[1] ?? 'unknown',
    };
  });
}
