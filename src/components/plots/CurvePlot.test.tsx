// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CurvePlot } from './CurvePlot';
import {
  curveGeometry,
  decimate,
  markerIndices,
  MOST_MARKERS,
  nearestIndex,
} from './geometry/curveGeometry';
import { curveTableRows, MAX_CURVE_ROWS } from './geometry/curveTable';
import { PLOT_COLORS } from './geometry/colors';
import type { CurveSeries } from './types';

afterEach(cleanup);

const steps = Float32Array.from({ length: 101 }, (_, i) => i * 10);
const train: CurveSeries = {
  id: 'train',
  label: 'A train',
  color: PLOT_COLORS.a,
  x: steps,
  y: Float32Array.from(steps, (s) => 2 / (1 + s / 100)),
};
const test: CurveSeries = {
  id: 'test',
  label: 'A test',
  color: PLOT_COLORS.a,
  x: [0, 500, 1000],
  y: [2.1, NaN, 0.3],
  dashed: true,
};

describe('curve geometry', () => {
  it('finds the nearest x and keeps spikes when decimating', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([], 3)).toBe(-1);
    const y = new Float32Array(10000).fill(1);
    y[4321] = 50;
    const idx = decimate(y, 200);
    expect(idx.length).toBeLessThanOrEqual(202);
    expect(idx).toContain(4321);
    expect(idx[idx.length - 1]).toBe(9999);
  });
  it('fits a log y axis to whole decades across series', () => {
    const g = curveGeometry([train, { ...test, y: [1e-32, 1, 1e6] }], 600, 260, 'log');
    expect(g.yDomain).toEqual([1e-32, 1e6]);
    expect(g.yTicks.length).toBeGreaterThan(2);
  });
  it('honours a fixed y domain', () => {
    expect(curveGeometry([train], 600, 260, 'linear', [0, 1]).yDomain).toEqual([0, 1]);
  });
  it('puts exact zeros on a log axis in a strip of their own, labelled 0', () => {
    const underflow: CurveSeries = { ...train, x: [0, 1, 2], y: [1e-3, 1e-20, 0] };
    const g = curveGeometry([underflow], 600, 300, 'log');
    expect(g.zeroBand).toBeGreaterThan(0);
    expect(g.yTicks.at(-1)?.label).toBe('0');
    const floor = g.at(0, 1)!.y;
    const zero = g.at(0, 2)!.y;
    // The smallest positive value sits on the axis; the zero sits below it, in the strip.
    expect(zero).toBeGreaterThan(floor);
    expect(zero).toBeLessThan(g.innerH);
    expect(g.zeros[0]?.match(/M/g)).toHaveLength(1);
    // Without zeros there is no strip.
    expect(curveGeometry([train], 600, 300, 'log').zeroBand).toBe(0);
    // The plot marks the zero hollow, not with the filled end dot.
    const { container } = render(
      <CurvePlot title="per path" series={[underflow]} yLabel="norm" xLabel="k" yScale="log" />,
    );
    expect(container.querySelector('.plot-zero')).not.toBeNull();
    expect(container.querySelector('.plot-end')).toBeNull();
  });
});

describe('CurvePlot', () => {
  it('draws one path per series, breaks at NaN, and labels itself', () => {
    const { container } = render(
      <CurvePlot title="Loss" xLabel="step" yLabel="loss" series={[train, test]} />,
    );
    const paths = container.querySelectorAll('path.plot-line');
    expect(paths).toHaveLength(2);
    expect(paths[1]?.getAttribute('stroke-dasharray')).toBe('5 4');
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/Loss: loss against step/);
    expect(container.querySelectorAll('.plot-mark[tabindex="0"]')).toHaveLength(2);
    // Legend shows both labels.
    expect(container.querySelector('.plot-legend')?.textContent).toContain('A test');
  });
  it('draws a series with markers solid, with hollow circles thinned out on a long curve', () => {
    expect(markerIndices(3)).toEqual([0, 1, 2]);
    const long = markerIndices(101);
    expect(long.length).toBeLessThanOrEqual(MOST_MARKERS);
    expect([long[0], long.at(-1)]).toEqual([0, 100]);
    // The NaN of the test curve gets no marker; its other two points do.
    const mine = { ...test, id: 'mine', label: 'your run', dashed: false, markers: true };
    const { container } = render(
      <CurvePlot title="Loss" xLabel="step" yLabel="loss" series={[train, mine]} />,
    );
    const [plain, marked] = [...container.querySelectorAll('.plot-series')];
    expect(plain?.querySelector('.plot-markers')).toBeNull();
    expect(marked?.querySelector('.plot-markers')?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(marked?.querySelector('.plot-line')?.getAttribute('stroke-dasharray')).toBeNull();
    // The legend's swatch carries the marker too.
    expect(container.querySelectorAll('.plot-legend circle')).toHaveLength(1);
    const many = { ...train, markers: true };
    const g = curveGeometry([many], 600, 260, 'linear');
    expect(g.markers[0]?.match(/M/g)).toHaveLength(markerIndices(101).length);
  });
  it('handles empty series and a single point', async () => {
    const { container, rerender } = render(
      <CurvePlot title="Loss" xLabel="step" yLabel="loss" series={[]} />,
    );
    expect(container.textContent).toContain('No data yet');
    expect(container.querySelectorAll('.plot-mark')).toHaveLength(0);
    rerender(
      <CurvePlot
        title="Loss"
        xLabel="step"
        yLabel="loss"
        series={[{ ...train, x: [0], y: [0.69] }]}
      />,
    );
    expect(container.querySelectorAll('.plot-end')).toHaveLength(1);
    const mark = container.querySelector('.plot-mark') as Element;
    fireEvent.focus(mark);
    expect(container.querySelector('.plot-readout')?.textContent).toContain('0.69');
    fireEvent.click(container.querySelector('details summary') as Element);
    await screen.findByText('0', { selector: 'tbody th' });
    expect(container.querySelectorAll('tbody tr')).toHaveLength(1);
  });
  it('walks along a curve with the arrow keys and reports not-finite values', () => {
    const { container } = render(
      <CurvePlot title="Loss" xLabel="step" yLabel="loss" series={[train, test]} />,
    );
    const mark = container.querySelector('.plot-mark[data-s="1"]') as SVGElement;
    act(() => mark.focus());
    expect(container.querySelector('.plot-readout')?.textContent).toContain('step 1000');
    fireEvent.keyDown(mark, { key: 'ArrowLeft' });
    const readout = container.querySelector('.plot-readout')?.textContent ?? '';
    expect(readout).toContain('step 500');
    expect(readout).toContain('A test: not finite');
    expect(readout).toContain('A train: 0.333');
  });
  it('switches curves at the same step with up and down', () => {
    const { container } = render(
      <CurvePlot title="Loss" xLabel="step" yLabel="loss" series={[train, test]} />,
    );
    const mark = container.querySelector('.plot-mark[data-s="0"]') as SVGElement;
    act(() => mark.focus());
    for (let k = 0; k < 50; k++)
      fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    expect(container.querySelector('.plot-readout-head')?.textContent).toBe('step 500');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-s')).toBe('1');
    expect(container.querySelector('.plot-readout-head')?.textContent).toBe('step 500');
    expect(container.querySelector('.plot-readout-row.is-active')?.textContent).toBe(
      'A test: not finite',
    );
    expect(document.activeElement?.getAttribute('aria-label')).toBe('A test, step 500: not finite');
  });
  it('summarises long runs in the data table', () => {
    const t = curveTableRows([train, test], 'step');
    expect(t.columns).toEqual(['step', 'A train', 'A test']);
    expect(t.rows.length).toBeLessThanOrEqual(MAX_CURVE_ROWS);
    expect(t.rows[0]).toEqual(['0', '2', '2.1']);
    expect(t.rows[t.rows.length - 1]).toEqual(['1000', '0.182', '0.3']);
    expect(t.note).toMatch(/of 101 points/);
  });
});
