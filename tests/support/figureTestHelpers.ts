/**
 * What the tests of the figures with shipped results check alike: the data table of a plot, the
 * caption's note of where the results were computed, and the message when the file cannot load.
 */
import { act, screen } from '@testing-library/react';
import { expect, it } from 'vitest';

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
