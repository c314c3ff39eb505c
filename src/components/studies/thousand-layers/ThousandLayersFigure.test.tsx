// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { DeepFile, DeepTrace } from '../../../model/studies/thousand-layers/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';
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

/** The fixture at another depth and run length (the live run's depths follow the shipped one). */
const fileAt = (blocks: number, steps = 3): DeepFile => ({
  ...file,
  spec: { ...file.spec, base: parseConfig({ ...file.spec.base, blocks, steps }) },
});

const readout = () => screen.getByTestId('deep-readout').textContent;
const status = () => screen.getByTestId('deep-status').textContent;
const pick = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
/** The column headers of the data table of the plot titled `title`. */
const plotColumns = (title: string) =>
  [...screen.getByText(title).closest('figure')!.querySelectorAll('table thead th')].map(
    (th) => th.textContent,
  );

describe('the thousand-layer figure', () => {
  it('opens at the rate where the two orders part, and draws the chosen run', async () => {
    expect(openingRate(file)).toBe(0.05);
    await renderDrawn(<ThousandLayersFigure load={() => Promise.resolve(file)} />);
    expect(screen.getByText('Training loss at 3 blocks')).toBeTruthy();
    expect((screen.getByLabelText('Learning rate') as HTMLSelectElement).value).toBe('0.05');
    expect(readout()).toContain('original 0.650, pre-activation 0.015');
    const caption = shippedCaption('thousand-layers');
    expect(caption).toContain('3 residual blocks (8 weight layers)');
    expect(caption).toContain(
      'SGD with momentum 0.9 at learning rates 0.01 and 0.05 and Adam at learning rate 0.003',
    );
    expect(caption).toContain('a dot per seed (1 and 2)');
    expect(caption).toContain('the gradient reaching the input of every block');
    // A file at 3 blocks offers only that depth for a live run.
    const depth = screen.getByLabelText('Depth of your run') as HTMLSelectElement;
    expect([depth.value, depth.disabled]).toEqual(['3', true]);
    expect(screen.getByRole('option', { name: '3 blocks (precomputed)' })).toBeTruthy();
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
    await renderDrawn(<ThousandLayersFigure load={() => Promise.resolve(file)} />);
    screen.getByText('Final training loss against learning rate');
    const rows = plotRows('Final training loss against learning rate');
    expect(rows).toEqual([
      ['0.01', '0.035', '1: 0.03, 2: 0.04', '0.015', '1: 0.02, 2: 0.01'],
      ['0.05', '0.655', '1: 0.65, 2: 0.66', '0.0215', '1: 0.015, 2: 0.028'],
    ]);
    // The profile names the block inputs it records.
    expect(plotRows('Gradient reaching each block').map((r) => r[0])).toEqual([
      'x₀',
      'x₁',
      'x₂',
      'x₃',
    ]);
  });

  itSaysSoWhenItCannotLoad('the results', (load) => render(<ThousandLayersFigure load={load} />));
});

describe('training it live', () => {
  /** The status's comparison with the precomputed run, over `n` losses. */
  const difference = (n: number) =>
    ` Largest difference from the precomputed batch losses so far: [\\d.e+]+% \\(${n} losses\\)\\.`;

  it('says what happens before step 1, then draws each step with its time, and cancels', async () => {
    const { workers, make: makeWorker, emit } = fakeStudyWorkers(act);
    await renderDrawn(
      <ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />,
    );
    screen.getByText('Training loss at 3 blocks');
    pick('Learning rate', '0.01');
    fireEvent.click(screen.getByRole('button', { name: 'Train it live (3 blocks, 3 steps)' }));
    const sent = workers[0]!.sent[0]!;
    if (sent.type !== 'thousand-layers') throw new Error('expected a deep pair');
    expect(sent.steps).toBe(3);
    expect(
      sent.pair.configs.map((c) => [c.order, c.optimizer, c.learningRate, c.seed, c.blocks]),
    ).toEqual([
      ['post', 'momentum', 0.01, 1, 3],
      ['pre', 'momentum', 0.01, 1, 3],
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
    // At the precomputed depth the status also says how far the reader's losses are from the
    // precomputed ones (this fake worker's are far off), over every loss so far. The first
    // step's time says nothing of the rest (it compiles the kernels): no time left yet.
    expect(status()).toMatch(
      new RegExp(
        `^Step 1 of 3, learning rate 0.01, seed 1 · first step 6\\.0 s\\.${difference(2)}$`,
      ),
    );
    emit({ type: 'deep-step', step: 1, steps: 3, losses: [100, 0.9], ms: 1200 });
    expect(status()).toMatch(
      new RegExp(`^Step 2 of 3, learning rate 0.01, seed 1 · 1\\.2 s a step\\.${difference(4)}$`),
    );
    // Shipped curves of both orders, and the reader's, in their own columns.
    const title = 'Training loss at 3 blocks';
    expect(plotColumns(title)).toEqual([
      'step',
      'original',
      'pre-activation',
      'your run, original',
      'your run, pre-activation',
    ]);
    expect(plotRows(title)[1]).toEqual(['1', '0.7', '0.7', '100', '0.9']);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    expect(status()).toMatch(
      new RegExp(`^Cancelled after 2 steps; the curves so far stay.${difference(4)}$`),
    );
  });

  it('shows a finished run’s profiles beside the shipped ones, and hides it under another rate or seed', async () => {
    const { make: makeWorker, emit } = fakeStudyWorkers(act);
    await renderDrawn(
      <ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Train it live/ }));
    emit({ type: 'deep-step', step: 0, steps: 1, losses: [14.5, 1], ms: 6000 });
    emit({
      type: 'deep-done',
      traces: [trace('momentum', 0.05, 'post', 1, 0.6), trace('momentum', 0.05, 'pre', 1, 0.02)],
      ms: 7000,
    });
    expect(status()).toMatch(
      /^Done: 1 step on an unknown backend\. Your run is drawn in the darker/,
    );
    expect(status()).toMatch(
      /Your run's training loss on the whole training set after 1 step: original 0\.600, pre-activation 0\.020\.$/,
    );
    const profile = 'Gradient reaching each block';
    const yours = ['your run, original, last step', 'your run, pre-activation, last step'];
    expect(plotColumns(profile).slice(-2)).toEqual(yours);
    expect(plotRows(profile)[3]!.slice(-2)).toEqual(['0.05', '0.05']);
    pick('Learning rate', '0.01');
    expect(plotColumns(profile)).not.toContain(yours[0]);
    expect(plotColumns('Training loss at 3 blocks')).not.toContain('your run, original');
    expect(status()).toContain(
      '(trained with SGD with momentum 0.9 at 0.05, seed 1: pick them to see it)',
    );
    expect(status()).not.toContain("Your run's training loss");
    pick('Learning rate', '0.05');
    expect(plotColumns(profile)).toContain(yours[0]);
    pick('Seed', '2');
    expect(plotColumns(profile)).not.toContain(yours[0]);
  });

  it('trains a smaller depth by default, as a configuration of its own, with the time left', async () => {
    const { make: makeWorker, emit, job } = fakeStudyWorkers(act);
    render(
      <ThousandLayersFigure
        load={() => Promise.resolve(fileAt(500, 150))}
        makeWorker={makeWorker}
      />,
    );
    await screen.findByText('Training loss at 500 blocks');
    const depth = screen.getByLabelText('Depth of your run') as HTMLSelectElement;
    expect(depth.value).toBe('100');
    expect([...depth.options].map((o) => o.text)).toEqual([
      '500 blocks (precomputed)',
      '100 blocks',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Train it live (100 blocks, 150 steps)' }));
    expect(job('thousand-layers').pair.configs.map((c) => c.blocks)).toEqual([100, 100]);
    emit({ type: 'deep-phase', phase: 'building', backend: 'wasm' });
    expect(status()).toMatch(/^Building two nets of 100 blocks \(202 weight layers each\)/);
    emit({ type: 'deep-step', step: 0, steps: 150, losses: [3, 0.9], ms: 6000 });
    emit({ type: 'deep-step', step: 1, steps: 150, losses: [2, 0.8], ms: 250 });
    // Two steps after the first timed, 0.3 s a step on average: 147 steps take about 44 s.
    emit({ type: 'deep-step', step: 2, steps: 150, losses: [1, 0.7], ms: 350 });
    const newConfiguration =
      ' 100 blocks is a new configuration: the precomputed runs are at 500 blocks, so there is ' +
      'nothing to compare it with.';
    expect(status()).toBe(
      `Step 3 of 150, learning rate 0.05, seed 1 · 0.3 s a step · about 45 s left.${newConfiguration}`,
    );
    // The time left follows the pace of the latest ten steps, not of the slower first ones.
    for (let step = 3; step < 13; step++)
      emit({ type: 'deep-step', step, steps: 150, losses: [1, 0.7], ms: 100 });
    expect(status()).toMatch(
      /^Step 13 of 150, learning rate 0.05, seed 1 · 0\.1 s a step · about 15 s left\./,
    );
    // The plot says that the reader's run is at another depth, and draws it in its own columns.
    const title = 'Training loss at 500 blocks (your run: 100 blocks)';
    expect(plotColumns(title).slice(-2)).toEqual([
      'your run, original',
      'your run, pre-activation',
    ]);
    expect(
      plotRows(title)
        .map((r) => r.slice(-2))
        .slice(0, 4),
    ).toEqual([
      ['3', '0.9'],
      ['2', '0.8'],
      ['1', '0.7'],
      ['1', '0.7'],
    ]);
    emit({
      type: 'deep-done',
      traces: [trace('momentum', 0.05, 'post', 1, 0.6), trace('momentum', 0.05, 'pre', 1, 0.02)],
      ms: 7000,
    });
    expect(status()).toContain(newConfiguration);
    expect(status()).not.toContain('Largest difference');
    // The profiles share the axis at the same fractions of each depth: x₅ of 500 beside x₁ of 100.
    const profile = 'Gradient reaching each block (your run: 100 blocks)';
    expect(
      plotRows(profile)
        .map((r) => r[0])
        .slice(0, 2),
    ).toEqual(['x₀ · x₀', 'x₅ · x₁']);
    expect(plotColumns(profile)).toContain('your run, original, last step');

    // At the precomputed depth the run repeats the shipped one, and the status compares them.
    pick('Depth of your run', '500');
    fireEvent.click(screen.getByRole('button', { name: 'Train it live (500 blocks, 150 steps)' }));
    expect(job('thousand-layers').pair.configs.map((c) => c.blocks)).toEqual([500, 500]);
    emit({ type: 'deep-step', step: 0, steps: 150, losses: [1, 0.7], ms: 6000 });
    expect(status()).toMatch(new RegExp(`${difference(2)}$`));
    expect(screen.getByText('Training loss at 500 blocks')).toBeTruthy();
  });
});
