// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildExportSvg, downloadBlob, fileNameFor, serializeSvg, titleLines } from './exporting';
import { GradientHeatmap } from '../GradientHeatmap';
import { LayerProfilePlot } from '../LayerProfilePlot';
import { paintSvg } from './paintSvg';
import { PLOT_COLORS } from '../geometry/colors';
import type { Series } from '../types';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const labels = ['stem', 'b1', 'b2', 'head'];
const series: Series[] = [
  { id: 'a', label: 'A', color: PLOT_COLORS.a, values: [0, 1e-30, 1e-3, 1e5] },
  { id: 'b', label: 'B', color: PLOT_COLORS.b, values: [0.1, NaN, 0.2, 0.3], dashed: true },
];

function renderProfile() {
  return render(
    <LayerProfilePlot title="Grad norms" layerLabels={labels} series={series} yLabel="norm" />,
  );
}

describe('SVG export', () => {
  it('produces a standalone SVG document that parses and keeps the lines', () => {
    const { container } = renderProfile();
    const svg = container.querySelector('svg[role="img"]') as SVGSVGElement;
    const text = serializeSvg(svg, 'Grad norms');
    expect(text.startsWith('<?xml')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    const lines = doc.querySelectorAll('path.plot-line');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.getAttribute('stroke')).toBe(PLOT_COLORS.a);
    expect(lines[1]?.getAttribute('stroke-dasharray')).toBe('5 4');
    expect(text).toContain('Grad norms');
    // Styling travels as attributes: the export carries the font and needs no stylesheet.
    expect(root.getAttribute('font-family')).toContain('system-ui');
    expect(doc.querySelectorAll('.plot-zero')).toHaveLength(1);
  });
  it('embeds the heatmap canvas as an image', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(
      'data:image/png;base64,AAAA',
    );
    const { container } = render(
      <GradientHeatmap
        title="Heat"
        layerLabels={labels}
        steps={[0, 1]}
        values={new Float32Array(8).fill(1)}
      />,
    );
    const svg = container.querySelector('.plot-raster svg') as SVGSVGElement;
    const canvas = container.querySelector('canvas') as HTMLCanvasElement;
    const text = serializeSvg(svg, 'Heat', { canvas, x: 10, y: 20, width: 100, height: 50 });
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const img = doc.querySelector('image');
    expect(img?.getAttribute('href')).toBe('data:image/png;base64,AAAA');
    expect(img?.getAttribute('width')).toBe('100');
  });
  it('names files after the title', () => {
    expect(fileNameFor('Gradient norm ‖∂L/∂W‖ (A)', 'png')).toBe('gradient-norm-l-w-a.png');
  });
});

describe('download buttons', () => {
  it('exist on every plot and say so where downloads are unavailable', async () => {
    renderProfile();
    const png = screen.getByRole('button', { name: /Download PNG/ });
    const svg = screen.getByRole('button', { name: /Download SVG/ });
    vi.stubGlobal('URL', { ...URL, createObjectURL: undefined });
    // React 19 reports a handler's exception instead of throwing it from the click, so each
    // handler is checked by its effect: the status line it writes once it has run to the end.
    fireEvent.click(svg);
    expect(screen.getByRole('status').textContent).toBe(
      'Download is not available in this browser.',
    );
    fireEvent.click(png);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'PNG export is not available in this browser.',
      ),
    );
  });
  it('downloads through an anchor with an object URL', () => {
    const create = vi.fn(() => 'blob:plot');
    vi.stubGlobal(
      'URL',
      Object.assign(function () {}, { createObjectURL: create, revokeObjectURL: vi.fn() }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    expect(downloadBlob(new Blob(['x']), 'a.svg')).toBe(true);
    expect(create).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('a.svg');
  });
});

describe('export titles', () => {
  const long = 'Weight gradient norms per layer over training steps, network B (residual)';

  it('wrap at spaces to fit a narrow plot, and stay one line on a wide one', () => {
    const lines = titleLines(long, 300);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length * 8).toBeLessThanOrEqual(300 - 16);
    expect(lines.join(' ')).toBe(long);
    expect(titleLines(long, 1200)).toEqual([long]);
  });

  it('push the plot down by the lines they take, and paint every line', () => {
    const { container } = renderProfile();
    const svg = container.querySelector('svg[role="img"]') as SVGSVGElement;
    svg.setAttribute('width', '300');
    svg.setAttribute('height', '200');
    const out = buildExportSvg(svg, long);
    const n = titleLines(long, 300).length;
    expect(Number(out.getAttribute('height'))).toBe(200 + 10 + 18 * n);
    expect(out.querySelectorAll('text > tspan[x]')).toHaveLength(n);
    const painted: [string, number][] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, k: string) =>
          k === 'fillText' ? (t: string, _x: number, y: number) => painted.push([t, y]) : () => {},
        set: () => true,
      },
    ) as unknown as CanvasRenderingContext2D;
    vi.stubGlobal(
      'Path2D',
      class {
        moveTo() {}
        lineTo() {}
        rect() {}
        arc() {}
      },
    );
    paintSvg(ctx, out);
    const want = titleLines(long, 300);
    const titleRows = painted.filter(([t]) => want.includes(t));
    expect(titleRows.map(([t]) => t)).toEqual(want);
    expect(titleRows[1]![1] - titleRows[0]![1]).toBe(18);
  });
});

describe('PNG painter', () => {
  it('paints every text and shape of the exported SVG on a 2D context', () => {
    const { container } = renderProfile();
    const svg = container.querySelector('svg[role="img"]') as SVGSVGElement;
    class FakePath {
      moveTo() {}
      lineTo() {}
      rect() {}
      arc() {}
    }
    vi.stubGlobal('Path2D', FakePath);
    const calls: Record<string, number> = {};
    const count = (name: string) => () => {
      calls[name] = (calls[name] ?? 0) + 1;
    };
    const ctx = new Proxy(
      {},
      {
        get: (_t, k: string) => (k in calls || /^[a-z]+[A-Z]?/.test(k) ? count(k) : undefined),
        set: () => true,
      },
    ) as unknown as CanvasRenderingContext2D;
    paintSvg(ctx, svg);
    expect(calls.fillText).toBe(svg.querySelectorAll('text').length);
    expect(calls.stroke).toBeGreaterThanOrEqual(svg.querySelectorAll('line').length);
    expect(calls.save).toBe(calls.restore);
  });
});
