// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SHATTERED_SPEC, type ShatteredFile, type ShatteredRun } from '../../model/shattered-spec';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { plotRows, shippedCaption } from './figureTestHelpers';
import { ShatteredFigure } from './ShatteredFigure';

afterEach(cleanup);

const spec = { ...SHATTERED_SPEC, depths: [1, 8], seeds: [1, 2], points: 4, traceDepths: [8] };

const run = (
  arm: ShatteredRun['arm'],
  depth: number,
  seed: number,
  lag1: number,
  gradient?: number[],
): ShatteredRun => ({ arm, depth, seed, lag1, ...(gradient ? { gradient } : {}) });

const file: ShatteredFile = {
  command: 'npm run sweep -- --shattered',
  fingerprint: 'x',
  backend: 'wasm',
  spec,
  runs: [1, 2].flatMap((seed) => [
    run('plain', 1, seed, 0.98),
    run('plain', 8, seed, 0.05 * seed, [1, -1, 1, -1]),
    run('residual', 1, seed, 0.97),
    run('residual', 8, seed, 0.8, [1, 2, 3, 4]),
  ]),
};

const LAG = 'How rough the gradient is, against depth';

describe('the shattered-gradients figure', () => {
  it('draws r₁ against depth for every seed and the gradient at the depth picked', async () => {
    render(<ShatteredFigure load={() => Promise.resolve(file)} />);
    await screen.findByText(LAG);
    expect(plotRows(LAG)).toEqual([
      ['1', '0.98', 'seed 1: 0.98, seed 2: 0.98', '0.97', 'seed 1: 0.97, seed 2: 0.97'],
      ['8', '0.075', 'seed 1: 0.05, seed 2: 0.1', '0.8', 'seed 1: 0.8, seed 2: 0.8'],
    ]);
    // Each curve divided by its RMS: [1,-1,1,-1] stays; [1,2,3,4] / √7.5.
    const trace = plotRows('Gradient along the line, 8 blocks');
    expect(trace[0]).toEqual(['0', '1', '0.365']);
    expect(trace[3]).toEqual(['1', '-1', '1.46']);
    // No shipped curve at 1 block: the figure says how to get one.
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '1' } });
    expect(screen.getByTestId('shattered-no-trace').textContent).toContain(
      'The precomputed results keep the whole gradient at 8 blocks only',
    );
    expect(shippedCaption('shattered')).toContain('residual branches scaled by 0.25');
  });
});

describe('measuring the gradients yourself', () => {
  it('measures the chosen seed with the depth picked, draws it, and cancels', async () => {
    const { workers, make, emit, job } = fakeSweepWorkers(act);
    render(<ShatteredFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(await screen.findByLabelText('Depth (blocks)'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Measure it yourself (seed 1, 1 block)' }));
    const { spec } = job('shattered');
    expect(spec.seeds).toEqual([1]);
    expect(spec.traceDepths).toEqual([1]);
    const status = () => screen.getByTestId('shattered-status').textContent;
    emit({ type: 'shattered-progress', done: 1, total: 4 });
    expect(status()).toBe('Measuring seed 1: 1 of 4 nets');
    emit({
      type: 'shattered-done',
      runs: [
        run('plain', 1, 1, 0.9, [0, 1, 0, 1]),
        run('plain', 8, 1, 0.1),
        run('residual', 1, 1, 0.95, [1, 1, 2, 2]),
        run('residual', 8, 1, 0.7),
      ],
      ms: 5,
    });
    expect(status()).toMatch(/^Done: seed 1, whole gradient at 1 block\./);
    expect(plotRows('Gradient along the line, 1 block')).toHaveLength(4);
    expect(plotRows(LAG)[1]).toContain('seed 1: 0.7');
    fireEvent.click(screen.getByRole('button', { name: 'Measure it yourself (seed 1, 1 block)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled.');
  });
});
