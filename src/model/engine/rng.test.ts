import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batches';
import { deriveSeed, mulberry32, normalArray, permutation, streamRng } from './rng';

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = Array.from({ length: 5 }, mulberry32(7));
    const b = Array.from({ length: 5 }, mulberry32(7));
    const c = Array.from({ length: 5 }, mulberry32(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
  });

  it('give each named stream its own seed', () => {
    expect(deriveSeed(1, 'block1/dense1/kernel')).not.toBe(deriveSeed(1, 'block1/dense2/kernel'));
    expect(deriveSeed(1, 'x')).not.toBe(deriveSeed(2, 'x'));
    expect(streamRng(3, 'x')()).toBe(streamRng(3, 'x')());
  });

  it('draw normal samples with the requested spread', () => {
    const xs = normalArray(mulberry32(1), 20000, 2);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(1.95);
    expect(sd).toBeLessThan(2.05);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('permute every index exactly once', () => {
    const p = Array.from(permutation(mulberry32(4), 100));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual([...p].sort((a, b) => a - b));
  });
});

describe('BatchSampler', () => {
  it('visits every example once per epoch, then reshuffles', () => {
    const s = new BatchSampler(1, 10, 4);
    const epoch = [...s.next(), ...s.next(), ...s.next()].slice(0, 10);
    expect([...epoch].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('depends only on seed, size and batch size', () => {
    const a = new BatchSampler(5, 100, 16);
    const b = new BatchSampler(5, 100, 16);
    for (let i = 0; i < 10; i++) expect(a.next()).toEqual(b.next());
    expect(new BatchSampler(6, 100, 16).next()).not.toEqual(new BatchSampler(5, 100, 16).next());
  });

  it('serves batches larger than the training set', () => {
    const s = new BatchSampler(1, 3, 7);
    const b = s.next();
    expect(b).toHaveLength(7);
    for (const i of b) expect(i >= 0 && i < 3).toBe(true);
  });
});
