/**
 * The thousand-layer figure's live run in the built app, in headless Chromium: from "Train it
 * live" to the end of step 1 (starting the worker, building two 500-block nets, the first step,
 * which also prepares the kernels), and the time of a step of both nets after that, as the page
 * reports it, over the first `steps` steps. Then it cancels: the whole run takes minutes.
 */
import { onFreshPages } from './fresh-pages';

export interface DeepFigures {
  /** Seconds from the click until the status first named each phase. */
  building: number;
  firstStep: number;
  step1Done: number;
  /** Mean seconds per step of both nets over steps 2 … `steps`, as the status line reports it. */
  secondsPerStep: number;
  steps: number;
}

export async function deepFigures(runs = 2, steps = 11): Promise<DeepFigures[]> {
  return onFreshPages(runs, 'thousand-layers', async (page, figure) => {
    const t0 = Date.now();
    await figure.getByRole('button', { name: /Train it live/ }).click();
    const reach = async (pattern: RegExp) => {
      await page.waitForFunction(
        (source) =>
          new RegExp(source).test(
            document.querySelector('[data-testid="deep-status"]')?.textContent ?? '',
          ),
        pattern.source,
        { polling: 50, timeout: 600_000 },
      );
      return Number(((Date.now() - t0) / 1000).toFixed(1));
    };
    const building = await reach(/^(Building|Taking|Step)/);
    const firstStep = await reach(/^(Taking|Step)/);
    const step1Done = await reach(/^Step/);
    await reach(new RegExp(`^Step ${steps} of`));
    const text = (await figure.getByTestId('deep-status').textContent()) ?? '';
    const perStep = /([\d.]+) s a step/.exec(text);
    if (!perStep) throw new Error(`no step time in "${text}"`);
    await figure.getByRole('button', { name: 'Cancel' }).click();
    return { building, firstStep, step1Done, secondsPerStep: Number(perStep[1]), steps };
  });
}
