// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEGRADATION_SPEC, type SweepFile, type SweepSpec } from '../../model/sweep-spec';
import { DegradationFigure } from './DegradationFigure';
import { fakeSweepWorkers } from './fakeSweepWorkers';

afterEach(cleanup);

const file: SweepFile = {
  command: 'npm run sweep',
  fingerprint: 'x',
  backend: 'wasm',
  spec: { ...DEGRADATION_SPEC, depths: [2, 32], seeds: [1] },
  points: [
    {
      arm: 'plain',
      blocks: 2,
      seed: 1,
      trainLoss: 0.02,
      trainAccuracy: 1,
      testAccuracy: 1,
      diverged: false,
      divergedAtStep: null,
      curve: [0.7, 0.1],
    },
    {
      arm: 'residual',
      blocks: 2,
      seed: 1,
      trainLoss: 0.02,
      trainAccuracy: 1,
      testAccuracy: 1,
      diverged: false,
      divergedAtStep: null,
      curve: [0.7, 0.1],
    },
    {
      arm: 'plain',
      blocks: 32,
      seed: 1,
      trainLoss: 0.69,
      trainAccuracy: 0.5,
      testAccuracy: 0.5,
      diverged: false,
      divergedAtStep: null,
      curve: [0.7, 0.69],
    },
    {
      arm: 'residual',
      blocks: 32,
      seed: 1,
      trainLoss: 0.03,
      trainAccuracy: 1,
      testAccuracy: 1,
      diverged: false,
      divergedAtStep: null,
      curve: [0.7, 0.05],
    },
  ],
};

describe('the degradation figure', () => {
  it('draws the shipped sweep and names its configuration and where it comes from', async () => {
    render(<DegradationFigure load={() => Promise.resolve(file)} />);
    expect(await screen.findByText('Final training loss against depth')).toBeTruthy();
    expect(screen.getByText('Final training accuracy against depth')).toBeTruthy();
    expect(
      screen.getByText(
        'Training loss of a shallow and a deep plain net, and a residual net as deep',
      ),
    ).toBeTruthy();
    const caption = document.querySelector('#degradation > figcaption')!.textContent!;
    expect(caption).toContain('Adam at learning rate 0.003');
    expect(caption).toContain(
      'Precomputed for this page by the same engine as the labs, on its WebAssembly backend.',
    );
    expect(caption).not.toContain('npm run');
    expect(caption).toContain('batch norm in inference mode');
    // Two arms × two depths of dots in the loss and accuracy plots.
    expect(document.querySelectorAll('.plot-dot')).toHaveLength(8);
  });

  it('says so when the results cannot be loaded', async () => {
    render(<DegradationFigure load={() => Promise.reject(new Error('offline'))} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The figure could not open: offline.',
    );
  });
});

describe('running the sweep yourself', () => {
  it('starts a worker with the live spec, shows progress and hollow points, and cancels', async () => {
    const { workers, make: makeWorker, emit } = fakeSweepWorkers(act);
    render(<DegradationFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run it yourself' }));
    const sent = workers[0]!.sent[0]!;
    if (sent.type !== 'sweep') throw new Error('expected a sweep');
    expect(sent.spec.depths).toEqual([1, 4, 16, 32]);
    expect(sent.spec.seeds).toEqual([1]);
    expect(sent.spec.base).toMatchObject({ optimizer: 'adam', learningRate: 0.003, steps: 400 });

    emit({ type: 'sweep-started', backend: 'wasm', total: 8 });
    emit({
      type: 'sweep-progress',
      arm: 'plain',
      blocks: 4,
      seed: 1,
      step: 200,
      steps: 400,
      done: 2,
      total: 8,
    });
    expect(screen.getByTestId('sweep-status').textContent).toMatch(
      /^Training 4 blocks, plain, seed 1: step 200 of 400 · 2 of 8 runs done/,
    );
    emit({ type: 'sweep-point', point: { ...file.points[0]!, blocks: 4 }, done: 3, total: 8 });
    expect(document.querySelectorAll('.plot-dot[fill="none"]').length).toBe(2);

    // A changed setting runs it again, with the optimizer's own learning rate.
    fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'momentum' } });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'sweep' });
    expect((workers[1]!.sent[0] as { spec: SweepSpec }).spec.base).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.05,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(screen.getByTestId('sweep-status').textContent).toMatch(/^Cancelled/);
  });
});
