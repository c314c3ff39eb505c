// @vitest-environment node
/**
 * A network already trained to its end on the page is shown, not trained again: Lab 1 trains
 * at its preset settings, then Lab 4, whose B is Lab 1's B, shows that B finished at once with
 * Lab 1's numbers and says where it comes from, while only its A trains. (That the verdict
 * judges a reused run as a trained one is labController.test.ts's: training Lab 4 to its end as
 * well would not fit one test's time here.) No console errors (workers included).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { preset, type PresetId } from '../../src/model/labs/presets';
import { openApp, SCREENSHOTS, sharedBrowser } from './harness';
import { column, isTraining, pause, profile, ready, stepOf, until } from './lab-helpers';

const browser = sharedBrowser();
const LAST = preset('vanishing').nets[1]!.steps - 1;
/** The lab of preset `id` (its first placement), whatever number the article gives it. */
const labOf = (page: Page, id: PresetId) => page.locator(`section[data-lab="${id}"]`).first();

/** The header and values of network B's current profile in the lab's gradient table. */
async function profileOfB(region: Locator): Promise<{ header: string; values: number[] }> {
  const t = await profile(region);
  return { header: t.columns.find((c) => c.startsWith('B (')) ?? '', values: column(t, 'B (') };
}

/** B's line of the readout after its name: ratios, step, loss and accuracy on the whole sets. */
async function readoutOfB(region: Locator): Promise<string> {
  const text = (await region.locator('.lab-twin-readout li[data-run="b"]').textContent()) ?? '';
  return text.slice(text.indexOf(':'));
}

/** Waits, keeping the lab on screen as a reader would, until its verdict is in. */
async function verdictOf(region: Locator): Promise<string> {
  const verdict = region.getByTestId('lab-verdict');
  await until(async () => {
    await region.scrollIntoViewIfNeeded();
    return (await verdict.getAttribute('data-holds')) !== null;
  });
  return (await verdict.getAttribute('data-holds')) ?? '';
}

describe('a network that already ran on the page', () => {
  it('is shown finished in a later lab with the same numbers, and only the other net trains', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const lab1 = labOf(w.page, 'vanishing');
    await ready(lab1);
    // Lab 1 asks for a prediction first, so it trains on the reader's Train.
    await lab1.getByRole('button', { name: 'Train', exact: true }).click();
    const started = Date.now();
    expect(await verdictOf(lab1)).toBe('true');
    console.info(`Lab 1 trained to step ${LAST} in ${Date.now() - started} ms`);
    expect(await stepOf(lab1)).toBe(LAST);
    const trained = await profileOfB(lab1);
    expect(trained.header).toMatch(new RegExp(`, step ${LAST}$`));
    const readout = await readoutOfB(lab1);
    expect(readout).toContain(`(whole sets, step ${LAST})`);

    // Lab 4's B is the same network: shown finished the moment the lab is on screen.
    const lab4 = labOf(w.page, 'order-saturating');
    await lab4.scrollIntoViewIfNeeded();
    const note = lab4.getByTestId('lab-reused');
    await until(async () => (await note.count()) === 1);
    expect(await note.textContent()).toBe(
      `B is the same network as B in Lab 1: its run to step ${LAST} is shown from there, not trained again.`,
    );
    const shown = await profileOfB(lab4);
    expect(shown.header).toMatch(new RegExp(`, step ${LAST}$`));
    expect(shown.values).toEqual(trained.values);
    expect(await readoutOfB(lab4)).toBe(readout);
    expect(await stepOf(lab4)).toBe(0);
    console.info(`Lab 4 showed Lab 1's B ${Date.now() - started} ms after Lab 1's Train`);

    // Train: A trains, B stays as Lab 1 left it.
    await ready(lab4);
    await lab4.getByRole('button', { name: 'Train', exact: true }).click();
    await until(async () => (await stepOf(lab4)) >= 10 && (await isTraining(lab4)));
    const t = await profile(lab4);
    expect(t.columns.find((c) => c.startsWith('A ('))).toMatch(/, step [1-9]\d*$/);
    expect(await profileOfB(lab4)).toEqual(shown);

    await pause(lab4);
    expect(await note.textContent()).toContain('B is the same network as B in Lab 1');
    await lab4.screenshot({ path: `${SCREENSHOTS}/lab-reuse-1440.png` });
    await w.page.setViewportSize({ width: 375, height: 800 });
    await until(async () => ((await lab4.boundingBox())?.width ?? 999) <= 375);
    await lab4.screenshot({ path: `${SCREENSHOTS}/lab-reuse-375.png` });
    w.assertClean();
    await w.close();
  });
});
