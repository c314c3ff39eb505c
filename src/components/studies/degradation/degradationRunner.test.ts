/**
 * The live sweep runner with a scripted worker: the state a figure shows through a sweep (start,
 * progress with the time left, points, the end), cancel keeping the points, a failure, and a new
 * start replacing a running sweep.
 */
import { describe, expect, it } from 'vitest';
import {
  DEGRADATION_SPEC,
  type SweepPoint,
  type SweepSpec,
} from '../../../model/studies/degradation/spec';
import type { StudyFromWorker, StudyToWorker } from '../../../model/worker/study-protocol';
import { SweepRunner, type StudyWorker } from './degradationRunner';

const spec: SweepSpec = {
  ...DEGRADATION_SPEC,
  depths: [1, 3],
  seeds: [1],
  heldOutSeeds: [],
  optimizers: [DEGRADATION_SPEC.optimizers[0]!],
};

function fakeWorker() {
  const w = {
    sent: [] as StudyToWorker[],
    terminated: false,
    onmessage: null as StudyWorker['onmessage'],
    onerror: null as StudyWorker['onerror'],
    postMessage(m: StudyToWorker) {
      w.sent.push(m);
    },
    terminate() {
      w.terminated = true;
    },
    emit(m: StudyFromWorker) {
      w.onmessage?.({ data: m } as MessageEvent<StudyFromWorker>);
    },
  };
  return w;
}

const point = (arm: 'plain' | 'residual', blocks: number): SweepPoint => ({
  arm,
  blocks,
  seed: 1,
  optimizer: 'adam',
  trainLoss: 0.1,
  trainAccuracy: 0.9,
  testAccuracy: 0.9,
  diverged: false,
  divergedAtStep: null,
  curve: [],
});

function setup() {
  const workers: ReturnType<typeof fakeWorker>[] = [];
  let t = 0;
  const clock = { set: (ms: number) => (t = ms) };
  const runner = new SweepRunner(
    () => {
      const w = fakeWorker();
      workers.push(w);
      return w;
    },
    () => t,
  );
  return { runner, workers, clock };
}

describe('a live sweep', () => {
  it('goes from starting to done, with the run in training, points and the time left', () => {
    const { runner, workers, clock } = setup();
    runner.start(spec);
    expect(runner.state).toMatchObject({ status: 'starting', total: 4, points: [] });
    expect(workers[0]!.sent).toEqual([
      { type: 'degradation', spec: JSON.parse(JSON.stringify(spec)) },
    ]);
    const w = workers[0]!;
    w.emit({ type: 'degradation-started', backend: 'wasm', total: 4 });
    expect(runner.state).toMatchObject({ status: 'running', backend: 'wasm' });
    clock.set(1000);
    w.emit({
      type: 'degradation-progress',
      arm: 'plain',
      blocks: 1,
      seed: 1,
      step: 400,
      steps: 400,
      done: 0,
      total: 4,
    });
    // Costs: (2·1 + 4) and (2·3 + 4) per step, twice each: the first run is 6/32 of the work.
    expect(runner.state.fraction).toBeCloseTo(6 / 32);
    expect(runner.state.secondsLeft).toBeCloseTo((1 * (1 - 6 / 32)) / (6 / 32));
    expect(runner.state.current).toEqual({
      arm: 'plain',
      blocks: 1,
      seed: 1,
      step: 400,
      steps: 400,
    });
    w.emit({ type: 'degradation-point', point: point('plain', 1), done: 1, total: 4 });
    expect(runner.state.points).toHaveLength(1);
    expect(runner.state.done).toBe(1);
    w.emit({ type: 'degradation-done', ms: 5000 });
    expect(runner.state).toMatchObject({ status: 'done', fraction: 1, current: null });
    expect(w.terminated).toBe(true);
  });

  it('cancels at once, keeping its points; a failure is reported', () => {
    const { runner, workers } = setup();
    runner.start(spec);
    workers[0]!.emit({ type: 'degradation-point', point: point('plain', 1), done: 1, total: 4 });
    runner.cancel();
    expect(workers[0]!.terminated).toBe(true);
    expect(runner.state).toMatchObject({ status: 'cancelled', current: null });
    expect(runner.state.points).toHaveLength(1);
    // A message from the terminated worker changes nothing.
    workers[0]!.emit({ type: 'degradation-point', point: point('residual', 1), done: 2, total: 4 });
    expect(runner.state.points).toHaveLength(1);

    runner.start(spec);
    workers[1]!.emit({ type: 'study-error', message: 'no tfjs backend could start' });
    expect(runner.state).toMatchObject({ status: 'failed', error: 'no tfjs backend could start' });
  });

  it('replaces a running sweep when started again', () => {
    const { runner, workers } = setup();
    runner.start(spec);
    runner.start({ ...spec, depths: [2] });
    expect(workers[0]!.terminated).toBe(true);
    expect(runner.state).toMatchObject({ status: 'starting', total: 2, points: [] });
  });
});
