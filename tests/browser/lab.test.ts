// @vitest-environment node
/**
 * The live labs on the built page, in headless Chromium: the claims the article makes are read
 * back from the plots' data tables after toggling the labelled controls; Train, Pause, Step and
 * Reset; divergence; screenshots at 375 and 1440 px. Every page must stay free of console and
 * page errors (workers included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadedText,
  openApp,
  rememberBackend,
  SCREENSHOTS,
  sharedBrowser,
  type WatchedPage,
} from './harness';
import {
  allSettings,
  column,
  columnNamed,
  isTraining,
  lab,
  pause,
  profile,
  ratio,
  ready,
  reset,
  stepOf,
  train,
  until,
} from './lab-helpers';

const browser = sharedBrowser();

// One page for the next four tests, each working on a lab of its own: the page's training token
// lets one lab train at a time, and a lab far off-screen pauses.
describe('four tests on one page', () => {
  let w: WatchedPage;
  beforeAll(async () => {
    w = await openApp(browser(), '/', { width: 1440, height: 900 });
  });
  afterAll(async () => {
    await w?.close();
  });

  describe('the vanishing-gradient lab', () => {
    it('shows plain gradients vanish and residual ones stay level, pauses far off-screen, and follows its controls', async () => {
      const region = lab(w.page, 'Vanishing gradients and their cure');
      const backend = await ready(region);
      expect(['wasm', 'webgl', 'cpu']).toContain(backend);

      // It asks for a prediction, so it waits for Train; let it run a little.
      expect(await isTraining(region)).toBe(false);
      await train(region);
      await until(async () => (await stepOf(region)) >= 5 && (await isTraining(region)));
      // Far away it pauses (the lab sits near the top of the page, so go to the bottom), and it
      // resumes when it comes back.
      await w.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await until(async () => !(await isTraining(region)));
      const stopped = await stepOf(region);
      await region.scrollIntoViewIfNeeded();
      await until(async () => (await isTraining(region)) && (await stepOf(region)) > stopped);
      await pause(region);
      const paused = await stepOf(region);
      expect(await region.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(
        true,
      );

      // Step: exactly one more step each click.
      await region.getByRole('button', { name: 'Step', exact: true }).click();
      await until(async () => (await stepOf(region)) === paused + 1);
      await region.getByRole('button', { name: 'Step', exact: true }).click();
      await until(async () => (await stepOf(region)) === paused + 2);
      const sps = (await region.getByTestId('lab-status').textContent()) ?? '';
      console.info(`lab backend ${backend}: ${/[\d.]+ steps\/s/.exec(sps)?.[0] ?? 'n/a'}`);

      // The lab alone: the whole article at 1440 px is article.test.ts's.
      await region.screenshot({ path: `${SCREENSHOTS}/lab-vanishing-1440.png` });

      // Reset: back to step 0, where the claim is about initialisation.
      await reset(region);
      let t = await profile(region);
      const plain = ratio(column(t, 'A ('));
      const residual = ratio(column(t, 'B ('));
      expect(plain).toBeLessThan(1e-10);
      expect(residual).toBeGreaterThan(1e-3);

      // Depth: a shallower plain net vanishes far less.
      const netA = region.getByRole('group', { name: /Network A/ });
      await netA.getByLabel('Depth').fill('4');
      await until(async () => column(await profile(region), 'A (').length === 2 * 4 + 2);
      t = await profile(region);
      expect(ratio(column(t, 'A ('))).toBeGreaterThan(plain * 1e6);

      // Skip connections on A: both nets residual, both profiles level.
      await netA.getByLabel('Depth').fill('24');
      await netA.getByLabel('Skip connections').check();
      await until(async () => {
        const p = await profile(region);
        return column(p, 'A (').length === 50 && ratio(column(p, 'A (')) > 1e-3;
      });

      // Train from step 0 again, then Pause.
      await region.getByRole('button', { name: 'Train', exact: true }).click();
      await until(async () => (await stepOf(region)) >= 3);
      await pause(region);
      w.assertClean();
    });
  });

  describe('the playground', () => {
    it('loads a preset with one click and shows the plain net vanish next to the residual net', async () => {
      const region = lab(w.page, 'Playground');
      await ready(region);
      expect(await region.getByRole('group', { name: /Network B/ }).count()).toBe(0);
      const clicked = Date.now();
      await region.getByRole('button', { name: 'Vanishing gradients and their cure' }).click();
      await until(async () => {
        const t = await profile(region);
        return (
          t.columns.some((c) => c.startsWith('B (')) &&
          ratio(column(t, 'A (')) < 1e-10 &&
          ratio(column(t, 'B (')) > 1e-3
        );
      });
      console.info(`preset to plotted step-0 profiles: ${Date.now() - clicked} ms`);
      expect(new URL(w.page.url()).searchParams.get('lab')).toBe('playground');

      // The digits set is fetched by the worker; it has no decision boundary (64 inputs).
      await allSettings(region);
      await region.getByLabel('Dataset').selectOption('digits');
      await until(
        async () => (await stepOf(region)) === 0 && (await profile(region)).rows.length > 0,
      );
      await region.getByRole('button', { name: 'Step', exact: true }).click();
      await until(async () => (await stepOf(region)) === 1);
      expect(await region.getByRole('img', { name: /Decision boundary/ }).count()).toBe(0);
      w.assertClean();
    });
  });

  describe('the block-order lab', () => {
    it('shows original blocks vanish with a sigmoid and pre-activation fix it', async () => {
      const region = lab(w.page, 'Block order with a saturating activation');
      await ready(region);
      await reset(region);
      const t = await profile(region);
      const post = ratio(column(t, 'A ('));
      const pre = ratio(column(t, 'B ('));
      expect(post).toBeLessThan(1e-8);
      expect(pre).toBeGreaterThan(1e-3);
      const netA = region.getByRole('group', { name: /Network A/ });
      await netA.getByLabel('Block order').selectOption({ label: 'Pre-activation' });
      await until(async () => ratio(column(await profile(region), 'A (')) > 1e-3);
      // The signal view plots ‖∂L/∂x_l‖ for x_0 … x_24.
      await region.getByLabel(/Signal gradients/).check();
      await until(async () => column(await profile(region), 'A (').length === 25);
      w.assertClean();
    });
  });

  describe('divergence', () => {
    it("reads the unnormalised net's expected divergence as the lab's result, and warns of one it does not expect", async () => {
      const region = lab(w.page, 'A deep residual network without normalisation');
      await ready(region);
      await train(region);
      const result = region.getByTestId('lab-expected-divergence');
      await until(async () => (await result.count()) > 0);
      const said = (await result.textContent()) ?? '';
      expect(said).toMatch(
        /^A \(.*\) diverged at step \d+, as this lab expects: its loss or its gradients are no longer finite/,
      );
      // The divergence the lab's claim predicts is no alarm, and has no troubleshooting advice.
      expect(await region.getByRole('alert').count()).toBe(0);
      // B trains on past A's divergence. (Counted from the step A diverged at, not from the step
      // read now: B's 300 steps can all be done by then on a loaded machine, and a wait for
      // three more steps then hung the test to its timeout.)
      const divergedAt = Number(/diverged at step (\d+)/.exec(said)![1]);
      await until(async () => (await stepOf(region)) > divergedAt + 2);
      const before = await stepOf(region);
      await pause(region);

      // The run history downloads as CSV, with the diverged step's non-finite values spelled out.
      const [download] = await Promise.all([
        w.page.waitForEvent('download'),
        region.getByRole('button', { name: 'Download history (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('residual-unnormalised.csv');
      const csv = (await downloadedText(download)).split('\n');
      expect(csv[0]).toMatch(/^run,step,loss,accuracy,grad:stem\/kernel,/);
      expect(csv.some((l) => l.startsWith('A,') && /NaN|Infinity/.test(l))).toBe(true);
      expect(csv.filter((l) => l.startsWith('B,')).length).toBeGreaterThan(before);

      // B at full scale is not the lab's net: its divergence is a fault, with advice.
      await region
        .getByRole('group', { name: /Network B/ })
        .getByLabel('Branch scale')
        .selectOption({ label: '×1' });
      await until(async () => (await stepOf(region)) === 0);
      await train(region);
      const alert = region.getByRole('alert').filter({ hasText: 'Network B' });
      await until(async () => (await alert.count()) > 0);
      const text = (await alert.first().textContent()) ?? '';
      expect(text).toMatch(/Network B diverged at step \d+/);
      expect(text).toMatch(/batch norm/);
      // A's divergence is no longer the lab's claim either: the verdict only reports (grey).
      await until(async () =>
        (await region.getByTestId('lab-verdict').getAttribute('class'))!.includes('reported'),
      );
      w.assertClean();
    });
  });
});

describe('URL state', () => {
  it('restores a shared state, and its Copy link gives the same state', async () => {
    const path = '/?lab=exploding&a.blocks=10&b.order=post&view=signal&seed=7';
    const w = await openApp(browser(), path, { width: 1440, height: 900 });
    const region = lab(w.page, 'Exploding gradients with batch norm');
    await ready(region);
    // The link changes settings under "All settings": they open, so that the reader sees them.
    expect(
      await region
        .locator('details.lab-all-settings')
        .evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(true);
    const netA = region.getByRole('group', { name: /Network A/ });
    const netB = region.getByRole('group', { name: /Network B/ });
    expect(await netA.getByLabel('Depth').inputValue()).toBe('10');
    expect(await netB.getByLabel('Block order').inputValue()).toBe('post');
    expect(await region.getByLabel('Seed').inputValue()).toBe('7');
    expect(await region.getByLabel(/Signal gradients/).isChecked()).toBe(true);

    await pause(region);
    await w.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await region.getByRole('button', { name: 'Copy link' }).click();
    const field = region.getByRole('textbox', { name: 'Link to this lab' });
    let link = '';
    await until(async () => {
      if (await field.count()) link = await field.inputValue();
      else link = await w.page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
      return link.includes('lab=exploding');
    });
    const url = new URL(link);
    expect(url.hash).toBe('#lab-exploding');
    expect(url.searchParams.get('a.blocks')).toBe('10');
    expect(url.searchParams.get('b.order')).toBe('post');
    expect(url.searchParams.get('seed')).toBe('7');
    w.assertClean();
    await w.close();

    const again = await openApp(browser(), url.pathname + url.search + url.hash);
    const r2 = lab(again.page, 'Exploding gradients with batch norm');
    await ready(r2);
    expect(
      await r2
        .getByRole('group', { name: /Network A/ })
        .getByLabel('Depth')
        .inputValue(),
    ).toBe('10');
    expect(
      await r2
        .getByRole('group', { name: /Network B/ })
        .getByLabel('Block order')
        .inputValue(),
    ).toBe('post');
    again.assertClean();
    await again.close();
  });

  it('shows a notice for a hostile link and falls back to defaults', async () => {
    const path =
      '/?lab=vanishing&a.blocks=1e999&a.activation=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&b.skip=%5Cfrac%7B1%7D%7B0%7D&seed=-3&seed=4&zzz=1';
    const w = await openApp(browser(), path, { width: 1440, height: 900 });
    const region = lab(w.page, 'Vanishing gradients and their cure');
    const notice = region.getByRole('status', { name: 'Notice about the link' });
    await until(async () => (await notice.count()) === 1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('a.blocks "1e999" is not allowed');
    expect(text).toContain('"seed" appears more than once');
    expect(text).toContain('Unknown setting "zzz"');
    expect(await region.locator('img').count()).toBe(0);
    await ready(region);
    // Nothing of the link was used: "All settings" stays closed, and holds the defaults.
    await allSettings(region);
    const netA = region.getByRole('group', { name: /Network A/ });
    expect(await netA.getByLabel('Depth').inputValue()).toBe('24');
    expect(await netA.getByLabel('Activation').inputValue()).toBe('sigmoid');
    await pause(region);
    w.assertClean();
    await w.close();
    // A link to an unknown lab: navigation.test.ts reads its notice on the page, and
    // src/state/url.test.ts the decoder's.
  });
});

describe('accessibility and layout', () => {
  // A page loaded at each width: a lab lays out its plots for a phone when it mounts.
  it.each([375, 1440])(
    'has no serious axe violations in a running lab at %i px; a screenshot of the lab',
    async (width) => {
      const { default: AxeBuilder } = await import('@axe-core/playwright');
      // A returning reader's page: the page's backend comparison, which starts after 8 quiet
      // seconds, would otherwise run its probes beside axe (it doubled axe's time here).
      const w = await openApp(
        browser(),
        '/',
        { width, height: width === 375 ? 800 : 900 },
        rememberBackend,
      );
      const region = lab(w.page, 'Exploding gradients with batch norm');
      await ready(region);
      await train(region);
      await until(async () => (await stepOf(region)) >= 10);
      await pause(region);
      // At initialisation batch norm makes the plain net's gradients explode toward the input.
      const t = await profile(region);
      const plain = ratio(columnNamed(t, 'A (plain), step 0'));
      const residual = ratio(columnNamed(t, 'B (residual), step 0'));
      expect(plain).toBeGreaterThan(100);
      expect(plain).toBeGreaterThan(100 * residual);
      const results = await new AxeBuilder({ page: w.page }).include('section[data-lab]').analyze();
      const serious = results.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      const box = await region.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);
      // The lab alone (the whole article at each width is article.test.ts's).
      await region.screenshot({ path: `${SCREENSHOTS}/lab-exploding-${width}-lab.png` });
      w.assertClean();
      await w.close();
    },
  );
});
