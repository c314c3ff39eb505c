// @vitest-environment jsdom
/**
 * Figure 1 with a scripted worker (fakeTransport.ts): the switch and the depth redraw from the
 * precomputed profiles with no worker message; a cut shortcut is sent to the worker at once as a
 * per-block skip list, and its step 0 is drawn when the worker answers; Train waits for the
 * reader.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToWorker } from '../../model/worker/protocol';
import { createFakeTransport, type FakeTransport } from '../../../tests/support/fakeTransport';
import { LabPage, LabPageContext } from '../lab/page/labPage';
import { TransportContext } from '../lab/page/transport';
import { HeroFigure, PROFILE_TITLE } from './HeroFigure';
import { precomputedProfile } from './heroData';

let fake: FakeTransport;
let page: LabPage;

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeTransport('wasm');
  page = new LabPage(() => '');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function settle(ms = 50) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function renderFigure() {
  render(
    <LabPageContext.Provider value={page}>
      <TransportContext.Provider value={() => fake}>
        <HeroFigure id="opening" label="Figure 1" labRef={<a href="#lab-vanishing">Lab 1</a>} />
      </TransportContext.Provider>
    </LabPageContext.Provider>,
  );
  await settle();
  const figure = screen.getByRole('figure', { name: /Figure 1\./ });
  // The profile's data table (its body renders while open).
  const profile = plot(figure, PROFILE_TITLE)!;
  fireEvent.click(within(profile).getByText('Data table'));
  fireEvent(profile.querySelector('details')!, new Event('toggle', { bubbles: false }));
  return { figure, profile };
}

/** The plot titled `title` in `figure`, or undefined. */
function plot(figure: HTMLElement, title: string): HTMLElement | undefined {
  return [...figure.querySelectorAll<HTMLElement>('figure.plot')].find(
    (f) => f.querySelector('.plot-title')?.textContent === title,
  );
}

/** The data table's column `label`, top to bottom, as numbers. */
function column(profile: HTMLElement, label: string): number[] {
  const heads = [...profile.querySelectorAll('thead th')].map((th) => th.textContent);
  const c = heads.indexOf(label);
  if (c < 0) throw new Error(`no column "${label}" in ${heads.join(', ')}`);
  return [...profile.querySelectorAll('tbody tr')].map((tr) => Number(tr.children[c]!.textContent));
}

const configures = () =>
  fake.sent.filter((m): m is Extract<ToWorker, { type: 'configure' }> => m.type === 'configure');

describe('Figure 1', () => {
  it('opens on the 24-block net with every shortcut, beside the plain one, and waits for Train', async () => {
    const { figure, profile } = await renderFigure();
    const checked = (el: HTMLElement) => (el as HTMLInputElement).checked;
    expect(checked(within(figure).getByRole('checkbox', { name: 'Skip connections' }))).toBe(true);
    expect(checked(within(figure).getByRole('radio', { name: '24' }))).toBe(true);
    const expected = precomputedProfile('identity', 24)!;
    // The table shows three significant digits.
    column(profile, 'with shortcuts').forEach((v, i) =>
      expect(Math.abs(v / expected[i]! - 1)).toBeLessThan(0.005),
    );
    expect(column(profile, 'without shortcuts')).toHaveLength(50);
    // The worker starts (the figure is near) and measures step 0, but does not train.
    expect(configures()).toHaveLength(1);
    await settle(1000);
    expect(fake.sent.map((m) => m.type)).not.toContain('train');
  });

  it('redraws the switch and the depth from the precomputed profiles, without the worker', async () => {
    const { figure, profile } = await renderFigure();
    const sentBefore = fake.sent.length;
    fake.hang();
    fireEvent.click(within(figure).getByRole('checkbox', { name: 'Skip connections' }));
    // Drawn in the same render: no timer, no worker message.
    expect(column(profile, 'without shortcuts')[1]).toBeLessThan(1e-20);
    expect(within(profile).getByRole('img').getAttribute('aria-label')).toMatch(
      /Series: without shortcuts, with shortcuts\./,
    );
    fireEvent.click(within(figure).getByRole('radio', { name: '8' }));
    expect(column(profile, 'without shortcuts')).toHaveLength(18);
    expect(within(figure).getAllByRole('button', { name: /^Shortcut around block/ })).toHaveLength(
      8,
    );
    expect(figure.dataset.pending).toBe('false');
    // The worker is told (to train the right net later), but nothing waited for it.
    await settle(1);
    expect(fake.sent.length).toBeGreaterThan(sentBefore);
  });

  it('sends a cut shortcut to the worker at once as a list, and draws its step 0 when it answers', async () => {
    const { figure, profile } = await renderFigure();
    const checkbox = within(figure).getByRole('checkbox', { name: 'Skip connections' });
    fireEvent.click(within(figure).getByRole('button', { name: 'Shortcut around block 5' }));
    expect(figure.dataset.pending).toBe('true');
    expect((checkbox as HTMLInputElement).indeterminate).toBe(true);
    expect(within(figure).getByText('mixed: 1 of 24 cut')).toBeTruthy();
    await settle(1);
    const skip = configures().at(-1)!.configs[0]!.skip;
    expect(skip).toHaveLength(24);
    expect((skip as string[]).indexOf('none')).toBe(4);
    // The fake answers at once; its step 0 is drawn within a frame.
    await settle(20);
    expect(figure.dataset.pending).toBe('false');
    expect(column(profile, '1 of 24 shortcuts cut')).toHaveLength(50);
  });

  it('trains on Train: the step count moves and the loss is drawn', async () => {
    const { figure } = await renderFigure();
    fireEvent.click(within(figure).getByRole('button', { name: 'Train' }));
    expect(fake.sent.at(-1)!.type).toBe('train');
    for (let i = 0; i < 3; i++) fake.emit(fakeStep(i + 1));
    await settle(200);
    expect(figure.dataset.step).toBe('3');
    expect(plot(figure, 'Loss while training')).toBeTruthy();
  });
});

/** A metrics message of the current generation for step `step`, as a training worker posts. */
function fakeStep(step: number) {
  const configure = configures().at(-1)!;
  const n = configure.configs[0]!.blocks;
  const g = new Float32Array(2 * n + 2).fill(0.01);
  return {
    type: 'metrics' as const,
    generation: configure.generation,
    records: [
      {
        step,
        loss: 0.69,
        accuracy: 0.5,
        gradNorms: g,
        signalGradNorms: new Float32Array(n + 1),
        activationNorms: new Float32Array(n + 1),
        finite: true,
      },
    ],
  };
}
