// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../model/config';
import type { PathLengthRow } from '../../model/path-gradients';
import type { PathsFile, PathsRun } from '../../model/paths-spec';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { itSaysSoWhenItCannotLoad, plotRows, shippedCaption } from './figureTestHelpers';
import { PathGradientFigure } from './PathGradientFigure';

afterEach(cleanup);

/** Rows of a 2-block net whose paths carry perPath[k]. */
const rowsOf = (perPath: number[]): PathLengthRow[] =>
  perPath.map((p, k) => ({ k, perPath: p, total: p * [1, 2, 1][k]!, sampled: [1, 2, 1][k]! }));

const run = (seed: number, init: number[], trained: number[]): PathsRun => ({
  seed,
  init: rowsOf(init),
  trained: rowsOf(trained),
  testError: 0,
});

const file: PathsFile = {
  command: 'npm run sweep -- --paths',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'circles', blocks: 2, order: 'pre', branchScale: 0.15 }),
    seeds: [1, 2],
    samples: 16,
  },
  runs: [run(1, [0.4, 0.2, 0.1], [0.5, 0.1, 0.02]), run(2, [0.3, 0.3, 0], [0.6, 0.2, 0.1])],
};

const SHARES = 'Where the paths are, and where the gradient is';
const PER_PATH = 'Gradient carried by one path';

describe('the path-length figure', () => {
  it('draws the chosen seed: path shares, gradient shares and the per-path gradient', async () => {
    render(<PathGradientFigure load={() => Promise.resolve(file)} />);
    await screen.findByText(SHARES);
    // Paths 1/4, 2/4, 1/4; seed 1's totals 0.4, 0.4, 0.1 at init, 0.5, 0.2, 0.02 trained.
    expect(plotRows(SHARES)).toEqual([
      ['0', '0.25', '0.444', '0.694'],
      ['1', '0.5', '0.444', '0.278'],
      ['2', '0.25', '0.111', '0.0278'],
    ]);
    expect(plotRows(PER_PATH)[2]).toEqual(['2', '0.1', '0.02']);
    expect(screen.getByTestId('paths-readout').textContent).toMatch(/^Seed 1: 90% of/);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    // A path whose product underflowed to exactly 0 says so in the table.
    expect(plotRows(PER_PATH)[2]).toEqual(['2', '0', '0.1']);
    expect(shippedCaption('path-gradients')).toContain('branches scaled by 0.15');
  });

  itSaysSoWhenItCannotLoad('the study', (load) => render(<PathGradientFigure load={load} />));
});

describe('measuring the paths yourself', () => {
  it('runs the chosen seed in a worker with progress, draws it dashed, and cancels', async () => {
    const { workers, make, emit, job } = fakeSweepWorkers(act);
    render(<PathGradientFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(await screen.findByLabelText('Seed'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Measure it yourself (seed 2)' }));
    expect(job('paths').spec.seeds).toEqual([2]);
    const status = () => screen.getByTestId('paths-status').textContent;
    const bar = () => screen.getByLabelText('Path-length study progress');
    const measuring = { type: 'paths-progress', seed: 2, done: 0, total: 1 } as const;
    emit({ ...measuring, progress: { phase: 'init', done: 1, total: 3 } });
    expect(status()).toBe('Measuring the paths at initialisation, seed 2: length 1 of 3');
    emit({ ...measuring, progress: { phase: 'training', step: 150, steps: 300 } });
    expect(status()).toBe('Training the net of seed 2: step 150 of 300');
    expect(bar().getAttribute('value')).toBe('1.5');
    emit({ type: 'paths-run', run: run(2, [0.3, 0.3, 0.3], [0.9, 0.1, 0.1]), done: 1, total: 1 });
    emit({ type: 'paths-done', ms: 10 });
    expect(status()).toBe('Done: seed 2. Your run is drawn dashed.');
    expect(plotRows(PER_PATH)[0]).toEqual(['0', '0.3', '0.6', '0.3', '0.9']);
    fireEvent.click(screen.getByRole('button', { name: 'Measure it yourself (seed 2)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled.');
  });
});
