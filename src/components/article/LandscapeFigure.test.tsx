// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../model/config';
import type { LandscapeFile, LandscapeRun } from '../../model/landscape-spec';
import { fakeSweepWorkers } from './fakeSweepWorkers';
import { itSaysSoWhenItCannotLoad, plotRows, shippedCaption } from './figureTestHelpers';
import { LandscapeFigure } from './LandscapeFigure';

afterEach(cleanup);

/** A 3 × 3 slice whose centre is `centre` and whose rim is `rim`. */
const run = (
  arm: LandscapeRun['arm'],
  seed: number,
  centre: number,
  rim: number,
): LandscapeRun => ({
  arm,
  seed,
  result: {
    grid: 3,
    span: 1,
    losses: [rim, rim, rim, rim, centre, rim, rim, rim, rim],
    centre,
    curvature: { radialNegative: 0.5, eigenNegative: 0.6, localMinima: 3 * seed, scale: 1 },
  },
});

const file: LandscapeFile = {
  command: 'npm run sweep -- --landscape',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'circles', blocks: 16, branchScale: 0.15, norm: 'batch' }),
    seeds: [1, 2],
    grid: 3,
    span: 1,
    rows: 256,
  },
  runs: [
    run('plain', 1, 0.05, 2),
    run('residual', 1, 0.01, 0.5),
    run('plain', 2, 0.1, 3),
    run('residual', 2, 0.02, 0.4),
  ],
};

describe('the loss-landscape figure', () => {
  it('draws both slices of the chosen seed with their measures', async () => {
    render(<LandscapeFigure load={() => Promise.resolve(file)} />);
    await screen.findByText('Plain net, seed 1');
    expect(plotRows('Residual net, seed 1')).toContainEqual(['0', '0', '0.01']);
    const readout = screen.getByTestId('landscape-readout').textContent!;
    expect(readout).toContain('plain: loss 0.050 at the trained net, 3 local minima');
    expect(readout).toContain('at 50% of points');
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(plotRows('Plain net, seed 2')).toContainEqual(['1', '1', '3']);
    expect(shippedCaption('landscape')).toContain('3 × 3 grid');
  });

  itSaysSoWhenItCannotLoad('the slices', (load) => render(<LandscapeFigure load={load} />));
});

describe('slicing the landscapes yourself', () => {
  it('trains and slices the chosen seed in a worker, shows the result, and cancels', async () => {
    const { workers, make, emit, job } = fakeSweepWorkers(act);
    render(<LandscapeFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run it yourself (seed 1)' }));
    expect(job('landscape').spec.seeds).toEqual([1]);
    const status = () => screen.getByTestId('landscape-status').textContent;
    const progress = {
      type: 'landscape-progress',
      arm: 'plain',
      seed: 1,
      nets: 0,
      netsTotal: 2,
    } as const;
    emit({ ...progress, phase: 'training', done: 150, total: 300 });
    expect(status()).toBe('Training the plain net, seed 1: step 150 of 300 · 0 of 2 nets done');
    emit({ ...progress, phase: 'slicing', done: 3, total: 9 });
    expect(status()).toBe(
      "Slicing the plain net's landscape, seed 1: 3 of 9 points · 0 of 2 nets done",
    );
    emit({ type: 'landscape-run', run: run('plain', 1, 0.07, 1), done: 1, total: 2 });
    expect(screen.getByText('Plain net, seed 1, your run')).toBeTruthy();
    expect(plotRows('Plain net, seed 1, your run')).toContainEqual(['0', '0', '0.07']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled: 1 of 2 nets done; those stay.');
  });
});
