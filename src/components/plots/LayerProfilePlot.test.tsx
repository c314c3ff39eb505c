// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LayerProfilePlot } from './LayerProfilePlot';
import { profileGeometry } from './geometry/profileGeometry';
import { PLOT_COLORS } from './geometry/colors';
import type { Series } from './types';

afterEach(cleanup);

const labels = ['stem', 'b1.1', 'b1.2', 'b2.1', 'b2.2', 'head'];
const series: Series[] = [
  {
    id: 'a',
    label: 'Run A',
    color: PLOT_COLORS.a,
    values: new Float32Array([0, 1e-30, 1e-20, 1e-10, 1e-3, 2e5]),
  },
  { id: 'b', label: 'Run B', color: PLOT_COLORS.b, values: [0.5, NaN, 0.25, 0.3, 0.4, 0.6] },
  {
    id: 'a0',
    label: 'Run A, step 0',
    color: PLOT_COLORS.a,
    values: [1, 1, 1, 1, 1, 1],
    faint: true,
    dashed: true,
  },
];

describe('profileGeometry', () => {
  it('covers every series on a decade-padded log axis and clamps zeros under it', () => {
    const g = profileGeometry(labels, series, 600, 300, 'log');
    expect(g.domain[0]).toBeLessThanOrEqual(1e-30);
    expect(g.domain[1]).toBe(1e6);
    expect(g.zeroBand).toBeGreaterThan(0);
    const zero = g.marks[0]?.[0];
    expect(zero?.kind).toBe('zero');
    // Below every positive value: the lowest positive point is above the zero strip.
    expect(zero?.y).toBeGreaterThan(g.marks[0]?.[1]?.y ?? Infinity);
    expect(g.marks[1]?.[1]?.kind).toBe('nonfinite');
    // The NaN breaks run B's line into two segments.
    expect((g.paths[1]?.match(/M/g) ?? []).length).toBe(2);
    expect(g.yTicks.some((t) => t.label === '0')).toBe(true);
    // The three series and the × that marks B's NaN.
    expect(g.legend.map((l) => l.marker ?? l.id)).toEqual(['a', 'b', 'a0', 'cross']);
  });
  it('uses a linear axis from 0 when asked', () => {
    const g = profileGeometry(labels, [series[1] as Series], 600, 300, 'linear');
    expect(g.domain[0]).toBe(0);
    expect(g.zeroBand).toBe(0);
    // One series needs no legend, but its NaN's × still needs a word.
    expect(g.legend.map((l) => l.label)).toEqual(['not finite (NaN or ∞)']);
    const finite = { ...(series[0] as Series), values: new Float32Array([1, 2, 3]) };
    expect(profileGeometry(labels, [finite], 600, 300, 'linear').legend).toHaveLength(0);
  });
  it('rotates and thins labels for 202 layers at 375 px', () => {
    const many = Array.from({ length: 202 }, (_, i) => `block ${i}`);
    const g = profileGeometry(
      many,
      [{ ...(series[0] as Series), values: new Float32Array(202).fill(1) }],
      375,
      300,
      'log',
    );
    expect(g.xTicks.length).toBeLessThan(40);
    expect(g.xTicks[g.xTicks.length - 1]?.label).toBe('block 201');
  });
});

describe('LayerProfilePlot', () => {
  it('draws one line per series and one mark per series × layer', () => {
    const { container } = render(
      <LayerProfilePlot
        title="Gradient norm per layer"
        layerLabels={labels}
        series={series}
        yLabel="‖∂L/∂W‖"
      />,
    );
    expect(container.querySelectorAll('path.plot-line')).toHaveLength(3);
    const subpaths = (g: Element, sel: string) =>
      (g.querySelector(sel)?.getAttribute('d')?.match(/M/g) ?? []).length;
    const groups = Array.from(container.querySelectorAll('g.plot-series'));
    expect(groups).toHaveLength(3);
    // Each of the solid series has exactly one mark per layer: dot, hollow zero or ×.
    for (const g of groups.slice(0, 2)) {
      const n =
        subpaths(g, '.plot-dots') + subpaths(g, '.plot-zero') + subpaths(g, '.plot-nonfinite') / 2;
      expect(n).toBe(labels.length);
    }
    expect(subpaths(groups[0] as Element, '.plot-zero')).toBe(1);
    expect(subpaths(groups[1] as Element, '.plot-nonfinite')).toBe(2); // one × = two strokes
    expect(container.querySelector('.plot-legend')?.textContent).toContain('not finite (NaN or ∞)');
    // The faint reference series has a line but no dots.
    expect(groups[2]?.querySelector('.plot-dots')).toBeNull();
    // One tab stop per plot.
    expect(container.querySelectorAll('.plot-mark[tabindex="0"]')).toHaveLength(1);
  });
  it('has role img with a default and a custom aria-label', () => {
    const { rerender } = render(
      <LayerProfilePlot
        title="Gradient norm per layer"
        layerLabels={labels}
        series={series}
        yLabel="norm"
      />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(
      /Gradient norm per layer.*6 layers/,
    );
    rerender(
      <LayerProfilePlot
        title="T"
        layerLabels={labels}
        series={series}
        yLabel="norm"
        ariaLabel="Custom"
      />,
    );
    expect(screen.getByRole('img', { name: 'Custom' })).toBeTruthy();
  });
  it('shows values on focus, including zero and not-finite text', () => {
    const { container } = render(
      <LayerProfilePlot title="G" layerLabels={labels} series={series} yLabel="norm" />,
    );
    const mark = container.querySelector('.plot-mark') as SVGElement;
    const readout = () => container.querySelector('.plot-readout')?.textContent ?? '';
    fireEvent.focus(mark);
    expect(readout()).toContain('Run A: 0 (below float32 range)');
    expect(mark.getAttribute('aria-label')).toBe('Run A, stem: 0 (below float32 range)');
    fireEvent.keyDown(mark, { key: 'End' });
    expect(readout()).toContain('Run A: 2e5');
    fireEvent.keyDown(mark, { key: 'Home' });
    fireEvent.keyDown(mark, { key: 'ArrowRight' });
    fireEvent.keyDown(mark, { key: 'ArrowDown' });
    expect(readout()).toContain('Run B: not finite');
    expect(container.querySelector('.plot-mark')?.getAttribute('aria-label')).toBe(
      'Run B, b1.1: not finite',
    );
    // Keyboard moves are announced to screen readers.
    expect(container.querySelector('[aria-live]')?.textContent).toBe('Run B, b1.1: not finite');
  });
  it('moves the readout with the arrow keys', () => {
    const { container } = render(
      <LayerProfilePlot title="G" layerLabels={labels} series={series} yLabel="norm" />,
    );
    const mark = container.querySelector('.plot-mark') as SVGElement;
    act(() => mark.focus());
    expect(document.activeElement).toBe(mark);
    fireEvent.keyDown(mark, { key: 'ArrowRight' });
    fireEvent.keyDown(mark, { key: 'ArrowRight' });
    fireEvent.keyDown(mark, { key: 'ArrowRight' });
    expect(container.querySelector('.plot-mark')?.getAttribute('data-i')).toBe('3');
    expect(container.querySelector('.plot-readout')?.textContent).toContain('Run A: 1e-10');
    fireEvent.keyDown(mark, { key: 'ArrowUp' });
    expect(container.querySelector('.plot-mark')?.getAttribute('data-s')).toBe('0');
  });
  it('puts every value in the data table', async () => {
    const { container } = render(
      <LayerProfilePlot title="G" layerLabels={labels} series={series} yLabel="norm" />,
    );
    // The body renders once the reader opens the table.
    expect(container.querySelectorAll('tbody tr')).toHaveLength(0);
    fireEvent.click(container.querySelector('details summary') as Element);
    await screen.findByText('stem', { selector: 'th' });
    const table = container.querySelector('details table') as HTMLTableElement;
    expect(container.querySelector('details summary')?.textContent).toBe('Data table');
    const heads = Array.from(table.querySelectorAll('thead th')).map((t) => t.textContent);
    expect(heads).toEqual(['Layer', 'Run A', 'Run B', 'Run A, step 0']);
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    expect(rows).toHaveLength(6);
    expect(rows[0]?.querySelector('th')?.textContent).toBe('stem');
    expect(rows[0]?.textContent).toContain('0 (below float32 range)');
    expect(rows[1]?.textContent).toContain('not finite');
    expect(rows[5]?.textContent).toContain('2e5');
  });
});
