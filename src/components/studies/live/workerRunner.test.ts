/**
 * What the live runners share (workerRunner.ts), through the path-length runner: a run starts on
 * its spec's first seed, a worker's error or crash ends it as failed, messages of other jobs and of
 * a replaced worker are ignored, its progress reports are timed for the time left; and the status
 * lines every run says alike.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { PathsPhase } from '../../../model/studies/paths/run';
import type { PathsSpec } from '../../../model/studies/paths/spec';
import { fakeStudyWorkers } from '../../../../tests/support/fakeStudyWorkers';
import { PathsRunner, pathsStatusText } from '../paths/pathsRunner';
import { secondsLeft } from './timeLeft';
import { oneSeed, runStatusText, type RunState } from './workerRunner';

const spec: PathsSpec = {
  base: parseConfig({ blocks: 2 }),
  branchScales: [0.5, 1],
  seeds: [3, 4],
  heldOutSeeds: [5],
  exact: true,
  samples: 4,
};

function started() {
  const fake = fakeStudyWorkers();
  const runner = new PathsRunner(fake.make);
  runner.start(spec);
  return { ...fake, runner };
}

describe('a live runner', () => {
  it('starts from the idle state on the first seed and sends its worker that seed alone', () => {
    const { runner, job } = started();
    expect(runner.state).toEqual({
      status: 'starting',
      seed: 3,
      branchScale: 0.5,
      blocks: 2,
      run: null,
      progress: null,
      error: null,
    });
    // The path-length runner also runs the first branch scale alone, and no held-out seed.
    expect(job('paths').spec).toEqual({
      ...spec,
      seeds: [3],
      heldOutSeeds: [],
      branchScales: [0.5],
    });
  });

  it("ends as failed on its worker's error, and ignores the messages of other jobs", () => {
    const { runner, emit, workers } = started();
    emit({ type: 'lesion-done', ms: 1 });
    expect(runner.state.status).toBe('starting');
    emit({ type: 'study-error', message: 'out of memory' });
    expect(workers[0]!.terminated).toBe(true);
    expect(pathsStatusText(runner.state)).toBe('The study failed: out of memory.');
  });

  it('ends as failed when its worker crashes, and ignores a replaced worker', () => {
    const { runner, workers } = started();
    runner.start(spec);
    const [old, current] = workers;
    old!.onmessage?.({ data: { type: 'paths-done', ms: 1 } } as MessageEvent);
    expect(runner.state.status).toBe('starting');
    current!.onerror?.({ message: '', preventDefault() {} } as ErrorEvent);
    expect(runner.state).toMatchObject({ status: 'failed', error: 'the worker failed' });
  });
});

describe('the clock of a live run', () => {
  it('times the first and the latest progress report of a run, and starts again with a new run', () => {
    const fake = fakeStudyWorkers();
    let ms = 100;
    const runner = new PathsRunner(fake.make, () => ms);
    runner.start(spec);
    // Starting (loading tfjs) is not timed.
    expect(runner.state.clock).toBeUndefined();
    const at = (progress: PathsPhase) =>
      fake.emit({ type: 'paths-progress', seed: 3, branchScale: 0.5, progress, done: 0, total: 1 });
    ms = 2_000;
    at({ phase: 'training', step: 30, steps: 300 });
    ms = 6_000;
    at({ phase: 'training', step: 150, steps: 300 });
    // Training from 0.1 of the study (pathsProgress): 0.08 then 0.4 of its 0.8.
    expect(runner.state.clock?.first).toEqual({ ms: 2_000, value: 0.18 });
    expect(runner.state.clock?.last.ms).toBe(6_000);
    expect(runner.state.clock?.last.value).toBeCloseTo(0.5, 12);
    // 0.32 in 4 s: the 0.5 left take 6.25 s.
    expect(secondsLeft(runner.state.clock, 1)).toBeCloseTo(6.25, 9);
    runner.start(spec);
    expect(runner.state.clock).toBeUndefined();
  });
});

describe('the seed of a live run', () => {
  it("is the spec's first, or 1 when it names none", () => {
    expect(oneSeed({ seeds: [3, 4], samples: 4 })).toEqual({
      seed: 3,
      spec: { seeds: [3], samples: 4 },
    });
    expect(oneSeed({ seeds: [] }).seed).toBe(1);
  });
});

describe('the status line of a run', () => {
  const line = (status: string, error: string | null = null) =>
    runStatusText({ status, error } as RunState, 'study', { done: () => 'Done.' });

  it('says nothing before a run, that the worker starts, why a run failed, and its own lines', () => {
    expect(line('idle')).toBe('');
    expect(line('starting')).toBe('Starting the worker…');
    expect(line('failed', 'no memory')).toBe('The study failed: no memory.');
    expect(line('failed')).toBe('The study failed: unknown error.');
    expect(line('done')).toBe('Done.');
    const own = { starting: () => 'Loading tfjs…', done: () => 'Done.' };
    expect(runStatusText({ status: 'starting', error: null }, 'run', own)).toBe('Loading tfjs…');
  });
});
