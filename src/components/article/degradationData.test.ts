import { describe, expect, it } from 'vitest';
import { DEGRADATION_SPEC, type SweepPoint } from '../../model/sweep-spec';
import { depthCurves, depthGroups, describeSweep } from './degradationData';

const point = (
  arm: 'plain' | 'residual',
  blocks: number,
  seed: number,
  trainLoss: number,
  diverged = false,
): SweepPoint => ({
  arm,
  blocks,
  seed,
  trainLoss,
  trainAccuracy: 1 - trainLoss,
  testAccuracy: 0.5,
  diverged,
  divergedAtStep: diverged ? 1 : null,
  curve: [0.7, 0.5, trainLoss],
});

const points = [
  point('plain', 1, 1, 0.05),
  point('residual', 1, 1, 0.05),
  point('plain', 4, 1, 0.02),
  point('residual', 4, 1, 0.02),
  point('plain', 64, 1, 0.69),
  point('residual', 64, 1, 0.03),
  point('plain', 64, 2, 0.6, true),
];

describe('the degradation figure data', () => {
  it('has a dot per run and a median per depth for each arm; a diverged run says so', () => {
    const [plain, residual] = depthGroups(points, 'trainLoss');
    expect(plain!.points.map((p) => [p.x, p.label])).toEqual([
      [1, '1'],
      [4, '1'],
      [64, '1'],
      [64, '2 (diverged at step 1)'],
    ]);
    // A diverged run counts with the loss of the weights it stopped at.
    expect(plain!.points[3]!.y).toBe(0.6);
    expect(plain!.medians).toEqual([
      { x: 1, y: 0.05 },
      { x: 4, y: 0.02 },
      { x: 64, y: (0.69 + 0.6) / 2 },
    ]);
    expect(residual!.medians.map((m) => m.y)).toEqual([0.05, 0.02, 0.03]);
    expect(depthGroups(points, 'trainAccuracy')[1]!.medians[2]!.y).toBeCloseTo(0.97);
  });

  it('draws the shallow and the deepest plain net of one seed, and the deepest residual dashed', () => {
    const curves = depthCurves(points, 10, 1);
    expect(curves.map((c) => c.label)).toEqual([
      'plain, 4 blocks',
      'plain, 64 blocks',
      'residual, 64 blocks',
    ]);
    expect(Array.from(curves[1]!.x)).toEqual([10, 20, 30]);
    expect(curves[2]!.dashed).toBe(true);
  });

  it('says the configuration in words', () => {
    expect(describeSweep(DEGRADATION_SPEC)).toBe(
      'spiral data, width 32, batch 64, ReLU with batch norm, pre-activation blocks, Adam at ' +
        'learning rate 0.003, 400 steps, seeds 1, 2, 3; depths 1, 2, 4, 8, 16, 32, 64, 100 blocks',
    );
  });
});
