import { describe, expect, it } from 'vitest';
import {
  DEGRADATION_SPEC,
  type SweepFile,
  type SweepPoint,
} from '../../../model/studies/degradation/spec';
import {
  degradationNumbers,
  depthCurves,
  depthGroups,
  describeSweep,
  lossNote,
} from './degradationData';

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
  optimizer: 'adam',
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
    // A run that diverged says so in its legend.
    expect(depthCurves(points, 10, 2).map((c) => c.label)).toEqual([
      'plain, 64 blocks, diverged at step 1',
    ]);
  });

  it('notes in the loss plot how many runs diverged and how they are drawn', () => {
    expect(lossNote(points.slice(0, 6))).toBe('Chance is 0.69 (two classes). Higher is worse.');
    expect(lossNote(points)).toBe(
      'Chance is 0.69 (two classes). Higher is worse. 1 run diverged (the data table says ' +
        'which); each is drawn at the loss of the weights it stopped at.',
    );
  });

  it('labels the reader’s runs with their optimizer', () => {
    const [plain] = depthGroups(points, 'trainLoss', 'Adam at 0.003');
    expect(plain).toMatchObject({ label: 'plain (your run, Adam at 0.003)', hollow: true });
  });

  it('says the configuration in words', () => {
    expect(describeSweep(DEGRADATION_SPEC)).toBe(
      'spiral data, width 32, batch 64, ReLU with batch norm, pre-activation blocks, 400 steps, ' +
        'Adam at 0.003 or SGD with momentum 0.9 at 0.01, seeds 1, 2, 3 (held out to check the ' +
        'claims: seeds 4, 5, 6); depths 1, 2, 4, 8, 16, 32, 64, 100 blocks',
    );
  });

  it('reads the numbers the text quotes: where chance begins, which plain nets diverged', () => {
    const atChance = (blocks: number, seed: number, diverged = false): SweepPoint => ({
      ...point('plain', blocks, seed, 0.7, diverged),
      trainAccuracy: 0.5,
      curve: [0.7, 0.69],
    });
    const file = {
      spec: { ...DEGRADATION_SPEC, seeds: [1, 2], heldOutSeeds: [3] },
      points: [
        point('plain', 4, 1, 0.05),
        atChance(16, 1),
        atChance(64, 1, true),
        point('plain', 4, 2, 0.05),
        point('plain', 16, 2, 0.5),
        atChance(64, 2, true),
        point('plain', 4, 3, 0.05),
        point('plain', 16, 3, 0.5),
        point('plain', 64, 3, 0.3),
      ],
    } as unknown as SweepFile;
    // Seed 1 is at chance from 16 blocks, seed 2 from 64: on both, from 64.
    expect(degradationNumbers(file, 'adam')).toEqual({
      plainFitsUpTo: 4,
      plainAtChanceFrom: 64,
      plainDiverged: [{ blocks: 64, seeds: 2, steps: [1] }],
    });
    expect(degradationNumbers(file, 'adam', [3])).toEqual({
      plainFitsUpTo: 4,
      plainAtChanceFrom: null,
      plainDiverged: [],
    });
  });
});
