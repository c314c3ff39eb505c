// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { PathGradients, PathsFile, PathsRun } from '../../../model/studies/paths/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';
import { PathGradientFigure } from './PathGradientFigure';

afterEach(cleanup);

/** A measurement of a 2-block net whose lengths deliver ‖G_k‖ = norms[k], one path perPath[k]. */
const measured = (norms: number[], perPath: number[]): PathGradients => ({
  rows: norms.map((norm, k) => ({ k, norm, along: 0, perPath: perPath[k]!, sampled: 1 })),
  gradientNorm: 1,
  sumError: 0,
});

const run = (
  seed: number,
  branchScale: number,
  init: [number[], number[]],
  trained: [number[], number[]],
): PathsRun => ({
  seed,
  branchScale,
  init: measured(...init),
  trained: measured(...trained),
  testError: 0,
});

const file: PathsFile = {
  command: 'npm run sweep -- --paths',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'circles', blocks: 2, order: 'pre', branchScale: 0.15 }),
    branchScales: [0.15, 1],
    seeds: [1, 2],
    heldOutSeeds: [3],
    exact: true,
    samples: 16,
  },
  runs: [
    run(
      1,
      0.15,
      [
        [1, 2, 1],
        [0.4, 0.2, 0.1],
      ],
      [
        [3, 1, 0],
        [0.5, 0.1, 0.02],
      ],
    ),
    run(
      1,
      1,
      [
        [1, 1, 2],
        [0.4, 0.3, 0.2],
      ],
      [
        [1, 3, 0],
        [0.5, 0.2, 0.1],
      ],
    ),
    run(
      2,
      0.15,
      [
        [2, 1, 1],
        [0.3, 0.3, 0],
      ],
      [
        [1, 1, 2],
        [0.6, 0.2, 0.1],
      ],
    ),
    run(
      2,
      1,
      [
        [1, 1, 1],
        [0.3, 0.3, 0.3],
      ],
      [
        [1, 1, 1],
        [0.6, 0.2, 0.2],
      ],
    ),
    run(
      3,
      0.15,
      [
        [1, 1, 1],
        [0.3, 0.3, 0.3],
      ],
      [
        [1, 1, 1],
        [0.6, 0.2, 0.2],
      ],
    ),
    run(
      3,
      1,
      [
        [1, 1, 1],
        [0.3, 0.3, 0.3],
      ],
      [
        [1, 1, 1],
        [0.6, 0.2, 0.2],
      ],
    ),
  ],
};

const SHARES = 'Where the paths are, and where the gradient is';
const PER_PATH = 'Gradient carried by one path (sampled)';

describe('the path-length figure', () => {
  it('draws the chosen net: path shares, exact gradient shares and the per-path gradient', async () => {
    await renderDrawn(<PathGradientFigure load={() => Promise.resolve(file)} />);
    screen.getByText(SHARES);
    // Paths 1/4, 2/4, 1/4; seed 1 at 0.15: lengths 1, 2, 1 at init, 3, 1, 0 trained.
    expect(plotRows(SHARES)).toEqual([
      ['0', '0.25', '0.25', '0.75'],
      ['1', '0.5', '0.5', '0.25'],
      ['2', '0.25', '0.25', '0'],
    ]);
    expect(plotRows(PER_PATH)[2]).toEqual(['2', '0.1', '0.02']);
    // Mean lengths (0·1 + 1·2 + 2·1)/4 = 1 and 1/4; magnitudes 4 against a gradient of norm 1;
    // single paths 0.4 + 2·0.2 + 0.1 = 0.9 and 0.5 + 2·0.1 + 0.02 = 0.72; per block ×0.5, ×0.2.
    expect(screen.getByTestId('paths-readout').textContent).toBe(
      'Seed 1, branch scale 0.15: paths of at most 0 blocks (25% of all paths) carry 25% of ' +
        "the lengths' summed gradient sizes at initialisation and 75% after training; weighted " +
        'by gradient, the mean path is 1.0 blocks long before training and 0.3 after. Added as ' +
        "magnitudes, the lengths' exact gradients come to 4.0 times the gradient at " +
        'initialisation and 4.0 times ' +
        "after training, the sampled single paths' to 0.9 and 0.7 times. One more block " +
        "multiplies a path's gradient by about 0.50 at initialisation and 0.20 after training.",
    );
    fireEvent.change(screen.getByLabelText('Branch scale'), { target: { value: '1' } });
    expect(plotRows(SHARES)[2]).toEqual(['2', '0.25', '0.5', '0']);
    expect(screen.getByTestId('paths-readout').textContent).toMatch(/^Seed 1, branch scale 1:/);
    fireEvent.change(screen.getByLabelText('Branch scale'), { target: { value: '0.15' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    // A path whose product underflowed to exactly 0 says so in the table.
    expect(plotRows(PER_PATH)[2]).toEqual(['2', '0', '0.1']);
    const caption = shippedCaption('path-gradients');
    expect(caption).toContain('branches scaled by 0.15 or 1');
    expect(caption).toContain('the gradient of each length exactly');
  });

  itSaysSoWhenItCannotLoad('the study', (load) => render(<PathGradientFigure load={load} />));
});

describe('measuring the paths yourself', () => {
  it('runs the chosen net in a worker with progress, draws it with circles, and cancels', async () => {
    const { workers, make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<PathGradientFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Branch scale'), { target: { value: '1' } });
    const button = { name: 'Measure it yourself (seed 2, 2 blocks, branch scale 1)' };
    fireEvent.click(screen.getByRole('button', button));
    expect(job('paths').spec).toMatchObject({
      seeds: [2],
      heldOutSeeds: [],
      branchScales: [1],
      base: { blocks: 2 },
    });
    const status = () => screen.getByTestId('paths-status').textContent;
    const bar = () => screen.getByLabelText('Path-length study progress');
    const measuring = {
      type: 'paths-progress',
      seed: 2,
      branchScale: 1,
      done: 0,
      total: 1,
    } as const;
    // A 2-block net reports 5 steps: 2 blocks of the exact pass, then 3 lengths.
    emit({ ...measuring, progress: { phase: 'init', done: 1, total: 5 } });
    expect(status()).toBe(
      'Measuring the paths at initialisation (seed 2, 2 blocks, branch scale 1): exact sums, block 1 of 2',
    );
    emit({ ...measuring, progress: { phase: 'trained', done: 4, total: 5 } });
    expect(status()).toBe(
      'Measuring the paths after training (seed 2, 2 blocks, branch scale 1): sampled paths, length 1 of 2',
    );
    emit({ ...measuring, progress: { phase: 'training', step: 150, steps: 300 } });
    expect(status()).toBe('Training the net (seed 2, 2 blocks, branch scale 1): step 150 of 300');
    expect(bar().getAttribute('value')).toBe('0.5');
    emit({
      type: 'paths-run',
      run: run(
        2,
        1,
        [
          [1, 1, 1],
          [0.3, 0.3, 0.3],
        ],
        [
          [1, 1, 1],
          [0.9, 0.1, 0.1],
        ],
      ),
      done: 1,
      total: 1,
    });
    emit({ type: 'paths-done', ms: 10 });
    // The same gradient shares as the precomputed net's (its sampled single paths differ).
    expect(status()).toBe(
      'Done: seed 2, 2 blocks, branch scale 1. Your run is drawn with circles. Largest ' +
        'difference from the precomputed run, over its 6 gradient shares: 0.',
    );
    expect(plotRows(PER_PATH)[0]).toEqual(['0', '0.3', '0.6', '0.3', '0.9']);
    // Drawn under its own net only.
    fireEvent.change(screen.getByLabelText('Branch scale'), { target: { value: '0.15' } });
    expect(plotRows(PER_PATH)[0]).toHaveLength(3);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Measure it yourself (seed 2, 2 blocks, branch scale 0.15)',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled.');
  });

  it('measures another depth beside the precomputed net, with its own share of paths', async () => {
    const { make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<PathGradientFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    const depth = screen.getByLabelText('Depth (blocks)') as HTMLSelectElement;
    expect([...depth.options].map((o) => o.textContent)).toEqual([
      '2 (precomputed)',
      '8',
      '16',
      '24',
      '32',
    ]);
    // An 8-block net: the tests' precomputed study has 2 blocks.
    fireEvent.change(depth, { target: { value: '8' } });
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Measure it yourself (seed 1, 8 blocks, branch scale 0.15)',
      }),
    );
    expect(job('paths').spec).toMatchObject({ base: { blocks: 8 }, branchScales: [0.15] });
    const ones = Array.from({ length: 9 }, () => 1);
    emit({ type: 'paths-run', run: run(1, 0.15, [ones, ones], [ones, ones]), done: 1, total: 1 });
    emit({ type: 'paths-done', ms: 10 });
    expect(screen.getByTestId('paths-status').textContent).toBe(
      'Done: seed 1, 8 blocks, branch scale 0.15. Your run is drawn with circles. A new ' +
        'configuration: there is no precomputed run to compare it with.',
    );
    const plot = screen.getByText(SHARES).closest('figure')!;
    expect([...plot.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'path length (blocks)',
      'paths',
      'gradient at initialisation',
      'gradient after training',
      'paths, your run',
      'gradient at initialisation, your run',
      'gradient after training, your run',
    ]);
    expect(plot.querySelector('.plot-note')?.textContent).toBe(
      'Your run has 8 blocks, a depth not precomputed; the precomputed run has 2.',
    );
    // C(8, 4)/2⁸ of the paths are 4 blocks long; each length carries a ninth of the gradient.
    expect(plotRows(SHARES)[4]).toEqual(['4', '—', '—', '—', '0.273', '0.111', '0.111']);
    expect(plot.querySelectorAll('[data-series$="-live"] .plot-markers')).toHaveLength(3);
  });
});
