// @vitest-environment node
/**
 * The study worker's logic in Node: the messages each study's job produces, in order, with throttled
 * progress; a second job while one runs is refused; a failure becomes an error message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../engine/config';
import { deepPair } from '../studies/thousand-layers/spec';
import type { PathsSpec } from '../studies/paths/spec';
import { SHATTERED_SPEC } from '../studies/shattered/spec';
import type { SweepSpec } from '../studies/degradation/spec';
import { useCpuBackend } from '../../../tests/support/engine';
import { StudyHost } from './study-host';
import type { StudyFromWorker, StudyToWorker } from './study-protocol';

beforeAll(useCpuBackend);

const spec: SweepSpec = {
  base: parseConfig({ dataset: 'circles', width: 8, batchSize: 32, steps: 6 }),
  depths: [1, 2],
  seeds: [1],
  heldOutSeeds: [],
  optimizers: [{ optimizer: 'adam', learningRate: 0.01 }],
  curveEvery: 3,
};

function host(progressMs = 0) {
  const sent: StudyFromWorker[] = [];
  let t = 0;
  const h = new StudyHost({
    post: (m) => sent.push(m),
    prepare: () => Promise.resolve('cpu'),
    now: () => (t += 1),
    progressMs,
  });
  return { h, sent };
}

describe('the study host with the degradation sweep', () => {
  it('reports start, progress for every step, each point and the end', async () => {
    const { h, sent } = host();
    await h.handle({ type: 'degradation', spec });
    expect(sent[0]).toEqual({ type: 'degradation-started', backend: 'cpu', total: 4 });
    const points = sent.filter((m) => m.type === 'degradation-point');
    expect(points.map((m) => [m.point.blocks, m.point.arm, m.done])).toEqual([
      [1, 'plain', 1],
      [1, 'residual', 2],
      [2, 'plain', 3],
      [2, 'residual', 4],
    ]);
    const progress = sent.filter((m) => m.type === 'degradation-progress');
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
    expect(sent.at(-1)!.type).toBe('degradation-done');
  });

  it('throttles progress but always reports the last step of a run', async () => {
    const { h, sent } = host(1e9);
    await h.handle({ type: 'degradation', spec });
    const progress = sent.filter((m) => m.type === 'degradation-progress');
    // The first step of the sweep, then only the last step of each run.
    expect(progress.map((m) => m.step)).toEqual([1, 6, 6, 6, 6]);
  });

  it('refuses a second job while one runs, and reports a failure as an error', async () => {
    const { h, sent } = host();
    const first = h.handle({ type: 'degradation', spec });
    await h.handle({ type: 'degradation', spec });
    expect(sent).toContainEqual({
      type: 'study-error',
      message: 'a study is already running in this worker',
    });
    await first;
    const failing = new StudyHost({
      post: (m) => sent.push(m),
      prepare: () => Promise.reject(new Error('no backend')),
    });
    await failing.handle({ type: 'degradation', spec });
    expect(sent.at(-1)).toEqual({ type: 'study-error', message: 'no backend' });
  });

  it('answers a job of a study the registry does not know with an error, not another study', async () => {
    const { h, sent } = host();
    await h.handle(JSON.parse('{"type":"sweep","spec":{}}') as StudyToWorker);
    expect(sent).toEqual([{ type: 'study-error', message: 'there is no study "sweep"' }]);
  });
});

describe('the study host with a deep pair', () => {
  const pair = deepPair(
    {
      base: parseConfig({ dataset: 'spiral', blocks: 2, width: 8, batchSize: 32 }),
      optimizers: ['momentum'],
      learningRates: { momentum: [0.05], adam: [] },
      seeds: [1],
      heldOutSeeds: [],
    },
    { optimizer: 'momentum', learningRate: 0.05, seed: 1 },
  );

  it('says what it does before step 1, then reports every step with its time, then the traces', async () => {
    const { h, sent } = host();
    await h.handle({ type: 'thousand-layers', pair, steps: 3 });
    expect(sent.slice(0, 2)).toEqual([
      { type: 'deep-phase', phase: 'building', backend: 'cpu' },
      { type: 'deep-phase', phase: 'training', backend: 'cpu' },
    ]);
    const steps = sent.filter((m) => m.type === 'deep-step');
    expect(steps.map((m) => [m.step, m.steps, m.losses.length])).toEqual([
      [0, 3, 2],
      [1, 3, 2],
      [2, 3, 2],
    ]);
    // The fake clock advances by 1 per reading: each step's time is measured from the last.
    for (const m of steps) expect(m.ms).toBeGreaterThan(0);
    const done = sent.at(-1)!;
    if (done.type !== 'deep-done') throw new Error(`ended with ${done.type}`);
    expect(done.traces.map((t) => [t.order, t.loss.length])).toEqual([
      ['post', 3],
      ['pre', 3],
    ]);
  });

  it('turns a failure into an error message and takes the next job', async () => {
    const { h, sent } = host();
    const bad = { ...pair, configs: [{ ...pair.configs[0]!, dataset: 'nope' as 'spiral' }] };
    await h.handle({ type: 'thousand-layers', pair: bad, steps: 1 });
    expect(sent.at(-1)).toMatchObject({ type: 'study-error' });
    await h.handle({ type: 'thousand-layers', pair, steps: 1 });
    expect(sent.at(-1)).toMatchObject({ type: 'deep-done' });
  });
});

describe('the study host with a lesion study', () => {
  it('reports training progress, each net as it is taken apart, and the end', async () => {
    const { h, sent } = host();
    const spec = {
      base: parseConfig({ dataset: 'circles', blocks: 2, width: 8, batchSize: 32, steps: 3 }),
      seeds: [1],
      heldOutSeeds: [],
      draws: 1,
      kMax: 1,
    };
    await h.handle({ type: 'lesion', spec });
    const progress = sent.filter((m) => m.type === 'lesion-progress');
    expect(progress[0]).toMatchObject({ arm: 'plain', seed: 1, step: 1, steps: 3, done: 0 });
    const runs = sent.filter((m) => m.type === 'lesion-run');
    expect(runs.map((m) => [m.run.arm, m.done, m.total])).toEqual([
      ['plain', 1, 2],
      ['residual', 2, 2],
    ]);
    expect(sent.at(-1)!.type).toBe('lesion-done');
  });
});

describe('the study host with a path-length study', () => {
  it('reports measuring, training and measuring again for each net, each run, and the end', async () => {
    const { h, sent } = host();
    const spec: PathsSpec = {
      base: parseConfig({
        dataset: 'circles',
        blocks: 3,
        width: 8,
        batchSize: 16,
        steps: 2,
        order: 'pre',
      }),
      branchScales: [0.5, 1],
      seeds: [1],
      heldOutSeeds: [2],
      exact: true,
      samples: 2,
    };
    await h.handle({ type: 'paths', spec });
    const phases = sent.flatMap((m) =>
      m.type === 'paths-progress' && m.seed === 1 && m.branchScale === 0.5
        ? [m.progress.phase]
        : [],
    );
    // 2n + 1 = 7 steps measured at init (3 blocks, then 4 lengths), two training steps, 7 after.
    expect(phases).toEqual([
      ...Array(7).fill('init'),
      'training',
      'training',
      ...Array(7).fill('trained'),
    ]);
    const runs = sent.filter((m) => m.type === 'paths-run');
    // Every seed, the held-out one too, at every branch scale.
    expect(runs.map((m) => [m.run.seed, m.run.branchScale, m.done, m.total])).toEqual([
      [1, 0.5, 1, 4],
      [1, 1, 2, 4],
      [2, 0.5, 3, 4],
      [2, 1, 4, 4],
    ]);
    expect(runs[0]!.type === 'paths-run' && runs[0]!.run.init.rows.map((r) => r.k)).toEqual([
      0, 1, 2, 3,
    ]);
    expect(sent.at(-1)!.type).toBe('paths-done');
  });

  it('refuses a net it cannot split into paths with an error message', async () => {
    const { h, sent } = host();
    const base = parseConfig({ dataset: 'circles', blocks: 2, width: 8, steps: 1, order: 'post' });
    await h.handle({
      type: 'paths',
      spec: { base, branchScales: [1], seeds: [1], heldOutSeeds: [], exact: true, samples: 1 },
    });
    expect(sent.at(-1)).toMatchObject({
      type: 'study-error',
      message: expect.stringContaining('pre-activation residual nets only') as string,
    });
  });
});

describe('the study host with the shattered-gradients measurement', () => {
  it('reports each net measured and ends with every run', async () => {
    const { h, sent } = host();
    const spec = {
      ...SHATTERED_SPEC,
      depths: [1, 2],
      seeds: [3],
      heldOutSeeds: [],
      branchScales: [0.1],
      points: 16,
      maxLag: 4,
      traceDepths: [2],
    };
    await h.handle({ type: 'shattered', spec });
    const progress = sent.filter((m) => m.type === 'shattered-progress');
    expect(progress.map((m) => [m.done, m.total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    const done = sent.at(-1)!;
    if (done.type !== 'shattered-done') throw new Error('expected the end');
    expect(
      done.runs.map((r) => [
        r.arm,
        r.branchScale,
        r.depth,
        r.seed,
        r.acf.length,
        r.gradient?.length,
      ]),
    ).toEqual([
      ['plain', null, 1, 3, 5, undefined],
      ['plain', null, 2, 3, 5, 16],
      ['residual', 0.1, 1, 3, 5, undefined],
      ['residual', 0.1, 2, 3, 5, 16],
    ]);
  });
});

describe('the study host with loss-landscape slices', () => {
  it('reports training, slicing with each kind of statistics, each slice as it ends, and the end', async () => {
    const { h, sent } = host();
    const spec = {
      base: parseConfig({ dataset: 'circles', width: 8, batchSize: 16, steps: 2 }),
      depths: [2],
      seeds: [1],
      heldOutSeeds: [],
      bnStatistics: ['frozen', 'recomputed'] as const,
      // Never reached: each net takes its two steps.
      training: { targetLoss: 0, checkEvery: 1 },
      grid: 3,
      span: 1,
      rows: 16,
    };
    await h.handle({ type: 'landscape', spec });
    const plain = sent.flatMap((m) =>
      m.type === 'landscape-progress' && m.arm === 'plain'
        ? [[m.blocks, m.statistics, m.done, m.total, m.slices, m.slicesTotal]]
        : [],
    );
    expect(plain).toEqual([
      [2, null, 1, 2, 0, 4],
      [2, null, 2, 2, 0, 4],
      [2, 'frozen', 3, 9, 0, 4],
      [2, 'frozen', 6, 9, 0, 4],
      [2, 'frozen', 9, 9, 0, 4],
      [2, 'recomputed', 3, 9, 1, 4],
      [2, 'recomputed', 6, 9, 1, 4],
      [2, 'recomputed', 9, 9, 1, 4],
    ]);
    const runs = sent.filter((m) => m.type === 'landscape-run');
    expect(
      runs.map((m) => [m.run.arm, m.run.statistics, m.run.result.losses.length, m.done, m.total]),
    ).toEqual([
      ['plain', 'frozen', 9, 1, 4],
      ['plain', 'recomputed', 9, 2, 4],
      ['residual', 'frozen', 9, 3, 4],
      ['residual', 'recomputed', 9, 4, 4],
    ]);
    expect(runs[0]!.run.trained).toMatchObject({ steps: 2, reached: false });
    expect(sent.at(-1)!.type).toBe('landscape-done');
  });
});
