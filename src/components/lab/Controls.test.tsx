// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activationSpec } from '../../model/engine/activations';
import { ACTIVATIONS, FIELD_RULES, type ExperimentConfig } from '../../model/engine/config';
import type { LabAction } from '../../state/labReducer';
import { presetState } from '../../state/labPresets';
import { Controls } from './Controls';
import { HINTS } from './page/hints';

afterEach(cleanup);

const playground = (extra: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
  ...presetState('playground').nets[0]!,
  ...extra,
});

function renderControls(nets: ExperimentConfig[]) {
  const dispatch = vi.fn<(a: LabAction) => void>();
  const utils = render(
    <Controls nets={nets} descriptions={nets.map(() => 'test')} dispatch={dispatch} />,
  );
  return { ...utils, dispatch };
}

const select = (name: string, scope: HTMLElement = document.body) =>
  within(scope).getByRole<HTMLSelectElement>('combobox', { name });
const optionValues = (el: HTMLSelectElement) => Array.from(el.options, (o) => o.value);
const rangeOf = (field: 'width' | 'batchSize' | 'learningRate') => {
  const rule = FIELD_RULES[field];
  if (rule.kind === 'enum') throw new Error(`${field} is not numeric`);
  return rule;
};
/** The text of the element(s) that `el`'s aria-describedby names, or '' for none. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('Controls', () => {
  it("offers every activation of the engine's table, under the table's label", () => {
    renderControls([playground()]);
    const activation = select('Activation');
    expect(optionValues(activation)).toEqual([...ACTIVATIONS]);
    expect(Array.from(activation.options, (o) => o.textContent)).toEqual(
      ACTIVATIONS.map((a) => activationSpec(a).label),
    );
    expect(optionValues(activation)).toContain('gelu');
  });

  it('offers the extremes the engine accepts for width, batch size and learning rate', () => {
    renderControls([playground()]);
    const widths = optionValues(select('Width')).map(Number);
    expect(widths[0]).toBe(rangeOf('width').min);
    expect(widths.at(-1)).toBe(rangeOf('width').max);
    expect(widths).toEqual(expect.arrayContaining([2, 4, 256]));
    const batches = optionValues(select('Batch size')).map(Number);
    expect(batches[0]).toBe(rangeOf('batchSize').min);
    expect(batches.at(-1)).toBe(rangeOf('batchSize').max);
    expect(batches).toEqual(expect.arrayContaining([1, 2, 4, 8, 512, 1024]));
    const rates = optionValues(select('Learning rate')).map(Number);
    expect(rates.at(-1)).toBe(rangeOf('learningRate').max);
    expect(rates).toEqual(expect.arrayContaining([1, 3, 10]));
    expect(screen.getByRole('slider', { name: 'Depth' }).getAttribute('max')).toBe('100');
  });

  it('ends the depth slider at 100 blocks, or at a deeper net’s own depth, with a hint', () => {
    renderControls([playground({ blocks: 300 })]);
    const depth = screen.getByRole('slider', { name: 'Depth' });
    expect(depth.getAttribute('max')).toBe('300');
    expect((depth as HTMLInputElement).value).toBe('300');
    expect(description(depth)).toBe(HINTS.veryDeep);
  });

  it('shows a linked value missing from the list in its sorted place, selected', () => {
    renderControls([playground({ width: 100, branchScale: 0.25, learningRate: 0.005 })]);
    const width = select('Width');
    expect(width.value).toBe('100');
    expect(width.selectedOptions[0]?.textContent).toBe('100 units');
    expect(optionValues(width).slice(5, 8)).toEqual(['64', '100', '128']);
    // Branch scales run downwards; the extra value keeps that order.
    expect(optionValues(select('Branch scale')).slice(2, 5)).toEqual(['0.3', '0.25', '0.2']);
    expect(select('Learning rate').value).toBe('0.005');
  });

  it('dispatches the chosen extreme as a number', () => {
    const { dispatch } = renderControls([playground()]);
    fireEvent.change(select('Width'), { target: { value: '256' } });
    fireEvent.change(select('Learning rate'), { target: { value: '10' } });
    fireEvent.change(select('Batch size'), { target: { value: '1' } });
    expect(dispatch.mock.calls.map((c) => c[0])).toEqual([
      { type: 'shared', field: 'width', value: 256 },
      { type: 'shared', field: 'learningRate', value: 10 },
      { type: 'shared', field: 'batchSize', value: 1 },
    ]);
  });

  it('shows no warnings for a preset', () => {
    const { container } = renderControls(presetState('exploding').nets);
    expect(container.querySelectorAll('.lab-hint')).toHaveLength(0);
    // Only the plain net's branch scale carries a note, saying why it is off.
    expect(
      [...container.querySelectorAll('[aria-describedby]')].map((e) => description(e)),
    ).toEqual(['Applies to residual blocks only: switch skip connections on.']);
  });

  it('warns that a large learning rate diverges, tied to the control', () => {
    renderControls([playground({ learningRate: 10, norm: 'none' })]);
    const rate = select('Learning rate');
    expect(description(rate)).toBe(HINTS.diverge);
    expect(
      screen.getByRole('combobox', { name: 'Learning rate', description: HINTS.diverge }),
    ).toBe(rate);
    expect(screen.getByText(HINTS.diverge).id).toBe(rate.getAttribute('aria-describedby'));
  });

  it('warns on each cost control of a slow lab, and only there', () => {
    const a = playground({ blocks: 100, width: 256 });
    const b = { ...a, blocks: 12, skip: 'none' as const };
    renderControls([a, b]);
    const netA = screen.getByRole('group', { name: /Network A/ });
    const netB = screen.getByRole('group', { name: /Network B/ });
    expect(description(within(netA).getByRole('slider', { name: 'Depth' }))).toBe(HINTS.slowStart);
    expect(description(select('Width'))).toBe(HINTS.slowStart);
    // Network B is shallow and the batch is the base one: they do not add to the cost.
    expect(
      within(netB).getByRole('slider', { name: 'Depth' }).hasAttribute('aria-describedby'),
    ).toBe(false);
    expect(select('Batch size').hasAttribute('aria-describedby')).toBe(false);
  });

  it('warns about tiny batches and widths, and that batch norm cannot learn from one example', () => {
    const { rerender, dispatch } = renderControls([playground({ batchSize: 1, width: 2 })]);
    expect(description(select('Batch size'))).toBe(HINTS.oneExample);
    expect(description(select('Width'))).toBe(HINTS.narrow);
    rerender(
      <Controls
        nets={[playground({ batchSize: 1, norm: 'none' })]}
        descriptions={['test']}
        dispatch={dispatch}
      />,
    );
    expect(description(select('Batch size'))).toBe(HINTS.smallBatch);
    expect(select('Width').hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('controls that explain themselves', () => {
  it('say why branch scale is off for a plain net', () => {
    renderControls([playground({ skip: 'none' })]);
    const scale = select('Branch scale');
    expect(scale.disabled).toBe(true);
    expect(description(scale)).toBe('Applies to residual blocks only: switch skip connections on.');
    cleanup();
    renderControls([playground({ skip: 'identity' })]);
    expect(description(select('Branch scale'))).not.toContain('residual blocks only');
  });

  it('show a visible message next to a seed that is not a whole number, and keep the last one', () => {
    const { dispatch } = renderControls([playground({ seed: 3 })]);
    const seed = screen.getByRole('textbox', { name: 'Seed' });
    fireEvent.change(seed, { target: { value: 'abc' } });
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    expect(description(seed)).toMatch(/^Enter a whole number from \d+ to \d+; the lab keeps 3\.$/);
    expect(dispatch).not.toHaveBeenCalled();
    fireEvent.change(seed, { target: { value: '5' } });
    expect(seed.getAttribute('aria-describedby')).toBeNull();
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});
