import { describe, expect, it } from 'vitest';
import { heatmapScale } from './heatmapColor';
import { contourLevels, contourPaths, gridAt, landscapeTable, topFirst } from './landscapeModel';

/** A 5 × 5 bowl a² + b² + 0.1 on [−1, 1]², row i at b, column j at a. */
const grid = 5;
const bowl = Array.from({ length: grid * grid }, (_, k) => {
  const [i, j] = [Math.floor(k / grid), k % grid];
  return gridAt(j, grid, 1) ** 2 + gridAt(i, grid, 1) ** 2 + 0.1;
});

describe('the landscape plot’s model', () => {
  it('puts the largest b on the top row of the image', () => {
    const tilted = Array.from({ length: grid * grid }, (_, k) => Math.floor(k / grid));
    const img = topFirst(tilted, grid);
    expect(img[0]).toBe(4);
    expect(img[grid * grid - 1]).toBe(0);
  });

  it('spaces contour levels evenly in log inside the domain, the same for any slice', () => {
    const levels = contourLevels([0.01, 10], 2);
    expect(levels[0]).toBeCloseTo(0.1, 10);
    expect(levels[1]).toBeCloseTo(1, 10);
  });

  it('draws closed rings around the bowl’s minimum', () => {
    const paths = contourPaths(bowl, grid, [0.5, 1.2], 100);
    expect(paths.map((p) => p.level)).toEqual([0.5, 1.2]);
    for (const p of paths) expect(p.d).toMatch(/^M.*Z$/);
  });

  it('lists every second point through the centre, with the trained net at (0, 0)', () => {
    const t = landscapeTable(bowl, grid, 1, 2);
    expect(t.columns).toEqual(['a', 'b', 'loss']);
    expect(t.rows).toHaveLength(9);
    expect(t.rows).toContainEqual(['0', '0', '0.1']);
    expect(t.rows[0]).toEqual(['-1', '-1', '2.1']);
    expect(t.note).toMatch(/^Every 2nd point of the 5 × 5 grid/);
  });

  it('says in words how the table is thinned', () => {
    const note = (every: number) => landscapeTable(bowl, grid, 1, every).note;
    expect(note(1)).toMatch(/^Every point of the 5 × 5 grid, through the centre/);
    expect(note(3)).toMatch(/^Every 3rd point/);
    expect(note(5)).toMatch(/^Every 5th point/);
    expect(note(11)).toMatch(/^Every 11th point/);
    expect(note(21)).toMatch(/^Every 21st point/);
  });

  it('colours by the shared scale: the same loss gets the same colour in both plots', () => {
    const scale = heatmapScale(bowl, [0.1, 10]);
    expect(scale.rgbOf(0.1)).not.toEqual(scale.rgbOf(2.1));
    expect(scale.rgbOf(1)).toEqual(heatmapScale([5], [0.1, 10]).rgbOf(1));
  });
});
