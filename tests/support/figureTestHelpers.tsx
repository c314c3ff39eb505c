/**
 * What the tests of the figures with shipped results do alike: draw a figure from a file in hand,
 * read the data table of a plot, check the caption's note of where the results were computed, and
 * the message when the file cannot load.
 */
import { act, render, screen, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { expect, it } from 'vitest';

/**
 * Renders a figure whose shipped file is already in hand (`load={() => Promise.resolve(file)}`)
 * and returns once it is drawn. The figure applies its file in a transition after the load's
 * promise settles; inside act() React finishes that work before act resolves, so a test reads
 * the drawn figure at once instead of polling for it with findBy*, whose one second a big
 * figure's first draw can outlast on a loaded machine.
 */
export async function renderDrawn(ui: ReactElement): Promise<RenderResult> {
  let result: RenderResult | undefined;
  await act(async () => {
    result = render(ui);
  });
  return result!;
}

/** The rows of the data table of the plot titled `title` (opening its details first). */
export function plotRows(title: string): string[][] {
  const plot = screen.getByText(title).closest('figure')!;
  const details = plot.querySelector('details')!;
  if (!details.open)
    act(() => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
  return [...plot.querySelectorAll('table tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? ''),
  );
}

/**
 * The caption of the figure `id`, once checked to say where its results were computed (the test
 * files say the WebAssembly backend) and not the command that made them, which means nothing to a
 * reader without the repository.
 */
export function shippedCaption(id: string): string {
  const caption = document.querySelector(`#${id} > figcaption`)!.textContent!;
  expect(caption).toContain(
    'Precomputed for this page by the same engine as the labs, on its WebAssembly backend.',
  );
  expect(caption).not.toContain('npm run');
  return caption;
}

/**
 * The test that a figure whose `load` fails (the page is offline) says why it could not open:
 * `renderWith` renders the figure with that `load`; `what` names the file in the test's name.
 */
export function itSaysSoWhenItCannotLoad(
  what: string,
  renderWith: (load: () => Promise<never>) => void,
): void {
  it(`says so when ${what} cannot be loaded`, async () => {
    renderWith(() => Promise.reject(new Error('offline')));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The figure could not open: offline.',
    );
  });
}
