// @vitest-environment node
/**
 * Every lab shows its claim in training, on the built page: each twin lab, opened as a reader
 * finds it, trains to the end of its preset and its computed verdict says the claim holds. The
 * batch-norm net's decision boundary puts the test points on their side (inference-mode batch
 * norm); the unnormalised lab stops at its step limit; a finished lab stays finished when it is
 * scrolled away and back; twin heatmaps share one colour scale. Screenshots of every trained lab
 * at 1440 px and 375 px go to test-results/screenshots/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allPresets, preset } from '../../src/model/labs/presets';
import { presetText } from '../../src/model/labs/preset-texts';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { isTraining, lab, ready, stepOf, until } from './lab-helpers';

const browser = sharedBrowser();

/** The lab's verdict line once its run is over. */
async function finish(region: Locator): Promise<{ holds: string; text: string }> {
  const verdict = region.getByTestId('lab-verdict');
  // Up to 400 lockstep steps of two 24-block nets: about 15–30 s on wasm here.
  // Keep the lab on screen as a reader would: the labs above it grow as their plots mount and
  // push it down, and a lab that is off screen waits to start.
  await until(async () => {
    await region.scrollIntoViewIfNeeded();
    return (await verdict.getAttribute('data-holds')) !== null;
  });
  return {
    holds: (await verdict.getAttribute('data-holds')) ?? '',
    text: (await verdict.textContent()) ?? '',
  };
}

/** Screenshots of the lab alone at 1440 px (as it is) and at 375 px. */
async function shoot(page: Page, region: Locator, name: string): Promise<void> {
  await region.screenshot({ path: `${SCREENSHOTS}/claims-${name}-1440.png` });
  await page.setViewportSize({ width: 375, height: 800 });
  await until(async () => ((await region.boundingBox())?.width ?? 999) <= 375);
  await region.screenshot({ path: `${SCREENSHOTS}/claims-${name}-375.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The decade tick labels of each heatmap colour bar in the lab (not its 0 / not-finite keys). */
async function legendTicks(region: Locator): Promise<string[][]> {
  return region
    .locator('.plot-color-legend')
    .evaluateAll((legends) =>
      legends.map((l) =>
        [...l.querySelectorAll(':scope > g')]
          .filter((g) => g.querySelector('line'))
          .map((g) => g.textContent),
      ),
    ) as Promise<string[][]>;
}

/** The share of test points on their side, from a decision boundary's data-table note. */
async function onTheirSide(region: Locator, net: 'A' | 'B'): Promise<number> {
  const note = region
    .getByRole('region', {
      name: new RegExp(`Data table: .*: ${net} \\(.*decision boundary$`),
      includeHidden: true,
    })
    .locator('xpath=..')
    .locator('.plot-data-note');
  const text = (await note.textContent()) ?? '';
  return Number(/(\d+)% lie on their class's side/.exec(text)?.[1] ?? NaN) / 100;
}

/** Every lab with two networks (the playground's one is checked in training by presets.test.ts). */
const TWINS = allPresets()
  .filter((p) => p.nets.length === 2)
  .map((p) => p.id);

describe('every twin lab, trained to the end, shows its claim', () => {
  it.each(TWINS)('%s', async (id) => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const region = lab(w.page, presetText(id).title);
    await ready(region);
    // The reader predicts first (the lab waits for Train), and the verdict reveals the answer.
    const prediction = presetText(id).prediction!;
    await region.getByRole('radio', { name: prediction.options[0]!, exact: true }).check();
    await region.getByRole('button', { name: 'Train', exact: true }).click();
    const status = region.getByTestId('lab-status');
    const timer = setInterval(
      () => void status.textContent().then((t) => console.info(id, t)),
      5000,
    );
    const { holds, text } = await finish(region).finally(() => clearInterval(timer));
    console.info(`${id}: ${text}`);
    expect(holds, text).toBe('true');
    expect(await isTraining(region)).toBe(false);
    const answer = (await region.getByTestId('lab-prediction-answer').textContent()) ?? '';
    const right = prediction.options[prediction.answer]!;
    expect(answer).toContain(
      prediction.answer === 0 ? `You predicted it: ${right}.` : `the run's answer is “${right}”`,
    );
    expect(answer).toContain(prediction.because);
    // What to try next comes with the verdict.
    expect(await region.locator('.lab-try li').count()).toBe(presetText(id).tryThis.length);
    // Each net stops at the step limit (or where it diverged); the lab at the limit: steps
    // 0 … steps − 1, as the CLI takes them.
    expect(await stepOf(region)).toBe(preset(id).nets[0]!.steps - 1);

    // One compact panel that a 1440 × 900 screen shows whole: the gradient profile, the loss
    // curves and the decision boundaries (both, but for a net that diverged and has none).
    const panel = region.locator('.lab-plots').first();
    expect((await panel.boundingBox())!.height).toBeLessThanOrEqual(900);
    const titles = await panel.locator('.plot-title').allTextContents();
    expect(titles.map((t) => t.replace(/^.*?: /, ''))).toEqual([
      'weight gradient per layer',
      'loss',
      ...(id === 'unnormalised' ? [] : [expect.stringMatching(/^A \(.*decision boundary$/)]),
      expect.stringMatching(/^B \(.*decision boundary$/),
    ]);

    // One colour scale for the twin heatmaps (behind "More plots"), and the legend names the
    // quantity shown.
    await region.locator('summary', { hasText: 'More plots' }).click();
    await region.locator('.plot-color-legend').nth(1).waitFor();
    const ticks = await legendTicks(region);
    expect(ticks).toHaveLength(2);
    expect(ticks[0]).toEqual(ticks[1]);
    const legends = await region.locator('.plot-color-legend > text').allTextContents();
    for (const l of legends) expect(l).toBe('‖∂L/∂W‖ (log colour scale)');

    if (id === 'exploding') {
      // Batch-norm nets at ≥ 99% test accuracy: the boundary puts ≥ 99% of test points on
      // their side (it used to put 72% there, with statistics from the grid).
      expect(await onTheirSide(region, 'B')).toBeGreaterThanOrEqual(0.99);
    }
    await shoot(w.page, region, id);
    w.assertClean();
    await w.close();
  });
});

describe('a finished lab', () => {
  it('stays finished when scrolled away and back, and names the signal gradient in its legend', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const region = lab(w.page, presetText('unnormalised').title);
    await ready(region);
    await region.getByRole('button', { name: 'Train', exact: true }).click();
    await finish(region);
    const limit = preset('unnormalised').nets[0]!.steps - 1;
    expect(await stepOf(region)).toBe(limit);

    await w.page.evaluate(() => window.scrollTo(0, 0));
    await region.scrollIntoViewIfNeeded();
    // Let the lab's own visibility observers report first: observers created later are
    // notified after them, in the same update, and React then runs its effects.
    await region.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          const o = new IntersectionObserver(() => {
            o.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          });
          o.observe(el);
        }),
    );
    // Had the lab sent Train on its return, the worker would take it before this Step.
    await region.getByRole('button', { name: 'Step', exact: true }).click();
    await until(async () => (await stepOf(region)) > limit);
    expect(await stepOf(region)).toBe(limit + 1);
    expect(await isTraining(region)).toBe(false);

    await region.getByRole('radio', { name: /Signal gradients/ }).check();
    await region.locator('summary', { hasText: 'More plots' }).click();
    await until(async () => {
      const legends = await region.locator('.plot-color-legend > text').allTextContents();
      return legends.length === 2 && legends.every((l) => l === '‖∂L/∂xₗ‖ (log colour scale)');
    });
    w.assertClean();
    await w.close();
  });
});
