// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../model/config';
import type { DeepFile, DeepTrace } from '../../model/deep-spec';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { itSaysSoWhenItCannotLoad, plotRows, shippedCaption } from './figureTestHelpers';
import { openingRate, ThousandLayersFigure } from './ThousandLayersFigure';

afterEach(cleanup);

const trace = (
  optimizer: DeepTrace['optimizer'],
  learningRate: number,
  order: DeepTrace['order'],
  seed: number,
  trainLoss: number,
): DeepTrace => ({
  optimizer,
  learningRate,
  order,
  seed,
  loss: [1, 0.7, trainLoss],
  signalStart: [3, 2, 1, 0.5],
  signalEnd: [0.3, 0.2, null, 0.05],
  final: { trainLoss, trainAccuracy: 1, testAccuracy: 1, diverged: false, divergedAtStep: null },
});

/** Both nets fit at 0.01; at 0.05 only the pre-activation net does; seed 3 is held out. */
const file: DeepFile = {
  command: 'npm run sweep -- --thousand-layers',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'spiral', blocks: 3, width: 32, batchSize: 128, steps: 3 }),
    optimizers: ['momentum', 'adam'],
    learningRates: { momentum: [0.01, 0.05], adam: [0.003] },
    seeds: [1, 2],
    heldOutSeeds: [3],
  },
  traces: [
    trace('momentum', 0.01, 'post', 1, 0.03),
    trace('momentum', 0.01, 'pre', 1, 0.02),
    trace('momentum', 0.01, 'post', 2, 0.04),
    trace('momentum', 0.01, 'pre', 2, 0.01),
    trace('momentum', 0.05, 'post', 1, 0.65),
    trace('momentum', 0.05, 'pre', 1, 0.015),
    trace('momentum', 0.05, 'post', 2, 0.66),
    trace('momentum', 0.05, 'pre', 2, 0.028),
    trace('momentum', 0.05, 'post', 3, 0.67),
    trace('momentum', 0.05, 'pre', 3, 0.029),
    trace('adam', 0.003, 'post', 1, 0.05),
    trace('adam', 0.003, 'pre', 1, 0.04),
  ],
};

const readout = () => screen.getByTestId('deep-readout').textContent;
const pick = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the thousand-layer figure', () => {
  it('opens at the rate where the two orders part, and draws the chosen run', async () => {
    expect(openingRate(file)).toBe(0.05);
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} />);
    expect(await screen.findByText('Training loss at 3 blocks')).toBeTruthy();
    expect((screen.getByLabelText('Learning rate') as HTMLSelectElement).value).toBe('0.05');
    expect(readout()).toContain('original 0.650, pre-activation 0.015');
    const caption = shippedCaption('thousand-layers');
    expect(caption).toContain('3 residual blocks (8 weight layers)');
    expect(caption).toContain(
      'SGD with momentum 0.9 at learning rates 0.01 and 0.05 and Adam at learning rate 0.003',
    );
    expect(caption).toContain('a dot per seed (1 and 2)');
    expect(caption).toContain('the gradient reaching the input of every block');
    // Where each order fits, read from the file.
    expect(screen.getByTestId('deep-range').textContent).toBe(
      'Under SGD with momentum, the rates at which a net fits the spiral (final training loss ' +
        'below 0.1) on seeds 1 and 2: the original at 0.01, the pre-activation net at 0.01 and 0.05.',
    );
    pick('Seed', '2');
    expect(readout()).toContain('original 0.660, pre-activation 0.028');
    pick('Learning rate', '0.01');
    expect(readout()).toContain('original 0.040, pre-activation 0.010');
    // The held-out seed is offered, and labelled.
    expect(screen.getByRole('option', { name: '3 (held out)' })).toBeTruthy();
    pick('Learning rate', '0.05');
    pick('Seed', '3');
    expect(readout()).toContain('original 0.670, pre-activation 0.029');
    // Adam has one rate; back under SGD with momentum the rate picked before is kept.
    pick('Optimiser', 'adam');
    pick('Seed', '1');
    expect((screen.getByLabelText('Learning rate') as HTMLSelectElement).disabled).toBe(true);
    expect(readout()).toContain('original 0.050, pre-activation 0.040');
    pick('Optimiser', 'momentum');
    expect((screen.getByLabelText('Learning rate') as HTMLSelectElement).value).toBe('0.05');
  });

  it('plots the final loss of every reported seed against the rate, with medians', async () => {
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} />);
    await screen.findByText('Final training loss against learning rate');
    const rows = plotRows('Final training loss against learning rate');
    expect(rows).toEqual([
      ['0.01', '0.035', '1: 0.03, 2: 0.04', '0.015', '1: 0.02, 2: 0.01'],
      ['0.05', '0.655', '1: 0.65, 2: 0.66', '0.0215', '1: 0.015, 2: 0.028'],
    ]);
    // The profile names the block inputs it records.
    expect(plotRows('Gradient reaching each block (precomputed run)').map((r) => r[0])).toEqual([
      'x₀',
      'x₁',
      'x₂',
      'x₃',
    ]);
  });

  itSaysSoWhenItCannotLoad('the results', (load) => render(<ThousandLayersFigure load={load} />));
});

describe('training it live', () => {
  it('says what happens before step 1, then draws each step with its time, and cancels', async () => {
    const { workers, make: makeWorker, emit } = fakeSweepWorkers(act);
    const status = () => screen.getByTestId('deep-status').textContent;
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    await screen.findByText('Training loss at 3 blocks');
    pick('Learning rate', '0.01');
    fireEvent.click(screen.getByRole('button', { name: /Train it live/ }));
    const sent = workers[0]!.sent[0]!;
    if (sent.type !== 'deep') throw new Error('expected a deep pair');
    expect(sent.steps).toBe(3);
    expect(sent.pair.configs.map((c) => [c.order, c.optimizer, c.learningRate, c.seed])).toEqual([
      ['post', 'momentum', 0.01, 1],
      ['pre', 'momentum', 0.01, 1],
    ]);
    expect(status()).toMatch(/^Starting the training worker/);
    // No step yet: the progress bar is indeterminate.
    expect(screen.getByLabelText('Training progress').hasAttribute('value')).toBe(false);

    emit({ type: 'deep-phase', phase: 'building', backend: 'wasm' });
    expect(status()).toBe(
      'Building two nets of 3 blocks (8 weight layers each), learning rate 0.01, seed 1…',
    );
    emit({ type: 'deep-phase', phase: 'training', backend: 'wasm' });
    expect(status()).toMatch(/^Taking the first step/);
    emit({ type: 'deep-step', step: 0, steps: 3, losses: [14.5, 1], ms: 6000 });
    // At the precomputed settings the status also says how far the reader's losses are from the
    // precomputed ones (this fake worker's are far off), over every loss so far.
    const difference = (n: number) =>
      ` Largest difference from the precomputed batch losses so far: [\\d.e+]+% \\(${n} losses\\)\\.$`;
    expect(status()).toMatch(
      new RegExp(
        `^Step 1 of 3, learning rate 0.01, seed 1 · first step 6.0 s · about 12 s left${difference(2)}`,
      ),
    );
    emit({ type: 'deep-step', step: 1, steps: 3, losses: [100, 0.9], ms: 1200 });
    expect(status()).toMatch(
      new RegExp(
        `^Step 2 of 3, learning rate 0.01, seed 1 · 1.2 s a step · about 1 s left${difference(4)}`,
      ),
    );
    // Shipped curves of both orders, and the live ones.
    const curves = plotRows('Training loss at 3 blocks');
    expect(curves[1]).toEqual(['1', '0.7', '0.7', '100', '0.9']);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    expect(status()).toMatch(
      new RegExp(`^Cancelled after 2 steps; the curves so far stay.${difference(4)}`),
    );
  });

  it('shows a finished run’s profiles, and hides its curves under another rate or seed', async () => {
    const { make: makeWorker, emit } = fakeSweepWorkers(act);
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    fireEvent.click(await screen.findByRole('button', { name: /Train it live/ }));
    emit({ type: 'deep-step', step: 0, steps: 1, losses: [14.5, 1], ms: 6000 });
    emit({
      type: 'deep-done',
      traces: [trace('momentum', 0.05, 'post', 1, 0.6), trace('momentum', 0.05, 'pre', 1, 0.02)],
      ms: 7000,
    });
    expect(screen.getByTestId('deep-status').textContent).toMatch(/^Done: 1 steps/);
    expect(screen.getByText('Gradient reaching each block (your run)')).toBeTruthy();
    pick('Learning rate', '0.01');
    expect(screen.getByText('Gradient reaching each block (precomputed run)')).toBeTruthy();
    expect(screen.getByTestId('deep-status').textContent).toContain(
      '(trained with SGD with momentum 0.9 at 0.05, seed 1: pick them to see it)',
    );
    pick('Learning rate', '0.05');
    expect(screen.getByText('Gradient reaching each block (your run)')).toBeTruthy();
    pick('Seed', '2');
    expect(screen.getByText('Gradient reaching each block (precomputed run)')).toBeTruthy();
  });
});
