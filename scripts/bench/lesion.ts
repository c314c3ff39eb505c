/**
 * The lesion figure's live study in the built app, in headless Chromium: the wall time from
 * "Run it yourself" until the status names the first net being taken apart (training the plain
 * net of 24 blocks for 300 steps), and until "Done" (both nets trained and taken apart: 1 + 24 +
 * 12 × 10 evaluations each), `runs` times on fresh pages.
 */
import { onFreshPages } from './fresh-pages';

export interface LesionFigures {
  /** Seconds to the end of the plain net's training, and to the end of the study. */
  firstTrained: number;
  done: number;
}

export async function lesionFigures(runs = 3): Promise<LesionFigures[]> {
  return onFreshPages(runs, 'lesion', async (page, figure) => {
    const t0 = Date.now();
    await figure.getByRole('button', { name: /Run it yourself/ }).click();
    const reach = async (pattern: RegExp) => {
      await page.waitForFunction(
        (source) =>
          new RegExp(source).test(
            document.querySelector('[data-testid="lesion-status"]')?.textContent ?? '',
          ),
        pattern.source,
        { polling: 50, timeout: 300_000 },
      );
      return Number(((Date.now() - t0) / 1000).toFixed(1));
    };
    const firstTrained = await reach(/^(Deleting blocks|Training the residual|Done)/);
    const done = await reach(/^(Done|The study failed)/);
    const text = (await figure.getByTestId('lesion-status').textContent()) ?? '';
    if (!text.startsWith('Done')) throw new Error(text);
    return { firstTrained, done };
  });
}
