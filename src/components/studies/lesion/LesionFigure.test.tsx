// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { LesionFile, LesionRun } from '../../../model/studies/lesion/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import {
  itSaysSoWhenItCannotLoad,
  plotRows,
  shippedCaption,
  renderDrawn,
} from '../../../../tests/support/figureTestHelpers';
import { LesionFigure } from './LesionFigure';

afterEach(cleanup);

const run = (arm: LesionRun['arm'], seed: number, single: number[]): LesionRun => ({
  arm,
  seed,
  result: { intact: 0.01 * seed, single, random: [{ k: 1, errors: [0.1, 0.3] }] },
});

const file: LesionFile = {
  command: 'npm run sweep -- --lesion',
  fingerprint: 'x',
  backend: 'wasm',
  spec: {
    base: parseConfig({ dataset: 'circles', blocks: 2, activation: 'sigmoid', branchScale: 0.15 }),
    seeds: [1, 2],
    heldOutSeeds: [3],
    draws: 2,
    kMax: 1,
  },
  runs: [
    run('plain', 1, [0.5, 0.45]),
    run('residual', 1, [0.02, 0.03]),
    run('plain', 2, [0.48, 0.5]),
    run('residual', 2, [0.04, 0.06]),
    run('plain', 3, [0.47, 0.5]),
    run('residual', 3, [0.05, 0.06]),
  ],
};

describe('the lesion figure', () => {
  it('draws the shipped study of the chosen seed and names its configuration', async () => {
    await renderDrawn(<LesionFigure load={() => Promise.resolve(file)} />);
    screen.getByText('Test error with one block deleted');
    expect(plotRows('Test error with one block deleted')).toEqual([
      ['1', '0.5', '0.02'],
      ['2', '0.45', '0.03'],
    ]);
    // k = 0 is the intact net; k = 1 the mean over the draws.
    expect(plotRows('Test error with k random blocks deleted')).toEqual([
      ['0', '0.01', '0.01'],
      ['1', '0.2', '0.2'],
    ]);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    expect(plotRows('Test error with one block deleted')[0]).toEqual(['1', '0.48', '0.04']);
    // The held-out seed is offered too, and says so.
    const options = [...(screen.getByLabelText('Seed') as HTMLSelectElement).options];
    expect(options.map((o) => o.textContent)).toEqual(['1', '2', '3 (held out)']);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '3' } });
    expect(plotRows('Test error with one block deleted')[0]).toEqual(['1', '0.47', '0.05']);
    expect(shippedCaption('lesion')).toContain('residual branches scaled by 0.15');
  });

  itSaysSoWhenItCannotLoad('the study', (load) => render(<LesionFigure load={load} />));
});

describe('running the lesion study yourself', () => {
  it('trains the chosen seed in a worker with progress, draws it with markers, and cancels', async () => {
    const { workers, make, emit, job } = fakeStudyWorkers(act);
    let ms = 0;
    await renderDrawn(
      <LesionFigure load={() => Promise.resolve(file)} makeWorker={make} now={() => ms} />,
    );
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run it yourself (seed 2, 2 blocks)' }));
    expect(job('lesion').spec).toMatchObject({ seeds: [2], heldOutSeeds: [] });
    const status = () => screen.getByTestId('lesion-status').textContent;
    const training = { type: 'lesion-progress', arm: 'plain', seed: 2, steps: 300 } as const;
    emit({ ...training, step: 30, done: 0, total: 2 });
    // No time left before the pace has been measured for a while.
    expect(status()).toBe(
      'Training the plain net, seed 2, 2 blocks: step 30 of 300 · 0 of 2 nets done',
    );
    // Training is 0.9 of a net's work: 0.36 of a net in 8 s, so the 1.55 left take 34 s.
    ms = 8_000;
    emit({ ...training, step: 150, done: 0, total: 2 });
    expect(status()).toBe(
      'Training the plain net, seed 2, 2 blocks: step 150 of 300 · 0 of 2 nets done · ' +
        'about 35 s left',
    );
    emit({ ...training, step: 300, done: 0, total: 2 });
    expect(status()).toMatch(/^Deleting blocks of the plain net, seed 2, 2 blocks · 0 of 2 nets/);
    emit({ type: 'lesion-run', run: run('plain', 2, [0.5, 0.5]), done: 1, total: 2 });
    expect(plotRows('Test error with one block deleted')[0]).toEqual(['1', '0.48', '0.04', '0.5']);
    // At the precomputed depth there is nothing to note.
    expect(document.querySelector('#lesion .plot-note')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(workers[0]!.terminated).toBe(true);
    // What is done is compared with the precomputed run: 0.5 against 0.48 at block 1.
    expect(status()).toBe(
      'Cancelled: 1 of 2 nets done; those stay. Largest difference from the precomputed run, ' +
        'over its 5 test errors: 0.020.',
    );
    // Under another seed the reader's run is not drawn.
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '1' } });
    expect(plotRows('Test error with one block deleted')[0]).toHaveLength(3);
  });

  it('runs another depth, draws it beside the precomputed study and says it is new', async () => {
    const { make, emit, job } = fakeStudyWorkers(act);
    await renderDrawn(<LesionFigure load={() => Promise.resolve(file)} makeWorker={make} />);
    const depth = screen.getByLabelText('Depth (blocks)') as HTMLSelectElement;
    expect([...depth.options].map((o) => o.textContent)).toEqual([
      '2 (precomputed)',
      '8',
      '16',
      '24',
      '32',
    ]);
    fireEvent.change(depth, { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run it yourself (seed 1, 8 blocks)' }));
    // Half the blocks deleted together at most, as in the precomputed study.
    expect(job('lesion').spec).toMatchObject({ base: { blocks: 8 }, kMax: 4, seeds: [1] });
    const eight = [0.1, 0.2, 0.3, 0.4, 0.5, 0.45, 0.35, 0.25];
    for (const [i, arm] of (['plain', 'residual'] as const).entries())
      emit({ type: 'lesion-run', run: run(arm, 1, eight), done: i + 1, total: 2 });
    emit({ type: 'lesion-done', ms: 10 });
    expect(screen.getByTestId('lesion-status').textContent).toBe(
      'Done: seed 1, 8 blocks. Your run is drawn with circles. A new configuration: there is ' +
        'no precomputed run to compare it with.',
    );
    const title = 'Test error with one block deleted';
    const plot = screen.getByText(title).closest('figure')!;
    // The precomputed curves stay; the reader's, longer, beside them, and the plot says so.
    expect([...plot.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'block deleted',
      'plain (intact: 1.0% error)',
      'residual (intact: 1.0% error)',
      'plain, your run (intact: 1.0% error)',
      'residual, your run (intact: 1.0% error)',
    ]);
    expect(plot.querySelector('.plot-note')?.textContent).toBe(
      'Your run has 8 blocks, a depth not precomputed; the precomputed run has 2.',
    );
    expect(plotRows(title)[7]).toEqual(['8', '—', '—', '0.25', '0.25']);
    expect(plot.querySelectorAll('[data-series$="-live"] .plot-markers')).toHaveLength(2);
  });
});
