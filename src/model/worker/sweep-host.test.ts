// @vitest-environment node
/**
 * The sweep worker's logic in Node: the messages a sweep produces, in order, with throttled
 * progress; a second sweep while one runs is refused; a failure becomes an error message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import type { SweepSpec } from '../sweep-spec';
import { useCpuBackend } from '../testing';
import { SweepHost } from './sweep-host';
import type { SweepFromWorker } from './sweep-protocol';

beforeAll(useCpuBackend);

const spec: SweepSpec = {
  base: parseConfig({ dataset: 'circles', width: 8, batchSize: 32, steps: 6 }),
  depths: [1, 2],
  seeds: [1],
  curveEvery: 3,
};

function host(progressMs = 0) {
  const sent: SweepFromWorker[] = [];
  let t = 0;
  const h = new SweepHost({
    post: (m) => sent.push(m),
    prepare: () => Promise.resolve('cpu'),
    now: () => (t += 1),
    progressMs,
  });
  return { h, sent };
}

describe('the sweep host', () => {
  it('reports start, progress for every step, each point and the end', async () => {
    const { h, sent } = host();
    await h.handle({ type: 'sweep', spec });
    expect(sent[0]).toEqual({ type: 'sweep-started', backend: 'cpu', total: 4 });
    const points = sent.filter((m) => m.type === 'sweep-point');
    expect(points.map((m) => [m.point.blocks, m.point.arm, m.done])).toEqual([
      [1, 'plain', 1],
      [1, 'residual', 2],
      [2, 'plain', 3],
      [2, 'residual', 4],
    ]);
    const progress = sent.filter((m) => m.type === 'sweep-progress');
    expect(progress).toHaveLength(4 * 6);
    expect(progress[0]).toMatchObject({
      arm: 'plain',
      blocks: 1,
      seed: 1,
      step: 1,
      steps: 6,
      done: 0,
    });
    expect(progress.at(-1)).toMatchObject({ arm: 'residual', blocks: 2, step: 6, done: 3 });
    expect(sent.at(-1)!.type).toBe('sweep-done');
  });

  it('throttles progress but always reports the last step of a run', async () => {
    const { h, sent } = host(1e9);
    await h.handle({ type: 'sweep', spec });
    const progress = sent.filter((m) => m.type === 'sweep-progress');
    // The first step of the sweep, then only the last step of each run.
    expect(progress.map((m) => m.step)).toEqual([1, 6, 6, 6, 6]);
  });

  it('refuses a second sweep while one runs, and reports a failure as an error', async () => {
    const { h, sent } = host();
    const first = h.handle({ type: 'sweep', spec });
    await h.handle({ type: 'sweep', spec });
    expect(sent).toContainEqual({
      type: 'sweep-error',
      message: 'a sweep is already running in this worker',
    });
    await first;
    const failing = new SweepHost({
      post: (m) => sent.push(m),
      prepare: () => Promise.reject(new Error('no backend')),
    });
    await failing.handle({ type: 'sweep', spec });
    expect(sent.at(-1)).toEqual({ type: 'sweep-error', message: 'no backend' });
  });
});
