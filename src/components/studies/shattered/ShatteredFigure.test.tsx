// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SHATTERED_SPEC,
  type ShatteredFile,
  type ShatteredRun,
} from '../../../model/studies/shattered/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';
import { ShatteredFigure } from './ShatteredFigure';

afterEach(cleanup);

const spec = {
  ...SHATTERED_SPEC,
  depths: [1, 8],
  seeds: [1, 2],
  heldOutSeeds: [3],
  points: 4,
  maxLag: 2,
  traceDepths: [8],
};

/** A run whose r₁ is `r1` (and r₂ half of it). */
const run = (
  branchScale: number | null,
  depth: number,
  seed: number,
  r1: number,
  gradient?: number[],
): ShatteredRun => ({
  arm: branchScale === null ? 'plain' : 'residual',
  branchScale,
  depth,
  seed,
  acf: [1, r1, r1 / 2],
  ...(gradient ? { gradient } : {}),
});

const file: ShatteredFile = {
  command: 'npm run sweep -- --shattered',
  fingerprint: 'x',
  backend: 'wasm',
  spec,
  measures: [],
  runs: [1, 2, 3].flatMap((seed) => [
    run(null, 1, seed, 0.98),
    run(null, 8, seed, 0.05 * seed, seed < 3 ? [1, -1, 1, -1] : undefined),
    run(1, 1, seed, 0.97),
    run(1, 8, seed, 0.5, seed < 3 ? [1, 2, 2, 1] : undefined),
    run(0.25, 1, seed, 0.96),
    run(0.25, 8, seed, 0.8, seed < 3 ? [1, 2, 3, 4] : undefined),
  ]),
};

const LAG = 'How rough the gradient is, against depth';
const ACF = (seed: number) => `Autocorrelation of the gradient along the line, seed ${seed}`;
const TRACE = (depth: string, seed: number) => `Gradient along the line, ${depth}, seed ${seed}`;

describe('the shattered-gradients figure', () => {
  it('draws r₁ against depth on the reported seeds, for plain nets and each branch scale', async () => {
    await renderDrawn(<ShatteredFigure load={() => Promise.resolve(file)} />);
    screen.getByText(LAG);
    // Seed 3 is held out: it checks the claims, the figure reports seeds 1 and 2.
    expect(plotRows(LAG)).toEqual([
      [
        '1',
        '0.98',
        'seed 1: 0.98, seed 2: 0.98',
        '0.97',
        'seed 1: 0.97, seed 2: 0.97',
        '0.96',
        'seed 1: 0.96, seed 2: 0.96',
      ],
      [
        '8',
        '0.075',
        'seed 1: 0.05, seed 2: 0.1',
        '0.5',
        'seed 1: 0.5, seed 2: 0.5',
        '0.8',
        'seed 1: 0.8, seed 2: 0.8',
      ],
    ]);
    const columns = [...screen.getByText(LAG).closest('figure')!.querySelectorAll('thead th')];
    expect(columns.map((c) => c.textContent)).toEqual([
      'blocks',
      'plain: median',
      'plain: by seed',
      'residual ×1: median',
      'residual ×1: by seed',
      'residual ×0.25: median',
      'residual ×0.25: by seed',
    ]);
    expect(shippedCaption('shattered')).toContain('residual branches scaled by 1 or 0.25');
  });

  it('draws the autocorrelation function in one panel per depth, for the seed picked', async () => {
    await renderDrawn(<ShatteredFigure load={() => Promise.resolve(file)} />);
    screen.getByText(ACF(1));
    const panels = [...document.querySelectorAll('#shattered .plot-panel')];
    // Three gradient panels (plain, ×1, ×0.25) at 8 blocks, then one autocorrelation panel per depth.
    expect(panels.map((p) => p.getAttribute('data-panel'))).toEqual([
      'plain',
      'residual-1',
      'residual-0.25',
      'depth-1',
      'depth-8',
    ]);
    expect(panels[4]!.querySelectorAll('.plot-series')).toHaveLength(3);
    expect(plotRows(ACF(1))).toEqual([
      ['0', '1', '1', '1', '1', '1', '1'],
      ['1', '0.98', '0.97', '0.96', '0.05', '0.5', '0.8'],
      ['2', '0.49', '0.485', '0.48', '0.025', '0.25', '0.4'],
    ]);
    const heads = [...screen.getByText(ACF(1)).closest('figure')!.querySelectorAll('thead th')];
    expect(heads.map((c) => c.textContent)).toEqual([
      'lag (points apart)',
      '1 block: plain',
      '1 block: residual ×1',
      '1 block: residual ×0.25',
      '8 blocks: plain',
      '8 blocks: residual ×1',
      '8 blocks: residual ×0.25',
    ]);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(plotRows(ACF(2))[1]).toEqual(['1', '0.98', '0.97', '0.96', '0.1', '0.5', '0.8']);
  });

  it('draws the gradient at the depth picked, one panel per net, and says how to get others', async () => {
    await renderDrawn(<ShatteredFigure load={() => Promise.resolve(file)} />);
    screen.getByText(TRACE('8 blocks', 1));
    // Each curve divided by its RMS: [1,-1,1,-1] stays; [1,2,3,4] / √7.5.
    const trace = plotRows(TRACE('8 blocks', 1));
    expect(trace[0]).toEqual(['0', '1', '0.632', '0.365']);
    expect(trace[3]).toEqual(['1', '-1', '0.632', '1.46']);
    const heads = [
      ...screen.getByText(TRACE('8 blocks', 1)).closest('figure')!.querySelectorAll('thead th'),
    ];
    expect(heads.map((c) => c.textContent)).toEqual([
      'position on the line',
      'plain, r₁ = 0.05: precomputed',
      'residual ×1, r₁ = 0.50: precomputed',
      'residual ×0.25, r₁ = 0.80: precomputed',
    ]);
    // No shipped curve at 1 block: the figure says how to get one.
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '1' } });
    expect(screen.getByTestId('shattered-no-trace').textContent).toContain(
      'The precomputed results keep the whole gradient at 8 blocks only',
    );
  });

  itSaysSoWhenItCannotLoad('its measurements', (load) => render(<ShatteredFigure load={load} />));
});

describe('measuring the gradients yourself', () => {
  it('measures the chosen seed with the depth picked at both scales, draws it, and cancels', async () => {
    const { workers, make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<ShatteredFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(screen.getByLabelText('Depth (blocks)'), { target: { value: '1' } });
    const button = 'Measure it yourself (seed 1, 1 block, ×1 and ×0.25)';
    fireEvent.click(screen.getByRole('button', { name: button }));
    const { spec } = job('shattered');
    expect(spec).toMatchObject({
      seeds: [1],
      heldOutSeeds: [],
      branchScales: [1, 0.25],
      traceDepths: [1],
    });
    const status = () => screen.getByTestId('shattered-status').textContent;
    emit({ type: 'shattered-progress', done: 1, total: 6 });
    expect(status()).toBe('Measuring seed 1: 1 of 6 nets');
    // The nets weigh by depth (d + 1 each): the 1-block plain net is 2 of 2 + 9 + 2 + 9 + 2 + 9.
    const bar = screen.getByLabelText('Shattered-gradients measurement progress');
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(2 / 33, 9);
    emit({
      type: 'shattered-done',
      runs: [
        run(null, 1, 1, 0.9, [0, 1, 0, 1]),
        run(null, 8, 1, 0.1),
        run(1, 1, 1, 0.95, [1, 1, 2, 2]),
        run(1, 8, 1, 0.7),
        run(0.25, 1, 1, 0.96, [1, 2, 2, 3]),
        run(0.25, 8, 1, 0.75),
      ],
      ms: 5,
    });
    // At the precomputed scales every net has a twin: ×1 at 8 blocks differs most (0.7 against 0.5).
    expect(status()).toBe(
      'Done: seed 1, residual branches ×1 and ×0.25, whole gradient at 1 block. Your run is ' +
        'drawn with circles. Largest difference from the precomputed run, over its 18 ' +
        'autocorrelations: 0.20.',
    );
    // Three panels, each with the reader's curve alone (nothing is shipped at 1 block).
    expect(plotRows(TRACE('1 block', 1))).toHaveLength(4);
    expect(plotRows(LAG)[1]).toContain('seed 1: 0.7');
    // Each panel: the precomputed curves, then the reader's.
    expect(plotRows(ACF(1))[1]).toEqual([
      '1',
      '0.98',
      '0.97',
      '0.96',
      '0.9',
      '0.95',
      '0.96',
      '0.05',
      '0.5',
      '0.8',
      '0.1',
      '0.7',
      '0.75',
    ]);
    fireEvent.click(screen.getByRole('button', { name: button }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[1]!.terminated).toBe(true);
    expect(status()).toBe('Cancelled.');
  });

  it('measures another branch scale and draws it beside the precomputed ones', async () => {
    const { make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<ShatteredFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    fireEvent.change(screen.getByLabelText('Residual branch scale'), {
      target: { value: '0.1' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Measure it yourself (seed 1, 8 blocks, ×0.1)' }),
    );
    expect(job('shattered').spec.branchScales).toEqual([0.1]);
    emit({
      type: 'shattered-done',
      runs: [
        run(null, 1, 1, 0.98),
        run(null, 8, 1, 0.05, [1, -1, 1, -1]),
        run(0.1, 1, 1, 0.99),
        run(0.1, 8, 1, 0.9, [1, 2, 3, 3]),
      ],
      ms: 5,
    });
    // The plain nets are the precomputed ones; the nets at ×0.1 are new.
    expect(screen.getByTestId('shattered-status').textContent).toBe(
      'Done: seed 1, residual branches ×0.1, whole gradient at 8 blocks. Your run is drawn with ' +
        'circles. Largest difference from the precomputed run, over the 6 autocorrelations of ' +
        'the nets it shares with yours: 0; your other nets are a new configuration.',
    );
    const lagHeads = [...screen.getByText(LAG).closest('figure')!.querySelectorAll('thead th')];
    expect(lagHeads.map((c) => c.textContent)).toContain('residual ×0.1, your run: by seed');
    const panels = [...document.querySelectorAll('#shattered .plot-panel')];
    expect(panels.map((p) => p.getAttribute('data-panel'))).toEqual([
      'plain',
      'residual-1',
      'residual-0.25',
      'residual-0.1',
      'depth-1',
      'depth-8',
    ]);
    expect(plotRows(ACF(1))[1]!.slice(-2)).toEqual(['0.05', '0.9']);
    // The reader's curves carry markers, in the plots and in the trace's legend.
    const trace = screen.getByText(TRACE('8 blocks', 1)).closest('figure')!;
    expect(trace.querySelectorAll('[data-series$="-live"] .plot-markers')).toHaveLength(2);
    expect(trace.querySelector('.plot-legend')?.textContent).toBe('precomputedyour run');
    expect(trace.querySelectorAll('.plot-legend circle')).toHaveLength(1);
  });
});
