// @vitest-environment jsdom
import { Profiler } from 'react';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CurvePlot } from './CurvePlot';
import { LayerProfilePlot } from './LayerProfilePlot';
import { FALLBACK_WIDTH } from './parts/useContainerWidth';
import { PLOT_COLORS } from './geometry/colors';

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

  it('draws a fixed-width plot at its width whatever its container measures', () => {
    const spy = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(343);
    const { container } = render(
      <LayerProfilePlot
        title="P"
        layerLabels={['a', 'b', 'c']}
        series={series}
        yLabel="n"
        fixedWidth={520}
      />,
    );
    expect(container.querySelector('svg[role="img"]')?.getAttribute('width')).toBe('520');
    spy.mockRestore();
  });

  it('starts a plot at the width an alike plot measured, so that it renders once', () => {
    const spy = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(526);
    const commits = (sharedAs?: string) => {
      let n = 0;
      render(
        <Profiler id="plot" onRender={() => (n += 1)}>
          <LayerProfilePlot
            title="P"
            layerLabels={['a', 'b', 'c']}
            series={series}
            yLabel="n"
            widthSharedAs={sharedAs}
          />
        </Profiler>,
      );
      cleanup();
      return n;
    };
    // Unshared: drawn at the fallback width, then again at the measured one.
    expect(commits()).toBe(2);
    // A fixed-width plot measures its container for the others without drawing again…
    render(
      <LayerProfilePlot
        title="placeholder"
        layerLabels={['a']}
        series={series}
        yLabel="n"
        fixedWidth={520}
        widthSharedAs="alike"
      />,
    );
    cleanup();
    // … and the next alike plot is drawn once, at that width.
    expect(commits('alike')).toBe(1);
    spy.mockRestore();
  });
});
