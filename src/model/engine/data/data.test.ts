import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../config';
import { DATASET_CLASSES } from './classes';
import { DIGITS_COUNT, DIGITS_RECORD_BYTES, parseDigits } from './digits';
import { loadDataset, testSize, trainSize } from './index';
import { PLANAR_DATASETS, PLANAR_TEST_SIZE, PLANAR_TRAIN_SIZE, makePlanarDataset } from './planar';

const digitsBytes = () => new Uint8Array(readFileSync('public/data/digits.bin'));

describe('planar datasets', () => {
  it.each(PLANAR_DATASETS)('%s has balanced classes, finite points in about [-1, 1]²', (name) => {
    const d = makePlanarDataset(name, 1);
    expect(trainSize(d)).toBe(PLANAR_TRAIN_SIZE);
    expect(testSize(d)).toBe(PLANAR_TEST_SIZE);
    expect(d.trainX).toHaveLength(2 * PLANAR_TRAIN_SIZE);
    expect(d.trainY.filter((y) => y === 1).length).toBe(PLANAR_TRAIN_SIZE / 2);
    for (const v of [...d.trainX, ...d.testX]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThan(1.5);
    }
  });

  it.each(PLANAR_DATASETS)('%s repeats for a seed, changes with it, keeps test apart', (name) => {
    const a = makePlanarDataset(name, 3);
    expect(makePlanarDataset(name, 3)).toEqual(a);
    expect(makePlanarDataset(name, 4).trainX).not.toEqual(a.trainX);
    expect(a.testX.slice(0, 20)).not.toEqual(a.trainX.slice(0, 20));
  });

  it('labels follow the geometry (circles: inner disc is class 0)', () => {
    const d = makePlanarDataset('circles', 1);
    for (let i = 0; i < trainSize(d); i++) {
      const r = Math.hypot(d.trainX[2 * i]!, d.trainX[2 * i + 1]!);
      if (r < 0.4) expect(d.trainY[i]).toBe(0);
      if (r > 0.8) expect(d.trainY[i]).toBe(1);
    }
  });
});

describe('digits', () => {
  it('decodes the shipped file into a seeded 80/20 split', () => {
    const d = parseDigits(digitsBytes(), 1);
    expect(d.inputDim).toBe(64);
    expect(d.numClasses).toBe(10);
    expect(trainSize(d) + testSize(d)).toBe(DIGITS_COUNT);
    expect(testSize(d)).toBe(359);
    expect(Math.max(...d.trainX)).toBe(1);
    expect(Math.min(...d.trainX)).toBe(0);
    expect(new Set(d.trainY).size).toBe(10);
    expect(parseDigits(digitsBytes(), 1)).toEqual(d);
    expect(parseDigits(digitsBytes(), 2).testY).not.toEqual(d.testY);
  });

  it('matches the first row of the source CSV', () => {
    const bytes = digitsBytes();
    // First row of the source CSV (public/data/README.md): a zero.
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(bytes[DIGITS_RECORD_BYTES - 1]).toBe(0);
  });

  it('rejects a truncated or corrupt file', () => {
    expect(() => parseDigits(new Uint8Array(10), 1)).toThrow(/expected 116805/);
    const bad = digitsBytes();
    bad[64] = 12; // a label above 9
    expect(() => parseDigits(bad, 1)).toThrow(/label 12/);
  });
});

describe('loadDataset', () => {
  it('builds every dataset the config allows', async () => {
    for (const name of DATASETS) {
      const d = await loadDataset(name, 1, async () => digitsBytes());
      expect(d.name).toBe(name);
    }
  });

  it('says so when digits are asked for without a loader', async () => {
    await expect(loadDataset('digits', 1)).rejects.toThrow(/needs a loader/);
  });
});

describe('the class counts known before loading', () => {
  it.each(DATASETS)('%s: as many as the loaded set has', async (name) => {
    const d = await loadDataset(name, 1, async () => digitsBytes());
    expect(DATASET_CLASSES[name]).toBe(d.numClasses);
  });
});
