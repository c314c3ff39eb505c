// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../model/config';
import type { DeepFile, DeepTrace } from '../../model/deep-spec';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { ThousandLayersFigure } from './ThousandLayersFigure';

afterEach(cleanup);

const trace = (
  optimizer: DeepTrace['optimizer'],
  order: DeepTrace['order'],
  seed: number,
  trainLoss: number,
): DeepTrace => ({
  optimizer,
  order,
  seed,
  loss: [1, 0.7, trainLoss],
  signalStart: [3, 2, 1, 0.5],
  signalEnd: [0.3, 0.2, null, 0.05],
  final: { trainLoss, trainAccuracy: 1, testAccuracy: 1, diverged: false, divergedAtStep: null },
});

const file: DeepFile = {
  command: 'npm run sweep -- --thousand-layers',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'spiral', blocks: 3, width: 32, batchSize: 128, steps: 3 }),
    optimizers: ['momentum', 'adam'],
    seeds: [1, 2],
  },
  traces: [
    trace('momentum', 'post', 1, 0.65),
    trace('momentum', 'pre', 1, 0.015),
    trace('momentum', 'post', 2, 0.66),
    trace('momentum', 'pre', 2, 0.028),
    trace('adam', 'post', 1, 0.05),
    trace('adam', 'pre', 1, 0.04),
  ],
};

const readout = () => screen.getByTestId('deep-readout').textContent;

describe('the thousand-layer figure', () => {
  it('draws the shipped curves and profiles of the chosen optimizer and seed', async () => {
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} />);
    expect(await screen.findByText('Training loss at 3 blocks')).toBeTruthy();
    expect(readout()).toContain('original 0.650, pre-activation 0.015');
    const caption = document.querySelector('#thousand-layers > figcaption')!.textContent!;
    expect(caption).toContain('3 residual blocks (8 weight layers)');
    expect(caption).toContain('SGD with momentum 0.9 at learning rate 0.05');
    expect(caption).toContain(
      'Precomputed for this page by the same engine as the labs, on its WebAssembly backend.',
    );
    expect(caption).not.toContain('npm run');
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(readout()).toContain('original 0.660, pre-activation 0.028');
    fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'adam' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '1' } });
    expect(readout()).toContain('original 0.050, pre-activation 0.040');
    expect(document.querySelector('#thousand-layers > figcaption')!.textContent!).toContain(
      'Adam at learning rate 0.003',
    );
  });

  it('says so when the results cannot be loaded', async () => {
    render(<ThousandLayersFigure load={() => Promise.reject(new Error('offline'))} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The figure could not open: offline.',
    );
  });
});

describe('training it live', () => {
  it('says what happens before step 1, then draws each step with its time, and cancels', async () => {
    const { workers, make: makeWorker, emit } = fakeSweepWorkers(act);
    const status = () => screen.getByTestId('deep-status').textContent;
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    fireEvent.click(await screen.findByRole('button', { name: /Train it live/ }));
    const sent = workers[0]!.sent[0]!;
    if (sent.type !== 'deep') throw new Error('expected a deep pair');
    expect(sent.steps).toBe(3);
    expect(sent.pair.configs.map((c) => [c.order, c.optimizer, c.learningRate, c.seed])).toEqual([
      ['post', 'momentum', 0.05, 1],
      ['pre', 'momentum', 0.05, 1],
    ]);
    expect(status()).toMatch(/^Starting the training worker/);
    // No step yet: the progress bar is indeterminate.
    expect(screen.getByLabelText('Training progress').hasAttribute('value')).toBe(false);

    emit({ type: 'deep-phase', phase: 'building', backend: 'wasm' });
    expect(status()).toBe('Building two nets of 3 blocks (8 weight layers each), seed 1…');
    emit({ type: 'deep-phase', phase: 'training', backend: 'wasm' });
    expect(status()).toMatch(/^Taking the first step/);
    emit({ type: 'deep-step', step: 0, steps: 3, losses: [14.5, 1], ms: 6000 });
    expect(status()).toBe('Step 1 of 3, seed 1 · first step 6.0 s · about 12 s left');
    emit({ type: 'deep-step', step: 1, steps: 3, losses: [100, 0.9], ms: 1200 });
    expect(status()).toBe('Step 2 of 3, seed 1 · 1.2 s a step · about 1 s left');
    // Shipped curves of both orders, and the live ones.
    const table = document.querySelector('#thousand-layers table')!.textContent!;
    expect(table).toContain('original (your run)');
    expect(table).toContain('pre-activation (your run)');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled after 2 steps; the curves so far stay.');
  });

  it('shows a finished run’s profiles, and hides its curves under another seed', async () => {
    const { make: makeWorker, emit } = fakeSweepWorkers(act);
    render(<ThousandLayersFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    fireEvent.click(await screen.findByRole('button', { name: /Train it live/ }));
    emit({ type: 'deep-step', step: 0, steps: 1, losses: [14.5, 1], ms: 6000 });
    emit({
      type: 'deep-done',
      traces: [trace('momentum', 'post', 1, 0.6), trace('momentum', 'pre', 1, 0.02)],
      ms: 7000,
    });
    expect(screen.getByTestId('deep-status').textContent).toMatch(/^Done: 1 steps/);
    expect(screen.getByText('Gradient reaching each block (your run)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(screen.getByText('Gradient reaching each block (precomputed run)')).toBeTruthy();
    expect(screen.getByTestId('deep-status').textContent).toContain('pick them to see it');
  });
});
