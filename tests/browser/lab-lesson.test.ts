// @vitest-environment node
/**
 * The labs as a lesson (issue #25): each opens with the controls its claim is about and keeps
 * the rest under a closed "All settings" at every width; it draws its precomputed step-0 profile
 * before its worker has started; its readout gives the whole training set's loss; a lab that the
 * reader changes writes its own anchor into the address; the playground's compared twin follows
 * A; numbered links land on their lab.
 */
import { describe, expect, it } from 'vitest';
import { EVAL_EVERY } from '../../src/model/worker/protocol';
import { preset, PRESET_IDS } from '../../src/model/presets';
import { presetText } from '../../src/model/preset-texts';
import { openApp, sharedBrowser } from './harness';
import {
  allSettings,
  column,
  lab,
  pause,
  profile,
  ratio,
  ready,
  stepOf,
  train,
  until,
} from './lab-helpers';

const browser = sharedBrowser();

/** The accessible names of the form controls visible in `region`'s key area. */
async function visibleControls(region: import('playwright-core').Locator): Promise<string[]> {
  return region.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.lab-controls input, .lab-controls select')]
      .filter((c) => c.offsetParent !== null && !c.closest('details'))
      .map((c) => {
        const label = el.querySelector(`label[for="${c.id}"]`)?.textContent ?? '';
        const net = c.closest('fieldset')?.querySelector('legend')?.textContent?.slice(0, 9);
        return `${net}: ${label}`;
      }),
  );
}

describe('a lab opens as a lesson', () => {
  it.each([1440, 375])(
    'at %i px: the claim’s controls first, every other one under a closed “All settings”',
    async (width) => {
      const w = await openApp(browser(), '/', { width, height: width === 375 ? 812 : 900 });
      for (const id of PRESET_IDS) {
        const region = lab(w.page, presetText(id).title);
        await region.scrollIntoViewIfNeeded();
        await until(async () => (await region.locator('details.lab-all-settings').count()) === 1);
        const open = await region
          .locator('details.lab-all-settings')
          .evaluate((d) => (d as HTMLDetailsElement).open);
        expect(open, id).toBe(false);
        const shown = await visibleControls(region);
        // At most three key fields, each once per network (shared ones once).
        const fields = new Set(shown.map((s) => s.split(': ')[1]));
        expect(fields.size, `${id}: ${shown.join(', ')}`).toBeLessThanOrEqual(3);
        expect(shown.length, id).toBeLessThanOrEqual(3 * preset(id).nets.length);
        if (presetText(id).prediction)
          expect(await region.getByText('Predict before you train').count(), id).toBe(1);
      }
      // The ReLU + batch norm order lab showed nothing (both nets fit): it is gone.
      expect(await w.page.getByRole('region', { name: /Block order with ReLU/ }).count()).toBe(0);
      // The exploding lab's "look for" names the dashed step-0 lines, where its claim shows.
      expect(
        await lab(w.page, presetText('exploding').title).locator('.lab-lookfor').textContent(),
      ).toMatch(/dashed lines \(step 0\)/);
      w.assertClean();
      await w.close();
    },
  );
});

describe('no blank waits', () => {
  it('draws the precomputed step-0 profile before the worker has started', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const w = await openApp(
      browser(),
      '/#lab-vanishing',
      { width: 1440, height: 900 },
      async (page) => {
        await page.route('**/*train.worker*', async (route) => {
          await held;
          await route.continue();
        });
      },
    );
    const region = lab(w.page, presetText('vanishing').title);
    await until(async () => (await profile(region)).rows.length === 50);
    const t = await profile(region);
    expect(ratio(column(t, 'A ('))).toBeLessThan(1e-20);
    expect(ratio(column(t, 'B ('))).toBeGreaterThan(1e-3);
    expect(await region.getByTestId('lab-status').textContent()).not.toMatch(/Backend: wasm/);
    release();
    expect(await ready(region)).toBe('wasm');
    // The worker's own step 0 replaces the precomputed one: the same numbers.
    const again = await profile(region);
    expect(column(again, 'A (')).toEqual(column(t, 'A ('));
    w.assertClean();
    await w.close();
  });
});

describe('a changed lab', () => {
  // Two pages, not one: together they took over 90 s on a loaded CI machine (two rebuilds of two
  // 24-block nets, then 25 steps).
  it('writes its own anchor into the address when a reader changes it', async () => {
    const w = await openApp(browser(), '/#lab-vanishing', { width: 1440, height: 900 });
    // The page holds Lab 1 in view until it settles (anchorKeeper.ts), scrolling back from a
    // programmatic scroll: go to Lab 2 only once it has let go.
    await w.page.waitForFunction(
      () => ['settled', 'timeout'].includes(document.documentElement.dataset.anchor ?? ''),
      undefined,
      { polling: 100 },
    );
    const region = lab(w.page, presetText('exploding').title);
    await ready(region);
    await region
      .getByRole('group', { name: /Network A/ })
      .getByLabel('Batch norm')
      .uncheck();
    await until(async () => new URL(w.page.url()).hash === '#lab-exploding');
    expect(new URL(w.page.url()).searchParams.get('lab')).toBe('exploding');
    w.assertClean();
    await w.close();
  });

  it('reads the whole training set’s loss once trained', async () => {
    const w = await openApp(browser(), '/#lab-exploding', { width: 1440, height: 900 });
    const region = lab(w.page, presetText('exploding').title);
    await ready(region);
    await train(region);
    // Past the first whole-set evaluation after step 0 (every EVAL_EVERY = 20 steps).
    await until(async () => (await stepOf(region)) > EVAL_EVERY);
    await pause(region);
    const readout = (await region.getByRole('list', { name: 'Readout' }).textContent()) ?? '';
    expect(readout).toMatch(
      /training loss [\d.e-]+, test accuracy [\d.]+ \(whole sets, step [1-9]\d*\)/,
    );
    w.assertClean();
    await w.close();
  });
});

describe('the playground’s compared twin', () => {
  it('follows A but for the compared setting until B is changed, and says so', async () => {
    const w = await openApp(browser(), '/#lab-playground', { width: 1440, height: 900 });
    const region = lab(w.page, presetText('playground').title);
    await ready(region);
    await pause(region);
    await region.getByLabel('Compare with…').selectOption('skip');
    const note = region.getByTestId('twin-link');
    await until(async () => /B follows every change/.test((await note.textContent()) ?? ''));
    const netA = region.getByRole('group', { name: /Network A/ });
    const netB = region.getByRole('group', { name: /Network B/ });
    await netA.getByLabel('Depth').fill('6');
    await until(async () => (await netB.getByLabel('Depth').inputValue()) === '6');
    expect(await netB.getByLabel('Skip connections').isChecked()).toBe(false);
    expect(await region.getByLabel('Compare with…').inputValue()).toBe('skip');
    await netB.getByLabel('Depth').fill('4');
    await until(async () => /B is set on its own/.test((await note.textContent()) ?? ''));
    await netA.getByLabel('Depth').fill('8');
    await until(async () => (await netA.getByLabel('Depth').inputValue()) === '8');
    expect(await netB.getByLabel('Depth').inputValue()).toBe('4');
    w.assertClean();
    await w.close();
  });
});

describe('numbered references', () => {
  it('land on the lab they name', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const link = w.page.locator('.article p a', { hasText: /^Lab 3$/ }).first();
    await link.click();
    await until(
      async () => (await w.page.locator('html').getAttribute('data-anchor')) === 'settled',
    );
    const region = lab(w.page, presetText('unnormalised').title);
    const top = (await region.boundingBox())!.y;
    expect(Math.abs(top)).toBeLessThan(60);
    expect(await region.locator('h3').textContent()).toMatch(/^Lab 3\. /);
    await allSettings(region);
    w.assertClean();
    await w.close();
  });
});
