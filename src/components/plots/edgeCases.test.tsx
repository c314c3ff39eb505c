// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurvePlot } from './CurvePlot';
import { DecisionBoundary } from './DecisionBoundary';
import { GradientHeatmap } from './GradientHeatmap';
import { LayerProfilePlot } from './LayerProfilePlot';
import { PLOT_COLORS } from './geometry/colors';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('plots with missing or odd data', () => {
  it('LayerProfilePlot renders with no layers or series, and with short series', () => {
    render(<LayerProfilePlot title="Empty" layerLabels={[]} series={[]} yLabel="n" />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/0 layers/);
    cleanup();
    const { container } = render(
      <LayerProfilePlot
        title="Short"
        layerLabels={['a', 'b', 'c']}
        series={[{ id: 's', label: 'S', color: PLOT_COLORS.a, values: [1] }]}
        yLabel="n"
      />,
    );
    expect(container.querySelector('.plot-dots')?.getAttribute('d')?.match(/M/g)).toHaveLength(1);
  });
  it('LayerProfilePlot with only zeros and NaN keeps a finite axis', () => {
    const { container } = render(
      <LayerProfilePlot
        title="Dead"
        layerLabels={['a', 'b']}
        series={[{ id: 's', label: 'S', color: PLOT_COLORS.a, values: [0, NaN] }]}
        yLabel="n"
      />,
    );
    const d = container.querySelector('.plot-zero')?.getAttribute('d') ?? '';
    expect(d).not.toMatch(/NaN/);
    expect(container.querySelector('.plot-axis-y')?.textContent).toContain('0');
  });
  it('CurvePlot on a log scale with a non-finite tail', () => {
    const { container } = render(
      <CurvePlot
        title="Diverged"
        xLabel="step"
        yLabel="loss"
        yScale="log"
        series={[
          { id: 'a', label: 'A', color: PLOT_COLORS.a, x: [0, 1, 2], y: [1, 1e6, Infinity] },
        ]}
      />,
    );
    const d = container.querySelector('.plot-line')?.getAttribute('d') ?? '';
    expect(d).toMatch(/^M/);
    expect(d).not.toMatch(/NaN|Infinity/);
  });
  it('GradientHeatmap and DecisionBoundary survive empty inputs', () => {
    render(<GradientHeatmap title="H" layerLabels={[]} steps={[]} values={new Float32Array(0)} />);
    render(
      <DecisionBoundary
        title="B"
        grid={new Float32Array(0)}
        resolution={0}
        extent={[0, 1, 0, 1]}
        points={{ x: new Float32Array(0), y: new Float32Array(0), label: new Int32Array(0) }}
      />,
    );
    expect(screen.getAllByRole('img')).toHaveLength(2);
  });
});
