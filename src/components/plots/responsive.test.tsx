// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CurvePlot } from './CurvePlot';
import { LayerProfilePlot } from './LayerProfilePlot';
import { FALLBACK_WIDTH } from './useContainerWidth';
import { PLOT_COLORS } from './colors';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const series = [{ id: 'a', label: 'A', color: PLOT_COLORS.a, values: [1, 2, 3] }];

describe('responsive width', () => {
  it('uses the fallback width without ResizeObserver (jsdom)', () => {
    const { container } = render(
      <LayerProfilePlot title="P" layerLabels={['a', 'b', 'c']} series={series} yLabel="n" />,
    );
    expect(container.querySelector('svg[role="img"]')?.getAttribute('width')).toBe(
      String(FALLBACK_WIDTH),
    );
  });
  it('follows the container through a ResizeObserver and disconnects on unmount', () => {
    const observers: { cb: ResizeObserverCallback; disconnect: () => void }[] = [];
    class FakeObserver {
      cb: ResizeObserverCallback;
      disconnect = vi.fn();
      constructor(cb: ResizeObserverCallback) {
        this.cb = cb;
        observers.push(this);
      }
      observe() {}
      unobserve() {}
    }
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const { container, unmount } = render(
      <CurvePlot
        title="C"
        xLabel="step"
        yLabel="loss"
        series={[{ id: 'a', label: 'A', color: PLOT_COLORS.a, x: [0, 1], y: [1, 0.5] }]}
      />,
    );
    const resize = (width: number) =>
      act(() => {
        for (const o of observers)
          o.cb([{ contentRect: { width } } as ResizeObserverEntry], {} as ResizeObserver);
      });
    resize(375);
    const svg = () => container.querySelector('svg[role="img"]') as SVGSVGElement;
    expect(svg().getAttribute('width')).toBe('375');
    // Everything stays inside the narrow plot.
    const xs = Array.from(svg().querySelectorAll('.plot-axis-x g')).map((g) =>
      Number(/translate\(([\d.]+)/.exec(g.getAttribute('transform') ?? '')?.[1]),
    );
    expect(Math.max(...xs)).toBeLessThanOrEqual(375);
    resize(1100);
    expect(svg().getAttribute('width')).toBe('1100');
    resize(0); // hidden container: keep the last width
    expect(svg().getAttribute('width')).toBe('1100');
    unmount();
    expect(
      observers.every((o) => (o.disconnect as ReturnType<typeof vi.fn>).mock.calls.length > 0),
    ).toBe(true);
  });
});
