// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEGRADATION_SPEC,
  type SweepArm,
  type SweepFile,
  type SweepPoint,
  type SweepSpec,
} from '../../model/sweep-spec';
import { DegradationFigure } from './DegradationFigure';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { itSaysSoWhenItCannotLoad, shippedCaption } from './figureTestHelpers';

afterEach(cleanup);

/** A point of seed 1 that did not diverge; `accuracy` is its training and its test accuracy. */
function point(
  arm: SweepArm,
  blocks: number,
  trainLoss: number,
  accuracy: number,
  curve: number[],
): SweepPoint {
  return {
    arm,
    blocks,
    seed: 1,
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
  spec: { ...DEGRADATION_SPEC, depths: [2, 32], seeds: [1] },
  points: [
    point('plain', 2, 0.02, 1, [0.7, 0.1]),
    point('residual', 2, 0.02, 1, [0.7, 0.1]),
    point('plain', 32, 0.69, 0.5, [0.7, 0.69]),
    point('residual', 32, 0.03, 1, [0.7, 0.05]),
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
    const caption = shippedCaption('degradation');
    expect(caption).toContain('Adam at learning rate 0.003');
    expect(caption).toContain('batch norm in inference mode');
    // Two arms × two depths of dots in the loss and accuracy plots.
    expect(document.querySelectorAll('.plot-dot')).toHaveLength(8);
  });

  itSaysSoWhenItCannotLoad('the results', (load) => render(<DegradationFigure load={load} />));
});

describe('running the sweep yourself', () => {
  it('starts a worker with the live spec, shows progress and hollow points, and cancels', async () => {
    const { workers, make: makeWorker, emit, job } = fakeSweepWorkers(act);
    render(<DegradationFigure load={() => Promise.resolve(file)} makeWorker={makeWorker} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run it yourself' }));
    const { spec } = job('sweep');
    expect(spec.depths).toEqual([1, 4, 16, 32]);
    expect(spec.seeds).toEqual([1]);
    expect(spec.base).toMatchObject({ optimizer: 'adam', learningRate: 0.003, steps: 400 });

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
