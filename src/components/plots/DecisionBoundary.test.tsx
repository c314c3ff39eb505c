// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { rgb } from 'd3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionBoundary } from './DecisionBoundary';
import {
  boundaryColor,
  boundaryPath,
  boundaryTable,
  CLASS0_TINT,
  CLASS1_TINT,
  probabilityAt,
} from './geometry/boundaryModel';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const res = 20;
const extent: [number, number, number, number] = [-2, 2, -2, 2];
// P(class 1) = 1 right of x = 0, else 0: the boundary is the vertical line x = 0.
const grid = Float32Array.from({ length: res * res }, (_, i) => (i % res >= res / 2 ? 1 : 0));
const points = {
  x: new Float32Array([-1, -1.5, 1, 1.2, 1.8]),
  y: new Float32Array([0, 1, 0, -1, 1.9]),
  label: new Int32Array([0, 0, 1, 1, 0]),
};

describe('decision boundary model', () => {
  it('colours 0, 0.5 and 1 as class-0 tint, near white and class-1 tint', () => {
    expect(rgb(boundaryColor(0)).formatHex()).toBe(CLASS0_TINT);
    expect(rgb(boundaryColor(1)).formatHex()).toBe(CLASS1_TINT);
    const mid = rgb(boundaryColor(0.5));
    expect(Math.min(mid.r, mid.g, mid.b)).toBeGreaterThan(240);
    expect(boundaryColor(NaN)).not.toBe(boundaryColor(0));
  });
  it('finds the cell under a point (row 0 at the top)', () => {
    expect(probabilityAt(grid, res, extent, 1, 0)).toBe(1);
    expect(probabilityAt(grid, res, extent, -1, 0)).toBe(0);
    expect(probabilityAt(grid, res, extent, 5, 0)).toBeNaN();
  });
  it('traces the 0.5 contour, and none for a non-finite grid', () => {
    const d = boundaryPath(grid, res, 200);
    expect(d).toMatch(/^M/);
    // The contour runs along x = 100 px (the middle of a 200 px plot).
    const xs = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    expect(xs.some((x) => Math.abs(x - 100) < 6)).toBe(true);
    const bad = grid.slice();
    bad[3] = NaN;
    expect(boundaryPath(bad, res, 200)).toBe('');
  });
  it('summarises points and the coarse grid in the table', () => {
    const t = boundaryTable(grid, res, extent, points, 5);
    expect(t.columns).toHaveLength(6);
    expect(t.rows).toHaveLength(5);
    expect(t.rows[0]?.[0]).toBe('2');
    expect(t.rows[0]?.slice(1)).toEqual(['0.00', '0.00', '1.00', '1.00', '1.00']);
    // 3 class 0 (one on the wrong side), 2 class 1: 4 of 5 correct.
    expect(t.note).toContain('3 of class 0');
    expect(t.note).toContain('80%');
  });
});

describe('DecisionBoundary', () => {
  it('draws one marker per point, by class, and the boundary line', () => {
    const { container } = render(
      <DecisionBoundary
        title="Boundary"
        grid={grid}
        resolution={res}
        extent={extent}
        points={points}
      />,
    );
    const count = (sel: string) =>
      (container.querySelector(sel)?.getAttribute('d')?.match(/M/g) ?? []).length;
    expect(count('.plot-class-0')).toBe(3);
    expect(count('.plot-class-1')).toBe(2);
    expect(container.querySelector('.plot-boundary')).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(
      /probability of class 1.*3 class-0 and 2 class-1 points/,
    );
    expect(container.querySelector('details table')).toBeTruthy();
  });
  it('reads P(class 1) at the keyboard probe', () => {
    const { container } = render(
      <DecisionBoundary
        title="Boundary"
        grid={grid}
        resolution={res}
        extent={extent}
        points={points}
      />,
    );
    const cursor = container.querySelector('.plot-cursor') as SVGElement;
    act(() => cursor.focus());
    expect(container.querySelector('.plot-readout')?.textContent).toContain('P(class 1) = 1.00');
    fireEvent.keyDown(cursor, { key: 'ArrowLeft' });
    expect(container.querySelector('.plot-readout')?.textContent).toContain('P(class 1) = 0.00');
  });
});
