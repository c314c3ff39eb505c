// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OptimizerName } from '../../../model/engine/config';
import {
  DEGRADATION_SPEC,
  type SweepArm,
  type SweepFile,
  type SweepPoint,
  type SweepSpec,
} from '../../../model/studies/degradation/spec';
import { DegradationFigure } from './DegradationFigure';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';

afterEach(cleanup);

/** A point that did not diverge; `accuracy` is its training and its test accuracy. */
function point(
  arm: SweepArm,
  blocks: number,
  trainLoss: number,
  accuracy: number,
  curve: number[],
  optimizer: OptimizerName = 'adam',
  seed = 1,
): SweepPoint {
  return {
    arm,
    blocks,
    seed,
    optimizer,
    trainLoss,
    trainAccuracy: accuracy,
    testAccuracy: accuracy,
    diverged: false,
    divergedAtStep: null,
    curve,
  };
}

const file: SweepFile = {
  command: 'npm run sweep',
  fingerprint: 'x',
  backend: 'wasm',
  spec: { ...DEGRADATION_SPEC, depths: [2, 32], seeds: [1], heldOutSeeds: [2] },
  points: [
    point('plain', 2, 0.02, 1, [0.7, 0.1]),
    point('residual', 2, 0.02, 1, [0.7, 0.1]),
    point('plain', 32, 0.69, 0.5, [0.7, 0.69]),
    point('residual', 32, 0.03, 1, [0.7, 0.05]),
    point('plain', 2, 0.04, 1, [0.7, 0.1], 'adam', 2),
    point('residual', 2, 0.05, 1, [0.7, 0.1], 'adam', 2),
    point('plain', 32, 0.68, 0.5, [0.7, 0.69], 'adam', 2),
    point('residual', 32, 0.06, 1, [0.7, 0.05], 'adam', 2),
    point('plain', 2, 0.1, 0.9, [0.7, 0.2], 'momentum'),
    point('residual', 2, 0.11, 0.9, [0.7, 0.2], 'momentum'),
    { ...point('plain', 32, 0.75, 0.5, [0.7], 'momentum'), diverged: true, divergedAtStep: 1 },
    point('residual', 32, 0.12, 0.9, [0.7, 0.2], 'momentum'),
  ],
};

const LOSS = 'Final training loss against depth';
/** The loss plot's rows: blocks, plain median, plain by seed, residual median, by seed. */
const lossRows = () => plotRows(screen.getByText(new RegExp(`^${LOSS}`)).textContent!);

describe('the degradation figure', () => {
  it('draws the shipped sweep and names its configuration and where it comes from', async () => {
    await renderDrawn(<DegradationFigure load={() => Promise.resolve(file)} />);
    expect(screen.getByText(`${LOSS}, Adam at 0.003`)).toBeTruthy();
    expect(screen.getByText('Final training accuracy against depth, Adam at 0.003')).toBeTruthy();
    expect(
      screen.getByText(
        'Training loss of a shallow and a deep plain net, and a residual net as deep, Adam at 0.003, seed 1',
      ),
    ).toBeTruthy();
    const caption = shippedCaption('degradation');
    expect(caption).toContain('Adam at 0.003 or SGD with momentum 0.9 at 0.01');
    expect(caption).toContain('seed 1 (held out to check the claims: seed 2)');
    expect(caption).toContain('batch norm in inference mode');
    // Two arms × two depths of dots in the loss and accuracy plots.
    expect(document.querySelectorAll('.plot-dot')).toHaveLength(8);
    expect(lossRows()).toEqual([
      ['2', '0.02', '1: 0.02', '0.02', '1: 0.02'],
      ['32', '0.69', '1: 0.69', '0.03', '1: 0.03'],
    ]);
  });

  it('shows the optimizer and the seeds the reader picks, held-out seeds marked', async () => {
    await renderDrawn(<DegradationFigure load={() => Promise.resolve(file)} />);
    const optimizer = screen.getByLabelText('Optimiser shown') as HTMLSelectElement;
    expect([...optimizer.options].map((o) => o.textContent)).toEqual([
      'Adam at 0.003',
      'SGD with momentum 0.9 at 0.01',
    ]);
    fireEvent.change(optimizer, { target: { value: 'momentum' } });
    expect(screen.getByText(`${LOSS}, SGD with momentum 0.9 at 0.01`)).toBeTruthy();
    expect(lossRows()[1]).toEqual([
      '32',
      '0.75',
      '1 (diverged at step 1): 0.75',
      '0.12',
      '1: 0.12',
    ]);
    const seeds = screen.getByLabelText('Seeds shown') as HTMLSelectElement;
    expect([...seeds.options].map((o) => o.textContent)).toEqual(['1', '2 (held out)']);
    fireEvent.change(optimizer, { target: { value: 'adam' } });
    fireEvent.change(seeds, { target: { value: 'held-out' } });
    expect(lossRows()[0]).toEqual(['2', '0.04', '2: 0.04', '0.05', '2: 0.05']);
    expect(
      screen.getByText(/^Training loss of a shallow .*, Adam at 0\.003, seed 2$/),
    ).toBeTruthy();
  });

  itSaysSoWhenItCannotLoad('the results', (load) => render(<DegradationFigure load={load} />));
});

describe('running the sweep yourself', () => {
  it('starts a worker with the live spec, shows progress and hollow points, and cancels', async () => {
    const { workers, make: makeWorker, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(
      <DegradationFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run it yourself' }));
    const { spec } = job('degradation');
    expect(spec.depths).toEqual([1, 4, 16, 32]);
    expect(spec).toMatchObject({
      seeds: [1],
      heldOutSeeds: [],
      optimizers: [{ optimizer: 'adam', learningRate: 0.003 }],
    });
    expect(spec.base).toMatchObject({ optimizer: 'adam', learningRate: 0.003, steps: 400 });

    emit({ type: 'degradation-started', backend: 'wasm', total: 8 });
    emit({
      type: 'degradation-progress',
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
    emit({
      type: 'degradation-point',
      point: { ...file.points[0]!, blocks: 4 },
      done: 3,
      total: 8,
    });
    expect(document.querySelectorAll('.plot-dot[fill="none"]').length).toBe(2);
    // The legend of each plot names the optimizer of the reader's runs.
    expect(screen.getAllByText('plain (your run, Adam at 0.003): median')).toHaveLength(2);

    // A changed setting runs it again, with the shipped sweep's rate for that optimizer, and
    // brings the shipped runs of that optimizer into view.
    fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'momentum' } });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'degradation' });
    expect((workers[1]!.sent[0] as { spec: SweepSpec }).spec.base).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.01,
    });
    expect(screen.getByText(`${LOSS}, SGD with momentum 0.9 at 0.01`)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(screen.getByTestId('sweep-status').textContent).toMatch(/^Cancelled/);
  });
});
