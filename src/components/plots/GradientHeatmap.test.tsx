// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { interpolateViridis, rgb } from 'd3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GradientHeatmap } from './GradientHeatmap';
import { heatmapPixels, heatmapScale } from './geometry/heatmapColor';
import { heatmapTable, MAX_TABLE_STEPS } from './geometry/heatmapLayout';
import { PLOT_COLORS } from './geometry/colors';

// jsdom has no 2D canvas: getContext returns null, which the plots must tolerate.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const labels = ['stem', 'b1.1', 'b1.2', 'head'];
const steps = [0, 10, 20];
// Row-major by step: 3 steps × 4 layers.
const values = new Float32Array([
  1e-6,
  1e-4,
  1e-3,
  1e-2,
  0,
  1e-4,
  1e-3,
  1e-2,
  NaN,
  1e-4,
  1e-3,
  1e-2,
]);

describe('heatmap colour scale', () => {
  it('maps known values onto viridis on a decade-padded log scale', () => {
    const s = heatmapScale([1e-6, 1e-4, 1e-2]);
    expect(s.domain).toEqual([1e-6, 1e-2]);
    // Within rounding of the float32/log10 round trip.
    const near = (a: string, b: string) => {
      const x = rgb(a);
      const y = rgb(b);
      return Math.abs(x.r - y.r) + Math.abs(x.g - y.g) + Math.abs(x.b - y.b);
    };
    expect(near(s.color(1e-6), interpolateViridis(0))).toBeLessThanOrEqual(3);
    expect(near(s.color(1e-4), interpolateViridis(0.5))).toBeLessThanOrEqual(3);
    expect(near(s.color(1e-2), interpolateViridis(1))).toBeLessThanOrEqual(3);
    // Far from the other end: the scale really is oriented low → dark.
    expect(near(s.color(1e-6), interpolateViridis(1))).toBeGreaterThan(200);
    const mid = rgb(interpolateViridis(0.5));
    const [r, g, b] = s.rgbOf(1e-4);
    expect(Math.abs(r - mid.r) + Math.abs(g - mid.g) + Math.abs(b - mid.b)).toBeLessThanOrEqual(6);
  });
  it('gives 0 and non-finite values their own colours and spans 1e-32 … 1e6', () => {
    const s = heatmapScale([0, NaN, 1e-32, 1e6, Infinity]);
    expect(s.domain).toEqual([1e-32, 1e6]);
    expect(s.color(0)).toBe(PLOT_COLORS.zero);
    expect(s.color(NaN)).toBe(PLOT_COLORS.nonFinite);
    expect(s.color(Infinity)).toBe(PLOT_COLORS.nonFinite);
    expect(s.hasZero && s.hasNonFinite).toBe(true);
  });
  it('puts the input layer at the bottom row of the image', () => {
    const s = heatmapScale(values);
    const px = heatmapPixels(values, 3, 4, 3, s);
    const at = (row: number, col: number) =>
      Array.from(px.slice((row * 3 + col) * 4, (row * 3 + col) * 4 + 3));
    expect(at(3, 0)).toEqual(s.rgbOf(1e-6)); // step 0, layer 0 → bottom-left
    expect(at(3, 1)).toEqual(s.rgbOf(0)); // step 10, layer 0 is exactly 0
    expect(at(3, 2)).toEqual(s.rgbOf(NaN));
    expect(at(0, 0)).toEqual(s.rgbOf(1e-2)); // head at the top
  });
});

describe('GradientHeatmap', () => {
  it('renders without a canvas context, with role img and a colour legend', () => {
    const { container } = render(
      <GradientHeatmap title="Heatmap" layerLabels={labels} steps={steps} values={values} />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(
      /Heatmap: ‖∂L\/∂W‖ for each of 4 layers/,
    );
    expect(container.querySelector('canvas')).toBeTruthy();
    expect(container.querySelector('.plot-color-legend')?.textContent).toContain('not finite');
  });
  it('shows step, layer and value on keyboard focus and moves with arrows', () => {
    const { container } = render(
      <GradientHeatmap title="Heatmap" layerLabels={labels} steps={steps} values={values} />,
    );
    const cursor = container.querySelector('.plot-cursor') as SVGElement;
    expect(cursor.getAttribute('tabindex')).toBe('0');
    act(() => cursor.focus());
    // Starts at the latest step, input layer.
    expect(container.querySelector('.plot-readout')?.textContent).toBe('step 20stem: not finite');
    fireEvent.keyDown(cursor, { key: 'ArrowLeft' });
    expect(container.querySelector('.plot-readout')?.textContent).toContain(
      'stem: 0 (below float32 range)',
    );
    fireEvent.keyDown(cursor, { key: 'ArrowUp' });
    expect(container.querySelector('.plot-readout')?.textContent).toContain('b1.1: 1e-4');
    expect(cursor.getAttribute('aria-label')).toContain('step 10, b1.1: 1e-4');
  });
  it('summarises the data table to a few steps', () => {
    const t = heatmapTable(labels, steps, values);
    expect(t.columns).toEqual(['Layer', 'step 0', 'step 10', 'step 20']);
    expect(t.rows[0]).toEqual(['stem', '1e-6', '0 (below float32 range)', 'not finite']);
    const many = heatmapTable(
      ['x'],
      Array.from({ length: 500 }, (_, i) => i),
      new Float32Array(500).fill(1),
    );
    expect(many.columns.length).toBe(MAX_TABLE_STEPS + 1);
    expect(many.columns[many.columns.length - 1]).toBe('step 499');
    expect(many.note).toMatch(/of 500/);
  });
  it('handles no steps yet', () => {
    const { container } = render(
      <GradientHeatmap
        title="Heatmap"
        layerLabels={labels}
        steps={[]}
        values={new Float32Array(0)}
      />,
    );
    expect(container.textContent).toContain('No data yet');
  });
});
