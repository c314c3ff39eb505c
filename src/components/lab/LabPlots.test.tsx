// @vitest-environment jsdom
/**
 * The plots of a twin lab from its RunHistory: one colour scale for both heatmaps (the same
 * colour must mean the same value in A and B), legends that name the quantity shown, the two
 * decision boundaries in one row, and the heatmaps rendered only once "More plots" is opened.
 */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../model/worker/protocol';
import { LabPlots } from './LabPlots';
import { PHONE_QUERY } from './page/phone';
import { RunHistory } from './run/runHistory';
import { precomputedStep0 } from './page/precomputed';
import { precomputedNote } from './ProfilePanel';
import { preset } from '../../model/labs/presets';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A record whose weight gradients are all `g` and signal gradients all `s` (2 blocks). */
function record(step: number, g: number, s: number): RunRecord {
  return {
    step,
    loss: 0.5,
    accuracy: 0.5,
    gradNorms: new Float32Array(6).fill(g),
    signalGradNorms: new Float32Array(3).fill(s),
    activationNorms: new Float32Array(3).fill(1),
    finite: true,
  };
}

/** A twin history: A's gradients are 1e-30, B's 1 (as in the vanishing lab). */
function twinHistory(): RunHistory {
  const h = new RunHistory();
  h.reset(1, 2);
  const layers = ['stem/kernel', 'block1/dense1/kernel', 'block1/dense2/kernel'];
  const points = { x: new Float32Array([0]), y: new Float32Array([0]), label: new Int32Array([0]) };
  h.apply({
    type: 'ready',
    generation: 1,
    backend: 'cpu',
    layers: [layers, layers],
    points: [points, points],
  });
  for (let step = 0; step < 3; step++)
    h.apply({
      type: 'metrics',
      generation: 1,
      records: [record(step, 1e-30, 1e-20), record(step, 1, 0.5)],
    });
  const grid = {
    values: new Float32Array(4).fill(0.5),
    resolution: 2,
    extent: [-1, 1, -1, 1] as [number, number, number, number],
  };
  h.apply({ type: 'boundary', generation: 1, step: 2, grids: [grid, grid] });
  return h;
}

async function renderPlots(view: 'weights' | 'signal') {
  const utils = render(
    <LabPlots
      history={twinHistory()}
      version={1}
      names={['A (plain)', 'B (residual)']}
      view={view}
      labTitle="Lab"
    />,
  );
  // Plots mount one per frame; the heatmaps only once "More plots" is open.
  const frames = async () => {
    for (let i = 0; i < 12; i++)
      await act(async () => void (await vi.advanceTimersByTimeAsync(20)));
  };
  await frames();
  const more = utils.container.querySelector<HTMLDetailsElement>('details.lab-more-plots')!;
  expect(utils.container.querySelector('.plot-color-legend')).toBeNull();
  await act(async () => {
    more.open = true;
    more.dispatchEvent(new Event('toggle'));
  });
  await frames();
  return utils;
}

const legends = (root: HTMLElement) =>
  [...root.querySelectorAll('.plot-color-legend')].map((l) => ({
    label: l.querySelector(':scope > text')?.textContent,
    ticks: [...l.querySelectorAll(':scope > g')]
      .filter((g) => g.querySelector('line'))
      .map((g) => g.textContent),
  }));

describe('LabPlots of a twin lab', () => {
  it('gives both heatmaps one colour scale, named for the weight gradients', async () => {
    const { container } = await renderPlots('weights');
    const [a, b] = legends(container);
    expect(a!.label).toBe('‖∂L/∂W‖ (log colour scale)');
    expect(b!.label).toBe(a!.label);
    expect(a!.ticks).toEqual(b!.ticks);
    // The shared range spans both nets: from A's 1e-30 up to B's 1.
    expect(a!.ticks[0]).toMatch(/10⁻³⁰|10⁻³¹/);
    expect(a!.ticks.at(-1)).toMatch(/10⁰|10¹/);
  });

  it('names the signal gradient in signal view, and puts the boundaries in one row', async () => {
    const { container } = await renderPlots('signal');
    for (const l of legends(container)) expect(l.label).toBe('‖∂L/∂xₗ‖ (log colour scale)');
    const pair = container.querySelector('.lab-plot-pair');
    expect(pair?.querySelectorAll('.lab-plot')).toHaveLength(2);
  });

  it('gives the layer axis a title that fits a phone', async () => {
    const axisTitles = (c: HTMLElement) =>
      [...c.querySelectorAll('text')].map((t) => t.textContent);
    const wide = await renderPlots('weights');
    expect(axisTitles(wide.container)).toContain(
      'weight layer, from the stem (first layer) to the head (classifier)',
    );
    cleanup();
    const original = window.matchMedia;
    window.matchMedia = ((q: string) => ({ matches: q === PHONE_QUERY })) as typeof matchMedia;
    try {
      const phone = await renderPlots('weights');
      expect(axisTitles(phone.container)).toContain('weight layer, stem → head');
    } finally {
      window.matchMedia = original;
    }
  });
});

describe('LabPlots before the first measurement', () => {
  // lab.css gives each count of rows about the panel's final height, so the page does not jump.
  it('holds a place for two rows of plots with 2-D data and one without', () => {
    for (const [boundaries, rows] of [
      [true, '2'],
      [false, '1'],
    ] as const) {
      const { container } = render(
        <LabPlots
          history={new RunHistory()}
          version={0}
          names={['A']}
          view="weights"
          labTitle="Lab"
          boundaries={boundaries}
        />,
      );
      const waiting = container.querySelector('.lab-waiting');
      expect(waiting?.textContent).toBe('Building the network…');
      expect(waiting?.getAttribute('data-rows')).toBe(rows);
      cleanup();
    }
  });
  it('mounts its plots one per animation frame, not all in one task', async () => {
    const { container } = render(
      <LabPlots
        history={twinHistory()}
        version={1}
        names={['A', 'B']}
        view="weights"
        labTitle="Lab"
      />,
    );
    expect(container.querySelectorAll('[role="img"]').length).toBe(1);
    for (let frame = 0; frame < 6; frame++)
      await act(async () => {
        await vi.advanceTimersByTimeAsync(20);
      });
    expect(container.querySelectorAll('[role="img"]').length).toBeGreaterThan(2);
  });

  it('draws a precomputed step 0 at once, marked as such, until the worker’s own replaces it', () => {
    const history = new RunHistory();
    history.reset(1, 1);
    const [seed] = precomputedStep0([preset('vanishing').nets[0]!])!;
    history.seed([seed!]);
    const plots = (version: number, near: boolean) => (
      <LabPlots
        history={history}
        version={version}
        names={['A']}
        view="weights"
        labTitle="Lab"
        near={near}
      />
    );
    const { container, rerender } = render(plots(1, false));
    expect(container.querySelector('.lab-waiting')).toBeNull();
    const profile = () => container.querySelector('.lab-plot');
    expect(profile()?.querySelector('[role="img"]')?.getAttribute('aria-label')).toMatch(
      /per layer at step 0/,
    );
    // The marker: on the panel, under the title, and as the data table's caption.
    expect(profile()?.getAttribute('data-precomputed')).toBe('true');
    expect(profile()?.querySelector('.plot-note')?.textContent).toBe(precomputedNote('idle'));
    expect(profile()?.querySelector('caption')?.textContent).toBe(precomputedNote('idle'));
    rerender(plots(2, true));
    expect(profile()?.querySelector('.plot-note')?.textContent).toBe(precomputedNote('building'));
    expect(precomputedNote('building')).toMatch(/^Step 0, precomputed; the network is being built/);

    // The worker's step 0 arrives: the same panel, unmarked.
    history.apply({
      type: 'ready',
      generation: 1,
      backend: 'wasm',
      layers: [seed!.layers],
      points: [null],
    });
    expect(history.precomputed).toBe(true);
    history.apply({ type: 'metrics', generation: 1, records: [{ ...seed!.record }] });
    rerender(plots(3, true));
    expect(profile()?.hasAttribute('data-precomputed')).toBe(false);
    expect(profile()?.querySelector('.plot-note')).toBeNull();
    expect(profile()?.querySelector('caption')).toBeNull();
  });

  it('holds the decision boundaries’ row until they are drawn', async () => {
    const history = new RunHistory();
    history.reset(1, 2);
    const vanishing = precomputedStep0(preset('vanishing').nets)!;
    history.seed(vanishing);
    const plots = (version: number) => (
      <LabPlots
        history={history}
        version={version}
        names={['A', 'B']}
        view="weights"
        labTitle="Lab"
        boundaries
      />
    );
    const { container, rerender } = render(plots(1));
    for (let i = 0; i < 6; i++) await act(async () => void (await vi.advanceTimersByTimeAsync(20)));
    expect(container.querySelector('.lab-boundaries-waiting')?.getAttribute('data-count')).toBe(
      '2',
    );
    const points = { x: Float32Array.of(0), y: Float32Array.of(0), label: Int32Array.of(0) };
    history.apply({
      type: 'ready',
      generation: 1,
      backend: 'wasm',
      layers: vanishing.map((v) => v.layers),
      points: [points, points],
    });
    const grid = {
      values: new Float32Array(4).fill(0.5),
      resolution: 2,
      extent: [-1, 1, -1, 1] as [number, number, number, number],
    };
    history.apply({ type: 'boundary', generation: 1, step: 1, grids: [grid, grid] });
    rerender(plots(2));
    expect(container.querySelector('.lab-boundaries-waiting')).toBeNull();
    expect(container.querySelectorAll('.lab-plot-pair [role="img"]')).toHaveLength(2);
    // Digits have no boundaries: no row is held.
    cleanup();
    const fresh = new RunHistory();
    fresh.reset(1, 2);
    fresh.seed(vanishing);
    const digits = render(
      <LabPlots history={fresh} version={1} names={['A', 'B']} view="weights" labTitle="Lab" />,
    );
    for (let i = 0; i < 6; i++) await act(async () => void (await vi.advanceTimersByTimeAsync(20)));
    expect(digits.container.querySelectorAll('.lab-plot')).toHaveLength(2);
    expect(digits.container.querySelector('.lab-boundaries-waiting')).toBeNull();
  });

  it('waits with today’s placeholder, its height held, when nothing is precomputed', () => {
    const history = new RunHistory();
    history.reset(1, 2);
    const { container } = render(
      <LabPlots
        history={history}
        version={1}
        names={['A', 'B']}
        view="weights"
        labTitle="Lab"
        boundaries
      />,
    );
    const waiting = container.querySelector('.lab-waiting');
    expect(waiting?.textContent).toBe('Building the network…');
    expect(waiting?.getAttribute('data-rows')).toBe('2');
    expect(container.querySelector('[data-precomputed]')).toBeNull();
  });
});

describe('LabPlots loss axis', () => {
  // The unnormalised lab's A starts near a loss of 70: on a linear axis B's curve lies on zero.
  it('takes a log axis when a loss far above chance would flatten the others', async () => {
    for (const [first, scale] of [
      [70, 'log'],
      [0.7, 'linear'],
    ] as const) {
      const h = twinHistory();
      h.apply({
        type: 'metrics',
        generation: 1,
        records: [{ ...record(3, 1, 1), loss: first }, record(3, 1, 1)],
      });
      const { container } = render(
        <LabPlots history={h} version={2} names={['A', 'B']} view="weights" labTitle="Lab" />,
      );
      for (let i = 0; i < 12; i++)
        await act(async () => void (await vi.advanceTimersByTimeAsync(20)));
      const loss = [...container.querySelectorAll('[aria-label^="Training loss per step"]')];
      expect(loss).toHaveLength(1);
      expect(loss[0]!.getAttribute('aria-label')!.includes('log scale')).toBe(scale === 'log');
      cleanup();
    }
  });
});
