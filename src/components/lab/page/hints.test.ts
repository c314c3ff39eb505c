import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../../model/engine/config';
import { controlHint, HINTS, relativeWork } from './hints';

const net = (extra: Partial<ExperimentConfig>): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  blocks: 24,
  width: 32,
  batchSize: 64,
  ...extra,
});

describe('controlHint', () => {
  it('counts the work of all twins against the base network', () => {
    expect(relativeWork([net({})])).toBe(1);
    expect(relativeWork([net({}), net({ blocks: 48 })])).toBe(3);
    expect(relativeWork([net({ blocks: 100, width: 256 })])).toBeCloseTo(266.7, 1);
  });
  it('says how slow a lab will be, from a second a step to half a minute for step 0', () => {
    expect(controlHint('width', [net({ width: 128 })])).toBeNull(); // 16× the base work
    expect(controlHint('width', [net({ width: 256 })])).toBe(HINTS.slowStep);
    expect(controlHint('batchSize', [net({ width: 128, batchSize: 512 })])).toBe(HINTS.slowStep);
    expect(controlHint('blocks', [net({ blocks: 100, width: 256 })])).toBe(HINTS.slowStart);
    // Twins step together: two nets of width 256 at 50 blocks are as slow as one of 100.
    const twins = [net({ blocks: 50, width: 256 }), net({ blocks: 50, width: 256 })];
    expect(controlHint('blocks', twins, 1)).toBe(HINTS.slowStart);
  });
  it('reserves divergence for nets without batch norm', () => {
    expect(controlHint('learningRate', [net({ learningRate: 0.3, norm: 'none' })])).toBeNull();
    expect(controlHint('learningRate', [net({ learningRate: 1, norm: 'none' })])).toBe(
      HINTS.diverge,
    );
    expect(controlHint('learningRate', [net({ learningRate: 1, norm: 'batch' })])).toBeNull();
    expect(controlHint('learningRate', [net({ learningRate: 3, norm: 'batch' })])).toBe(
      HINTS.unstable,
    );
    const mixed = [net({ learningRate: 1 }), net({ learningRate: 1, norm: 'none' })];
    expect(controlHint('learningRate', mixed)).toBe(HINTS.diverge);
  });
  it('flags batches up to 8 and widths up to 4', () => {
    expect(controlHint('batchSize', [net({ batchSize: 8 })])).toBe(HINTS.smallBatch);
    expect(controlHint('batchSize', [net({ batchSize: 16 })])).toBeNull();
    expect(controlHint('batchSize', [net({ batchSize: 1, norm: 'none' })])).toBe(HINTS.smallBatch);
    expect(controlHint('batchSize', [net({ batchSize: 1 })])).toBe(HINTS.oneExample);
    expect(controlHint('width', [net({ width: 4 })])).toBe(HINTS.narrow);
    expect(controlHint('width', [net({ width: 8 })])).toBeNull();
  });
});
