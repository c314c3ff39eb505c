// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentConfig } from '../../model/engine/config';
import { createFakeTransport, type FakeTransport } from '../../../tests/support/fakeTransport';
import { LabSlot } from './LabSlot';
import type { PresetId } from '../../model/labs/presets';
import { TransportContext } from './page/transport';
import { CONFIGURE_DELAY_MS, RENDER_INTERVAL_MS } from './run/labController';
import { LabPage, LabPageContext } from './page/labPage';

let fake: FakeTransport;

/** A fresh page per test: its URL is read anew, its token and backend choice are its own. */
let page: LabPage;

beforeEach(() => {
  // jsdom has no canvas; the heatmap draws nothing (its data table still renders).
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.useFakeTimers();
  fake = createFakeTransport();
  history.replaceState(null, '', '/');
  page = new LabPage(() => location.search);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function settle(ms = CONFIGURE_DELAY_MS + RENDER_INTERVAL_MS + 50) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function renderLab(preset: PresetId) {
  const utils = render(
    <LabPageContext.Provider value={page}>
      <TransportContext.Provider value={() => fake}>
        <LabSlot preset={preset} />
      </TransportContext.Provider>
    </LabPageContext.Provider>,
  );
  await settle();
  return utils;
}

const configures = () =>
  fake.sent.filter((m): m is Extract<typeof m, { type: 'configure' }> => m.type === 'configure');
const lastConfigs = (): ExperimentConfig[] => configures().at(-1)!.configs;

describe('LabSlot', () => {
  it('is a named region with every control of the contract, its claim’s first, and waits for Train', async () => {
    await renderLab('vanishing');
    const lab = screen.getByRole('region', { name: 'Vanishing gradients and their cure' });
    const all = lab.querySelector<HTMLDetailsElement>('details.lab-all-settings')!;
    expect(all.open).toBe(false);
    // Each network's fields appear once: the claim's (skip connections, depth) before "All
    // settings", the rest inside it.
    const net = (name: RegExp, where: 'key' | 'all') =>
      within(lab)
        .getAllByRole('group', { name })
        .find((g) => (all.contains(g) ? 'all' : 'key') === where)!;
    for (const name of [/Network A/, /Network B/]) {
      const key = net(name, 'key');
      const rest = net(name, 'all');
      expect(within(key).getByRole('checkbox', { name: 'Skip connections' })).toBeTruthy();
      expect(within(key).getByRole('slider', { name: 'Depth' })).toBeTruthy();
      expect(within(rest).getByRole('checkbox', { name: 'Batch norm' })).toBeTruthy();
      for (const n of ['Block order', 'Activation', 'Initialisation', 'Branch scale'])
        expect(within(rest).getByRole('combobox', { name: n })).toBeTruthy();
      expect(within(rest).queryByRole('slider', { name: 'Depth' })).toBeNull();
      expect(within(key).queryByRole('combobox')).toBeNull();
    }
    for (const name of ['Dataset', 'Learning rate', 'Optimiser', 'Batch size'])
      expect(within(all).getByRole('combobox', { name })).toBeTruthy();
    expect(within(all).getByRole('textbox', { name: 'Seed' })).toBeTruthy();
    const a = net(/Network A/, 'key');
    const b = net(/Network B/, 'key');
    const aAll = net(/Network A/, 'all');
    expect(within(a).getByRole('checkbox', { name: 'Skip connections' })).toHaveProperty(
      'checked',
      false,
    );
    expect(within(b).getByRole('checkbox', { name: 'Skip connections' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(aAll).getByRole('combobox', { name: 'Block order' }).textContent).toContain(
      'Original (post-activation)',
    );
    expect(within(aAll).getByRole('combobox', { name: 'Block order' }).textContent).toContain(
      'Pre-activation',
    );
    // The question comes before the run: the lab waits for the reader's Train.
    expect(within(lab).getByText('Predict before you train')).toBeTruthy();
    expect(fake.sent.map((m) => m.type)).toEqual(['configure']);
    fireEvent.click(within(lab).getByRole('button', { name: 'Train' }));
    await settle();

    expect(configures()).toHaveLength(1);
    expect(lastConfigs().map((c) => c.skip)).toEqual(['none', 'identity']);
    expect(fake.sent.map((m) => m.type)).toEqual(['configure', 'train']);
    expect(within(lab).getByText(/Backend: fake/)).toBeTruthy();
    // (The plots mount one per animation frame: LabPlots.test.tsx checks that.)
    for (let frame = 0; frame < 8; frame++) await settle(20);
    // The compact panel: gradient profile and loss (this fake sends no decision boundary).
    expect(within(lab).getAllByRole('img').length).toBe(2);
    // The other plots render only once "More plots" is opened: two heatmaps, activations, accuracy.
    const more = lab.querySelector<HTMLDetailsElement>('details.lab-more-plots')!;
    await act(async () => {
      more.open = true;
      more.dispatchEvent(new Event('toggle'));
    });
    for (let frame = 0; frame < 8; frame++) await settle(20);
    expect(within(lab).getAllByRole('img').length).toBe(6);
  });

  it('rebuilds on a control change and sends Train, Pause, Step and Reset', async () => {
    await renderLab('exploding');
    const lab = screen.getByRole('region', { name: 'Exploding gradients with batch norm' });
    // Depth is not this lab's key field: it is under "All settings".
    const [a, aAll] = within(lab).getAllByRole('group', { name: /Network A/ });
    fireEvent.change(within(aAll!).getByRole('slider', { name: 'Depth' }), {
      target: { value: '40' },
    });
    fireEvent.change(within(aAll!).getByRole('slider', { name: 'Depth' }), {
      target: { value: '41' },
    });
    await settle();
    expect(configures()).toHaveLength(2); // the two changes were coalesced
    expect(lastConfigs()[0]!.blocks).toBe(41);
    expect(lastConfigs()[1]!.blocks).toBe(24);

    fireEvent.click(within(a!).getByRole('checkbox', { name: 'Skip connections' }));
    fireEvent.change(within(lab).getByRole('combobox', { name: 'Dataset' }), {
      target: { value: 'spiral' },
    });
    await settle();
    expect(lastConfigs().map((c) => [c.skip, c.dataset])).toEqual([
      ['identity', 'spiral'],
      ['identity', 'spiral'],
    ]);
    expect(location.search).toContain('dataset=spiral');
    expect(location.search).toContain('a.skip=identity');

    fake.sent.length = 0;
    fireEvent.click(within(lab).getByRole('button', { name: 'Train' }));
    await settle();
    fireEvent.click(within(lab).getByRole('button', { name: 'Pause' }));
    fireEvent.click(within(lab).getByRole('button', { name: 'Step' }));
    fireEvent.click(within(lab).getByRole('button', { name: 'Step' }));
    await settle();
    expect(within(lab).getByTestId('lab-status').textContent).toMatch(/Step 2/);
    fireEvent.click(within(lab).getByRole('button', { name: 'Reset' }));
    await settle();
    expect(fake.sent.map((m) => m.type)).toEqual(['train', 'pause', 'step', 'step', 'reset']);
    expect(within(lab).getByTestId('lab-status').textContent).toMatch(/Step 0/);
  });

  it('reads its state from the URL and shows a notice for what it ignored', async () => {
    history.replaceState(
      null,
      '',
      '/?lab=vanishing&a.blocks=30&b.order=post&a.activation=%3Cimg%3E',
    );
    page = new LabPage(() => location.search);
    await renderLab('vanishing');
    const lab = screen.getByRole('region', { name: 'Vanishing gradients and their cure' });
    expect(lastConfigs().map((c) => [c.blocks, c.order, c.activation])).toEqual([
      [30, 'pre', 'sigmoid'],
      [24, 'post', 'sigmoid'],
    ]);
    const notice = within(lab).getByRole('status', { name: 'Notice about the link' });
    expect(notice.textContent).toContain('a.activation "<img>" is not allowed');
    expect(lab.querySelector('img')).toBeNull();
  });

  it('shows a divergence message and the twin readout', async () => {
    await renderLab('unnormalised');
    const lab = screen.getByRole('region', {
      name: 'A deep residual network without normalisation',
    });
    expect(within(lab).getByRole('list', { name: 'Readout' }).textContent).toMatch(
      /first\/last weight gradient ratio/,
    );
    act(() =>
      fake.emit({
        type: 'diverged',
        generation: 1,
        run: 0,
        step: 2,
        message: 'Network A diverged at step 2: the loss became NaN. Try batch norm.',
      }),
    );
    await settle();
    // A's divergence is this lab's claim: its result, without an alarm or advice.
    expect(within(lab).getByTestId('lab-expected-divergence').textContent).toMatch(
      /diverged at step 2, as this lab expects/,
    );
    expect(within(lab).queryByRole('alert')).toBeNull();
    act(() =>
      fake.emit({
        type: 'diverged',
        generation: 1,
        run: 1,
        step: 5,
        message: 'Network B diverged at step 5: the loss became NaN. Try batch norm.',
      }),
    );
    await settle();
    expect(within(lab).getByRole('alert').textContent).toMatch(/Network B diverged at step 5/);
  });

  it('says that a finished run goes on with Train, and for how many steps', async () => {
    await renderLab('vanishing');
    const lab = screen.getByRole('region', { name: 'Vanishing gradients and their cure' });
    const status = () => within(lab).getByTestId('lab-status').textContent ?? '';
    expect(status()).not.toMatch(/Finished/);
    // The fake trains until told otherwise; the run ends as a real one would, with done.
    fireEvent.click(within(lab).getByRole('button', { name: 'Pause' }));
    await settle();
    act(() =>
      fake.emit({
        type: 'status',
        generation: 1,
        running: false,
        stepsPerSecond: 0,
        step: 399,
        done: true,
      }),
    );
    await settle();
    expect(status()).toMatch(/Finished\. Train goes on for 400 more steps; Reset starts over\./);
  });

  it('adds a twin in the playground and loads presets', async () => {
    await renderLab('playground');
    const lab = screen.getByRole('region', { name: 'Playground' });
    expect(within(lab).queryByRole('group', { name: /Network B/ })).toBeNull();
    fireEvent.change(within(lab).getByRole('combobox', { name: 'Compare with…' }), {
      target: { value: 'skip' },
    });
    await settle();
    expect(lastConfigs().map((c) => c.skip)).toEqual(['identity', 'none']);
    // Comparing block orders needs a residual net: on a plain one both orders are the same net.
    const orderOption = () =>
      within(lab).getByRole<HTMLOptionElement>('option', { name: /other block order/ });
    expect(orderOption().disabled).toBe(false);
    fireEvent.click(
      within(lab).getByRole('button', { name: 'Vanishing gradients and their cure' }),
    );
    await settle();
    expect(lastConfigs().map((c) => [c.skip, c.activation])).toEqual([
      ['none', 'sigmoid'],
      ['identity', 'sigmoid'],
    ]);
    expect(orderOption().disabled).toBe(true);
    expect(orderOption().textContent).toContain('(residual nets only)');
    // Back to what the lab opened with: one network, the playground's.
    const back = within(lab).getByRole('button', { name: "Reset to the lab's settings" });
    expect(back).toHaveProperty('disabled', false);
    fireEvent.click(back);
    await settle();
    expect(lastConfigs()).toHaveLength(1);
    expect(back).toHaveProperty('disabled', true);
  });

  it('falls back to a selectable field when the clipboard is missing', async () => {
    await renderLab('order-saturating');
    const lab = screen.getByRole('region', { name: 'Block order with a saturating activation' });
    fireEvent.click(within(lab).getByRole('button', { name: 'Copy link' }));
    await settle();
    const field = within(lab).getByRole('textbox', {
      name: 'Link to this lab',
    }) as HTMLInputElement;
    expect(field.value).toMatch(/\?lab=order-saturating#lab-order-saturating$/);
  });
});
