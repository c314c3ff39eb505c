// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import {
  landscapeMeasures,
  type BnStatistics,
  type LandscapeFile,
  type LandscapeRun,
} from '../../../model/studies/landscape/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';
import { LandscapeFigure } from './LandscapeFigure';

afterEach(cleanup);

/**
 * A 3 × 3 slice whose centre is `centre` and whose rim is `rim`; the number of local minima says
 * which slice it is (seed × 100 + blocks, and 1 more for recomputed statistics).
 */
const run = (
  arm: LandscapeRun['arm'],
  seed: number,
  blocks: number,
  statistics: BnStatistics,
  centre: number,
  rim: number,
): LandscapeRun => ({
  arm,
  blocks,
  seed,
  statistics,
  trained: { steps: 25 * seed, loss: 0.08, accuracy: 0.975, reached: true },
  result: {
    grid: 3,
    span: 1,
    losses: [rim, rim, rim, rim, centre, rim, rim, rim, rim],
    centre,
    lowest: { loss: centre, a: 0, b: 0 },
    basin: { belowChance: 1 / 9, rimMedian: rim },
    curvature: {
      radialNegative: 0.5,
      eigenNegative: 0.6,
      localMinima: 100 * seed + blocks + (statistics === 'recomputed' ? 1 : 0),
      scale: 1,
    },
  },
});

const runs = [8, 16].flatMap((blocks) =>
  [1, 2].flatMap((seed) =>
    (['frozen', 'recomputed'] as const).flatMap((s) => [
      run('plain', seed, blocks, s, 0.05, s === 'frozen' ? 1e6 : 2),
      run('residual', seed, blocks, s, 0.01, s === 'frozen' ? 30 : 0.5),
    ]),
  ),
);

const file: LandscapeFile = {
  command: 'npm run sweep -- --landscape',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'circles', branchScale: 0.15, norm: 'batch', steps: 4000 }),
    depths: [8, 16],
    seeds: [1, 2],
    heldOutSeeds: [],
    bnStatistics: ['frozen', 'recomputed'],
    training: { targetLoss: 0.1, checkEvery: 25 },
    grid: 3,
    span: 1,
    rows: 256,
  },
  measures: landscapeMeasures(runs),
  runs,
};

const readout = () => screen.getByTestId('landscape-readout').textContent!;

describe('the loss-landscape figure', () => {
  it('opens on 16 blocks with frozen statistics, and shows the depth, seed and statistics picked', async () => {
    await renderDrawn(<LandscapeFigure load={() => Promise.resolve(file)} />);
    screen.getByText('Plain net, 16 blocks, seed 1, frozen statistics');
    expect(plotRows('Residual net, 16 blocks, seed 1, frozen statistics')).toContainEqual([
      '0',
      '0',
      '0.01',
    ]);
    expect(readout()).toContain(
      'plain: loss 0.05 at the trained net (the lowest point of the grid)',
    );
    expect(readout()).toContain('below chance on 11% of the plane, median 1e6 on its rim');
    expect(readout()).toContain('116 local minima');
    expect(screen.getByTestId('landscape-training').textContent).toContain(
      'residual: trained 25 steps to a training loss of 0.080 (accuracy 98%)',
    );
    fireEvent.change(screen.getByLabelText('Batch-norm statistics'), {
      target: { value: 'recomputed' },
    });
    expect(plotRows('Plain net, 16 blocks, seed 1, recomputed statistics')).toContainEqual([
      '1',
      '1',
      '2',
    ]);
    expect(readout()).toContain('117 local minima');
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(readout()).toContain('209 local minima');
    expect(screen.getByText('Residual net, 8 blocks, seed 2, recomputed statistics')).toBeTruthy();
    const caption = shippedCaption('landscape');
    expect(caption).toContain('3 × 3 grid');
    expect(caption).toContain('trained until its training loss is at most 0.1');
  });

  itSaysSoWhenItCannotLoad('the slices', (load) => render(<LandscapeFigure load={load} />));
});

describe('slicing the landscapes yourself', () => {
  it('trains and slices the chosen seed and depth in a worker, shows the result, and cancels', async () => {
    const { workers, make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<LandscapeFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run it yourself (seed 1, 8 blocks)' }));
    const sentSpec = job('landscape').spec;
    expect([sentSpec.seeds, sentSpec.heldOutSeeds, sentSpec.depths]).toEqual([[1], [], [8]]);
    const status = () => screen.getByTestId('landscape-status').textContent;
    const progress = {
      type: 'landscape-progress',
      arm: 'plain',
      blocks: 8,
      seed: 1,
      slices: 0,
      slicesTotal: 4,
    } as const;
    emit({ ...progress, statistics: null, done: 150, total: 4000 });
    expect(status()).toBe(
      'Training the plain net, seed 1, 8 blocks: step 150 (at most 4000) · 0 of 4 slices done',
    );
    emit({ ...progress, statistics: 'frozen', done: 3, total: 9 });
    expect(status()).toBe(
      "Slicing the plain net's landscape, seed 1, 8 blocks, statistics frozen at the trained net: 3 of 9 points · 0 of 4 slices done",
    );
    emit({
      type: 'landscape-run',
      run: run('plain', 1, 8, 'frozen', 0.07, 1e5),
      done: 1,
      total: 4,
    });
    expect(plotRows('Plain net, 8 blocks, seed 1, frozen statistics, your run')).toContainEqual([
      '0',
      '0',
      '0.07',
    ]);
    // The precomputed slices stay, the reader's beside them, framed.
    expect(screen.getByText('Plain net, 8 blocks, seed 1, frozen statistics')).toBeTruthy();
    expect(screen.getByText('Residual net, 8 blocks, seed 1, frozen statistics')).toBeTruthy();
    expect(
      screen
        .getByText('Plain net, 8 blocks, seed 1, frozen statistics, your run')
        .closest('.plot-yours'),
    ).not.toBeNull();
    // Another depth shows the shipped slices.
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '16' } });
    expect(screen.getByText('Plain net, 16 blocks, seed 1, frozen statistics')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    // The slice done is compared with the precomputed one: its rim is at 1e5, not 1e6.
    expect(status()).toBe(
      'Cancelled: 1 of 4 slices done; those stay. Largest relative difference from the ' +
        'precomputed run, over its 9 losses: 90%.',
    );
  });

  it('slices a depth not precomputed and says it is a new configuration', async () => {
    const { make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<LandscapeFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    const depth = screen.getByLabelText('Depth (blocks)') as HTMLSelectElement;
    expect([...depth.options].map((o) => o.textContent)).toEqual(['4 (live only)', '8', '16']);
    // No duration is promised before a run; what the deepest nets took, in steps, is the file's.
    expect(document.querySelector('#landscape .live-sweep-intro')?.textContent).toMatch(
      /The deeper, the longer: at 16 blocks the plain nets took 25–50 steps to reach the target\.$/,
    );
    fireEvent.change(depth, { target: { value: '4' } });
    expect(screen.getByTestId('landscape-none').textContent).toBe(
      'No precomputed slices at 4 blocks: “Run it yourself” makes them.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run it yourself (seed 1, 4 blocks)' }));
    expect(job('landscape').spec.depths).toEqual([4]);
    const slices = (['frozen', 'recomputed'] as const).flatMap((s) => [
      run('plain', 1, 4, s, 0.04, 1e3),
      run('residual', 1, 4, s, 0.02, 10),
    ]);
    slices.forEach((r, i) => emit({ type: 'landscape-run', run: r, done: i + 1, total: 4 }));
    emit({ type: 'landscape-done', ms: 5 });
    expect(screen.getByTestId('landscape-status').textContent).toBe(
      'Done: seed 1, 4 blocks. Your slices are framed, below any precomputed ones. A new ' +
        'configuration: there is no precomputed run to compare it with.',
    );
    expect(screen.queryByTestId('landscape-none')).toBeNull();
    const title = 'Residual net, 4 blocks, seed 1, frozen statistics, your run';
    expect(screen.getByText(title).closest('.plot-yours')).not.toBeNull();
    expect(plotRows(title)).toContainEqual(['0', '0', '0.02']);
    expect(screen.getByTestId('landscape-training-yours').textContent).toContain(
      'plain: trained 25 steps to a training loss of 0.080 (accuracy 98%) (your run).',
    );
  });
});
