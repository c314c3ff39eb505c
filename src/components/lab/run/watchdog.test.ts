import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { FromWorker, ToWorker } from '../../../model/worker/protocol';
import { createFakeTransport } from '../../../../tests/support/fakeTransport';
import { systemClock } from './clock';
import { watched } from './recovery';
import {
  allowanceMs,
  COST_FACTOR,
  FLOOR_MS,
  GAP_FACTOR,
  longestPhaseMs,
  STARTUP_MS,
  Watchdog,
} from './watchdog';

const small = parseConfig({ dataset: 'circles', blocks: 2, width: 8 });
const huge = parseConfig({ dataset: 'spiral', blocks: 100, width: 256 });

const configure = (configs = [small]): ToWorker => ({
  type: 'configure',
  generation: 1,
  configs,
  backend: 'wasm',
});
const ready: FromWorker = { type: 'ready', generation: 1, backend: 'wasm', layers: [], points: [] };
const metrics: FromWorker = { type: 'metrics', generation: 1, records: [] };
/** The report of one step (0 = the profile at initialisation, before any update). */
const stepped = (step: number): FromWorker => ({
  type: 'metrics',
  generation: 1,
  records: [
    {
      step,
      loss: 0.7,
      accuracy: 0.5,
      gradNorms: new Float32Array(6),
      signalGradNorms: new Float32Array(3),
      activationNorms: new Float32Array(3),
      finite: true,
    },
  ],
});
const idle = (handled: number): FromWorker => ({ type: 'idle', generation: 1, handled });

/** A watchdog on the fake clock; `skew` moves its clock without firing timers (a suspension). */
function makeDog() {
  const onSilent = vi.fn();
  const clock = { skew: 0 };
  const dog = new Watchdog({
    onSilent,
    clock: { ...systemClock, now: () => Date.now() + clock.skew },
  });
  return { dog, onSilent, clock };
}

/**
 * A started worker (it has reported a training step) that is training: a reply is always
 * expected.
 */
function training(configs = [small]) {
  const d = makeDog();
  d.dog.sent(configure(configs));
  d.dog.heard(ready);
  d.dog.heard(stepped(0));
  d.dog.heard(idle(1));
  d.dog.sent({ type: 'train' });
  d.dog.heard(stepped(1));
  return d;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the silence allowance', () => {
  it('is the floor for small networks once started, and longer while the worker starts', () => {
    expect(longestPhaseMs([small], 'wasm')).toBeLessThan(100);
    expect(allowanceMs(0, longestPhaseMs([small], 'wasm'), true)).toBe(FLOOR_MS);
    expect(allowanceMs(0, longestPhaseMs([small], 'wasm'), false)).toBe(STARTUP_MS);
  });

  it('scales with the size of the networks and the slowness of the backend', () => {
    // 100 blocks × width 256 on wasm: boundary phases measured at 38–53 s.
    const wasm = longestPhaseMs([huge], 'wasm');
    expect(wasm).toBeGreaterThan(40_000);
    expect(wasm).toBeLessThan(60_000);
    expect(longestPhaseMs([huge], 'cpu')).toBeGreaterThan(5 * wasm);
    expect(longestPhaseMs([huge, huge], 'wasm')).toBeCloseTo(2 * wasm);
    expect(allowanceMs(0, wasm, true)).toBe(COST_FACTOR * wasm);
    // A bigger batch makes the step the longest phase.
    const batch = parseConfig({ ...huge, batchSize: 1024 });
    expect(longestPhaseMs([batch], 'wasm')).toBeGreaterThan(3 * wasm);
  });

  it('grows with the slowest silence the worker has shown', () => {
    expect(allowanceMs(20_000, 0, true)).toBe(GAP_FACTOR * 20_000);
    expect(GAP_FACTOR * 20_000).toBeGreaterThan(FLOOR_MS);
  });
});

describe('Watchdog', () => {
  it('reports a worker that goes silent while training, after the floor', async () => {
    const { onSilent } = training();
    await vi.advanceTimersByTimeAsync(FLOOR_MS - 1);
    expect(onSilent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onSilent).toHaveBeenCalledTimes(1);
    expect(onSilent.mock.calls[0]![0]).toBe(FLOOR_MS);
    await vi.advanceTimersByTimeAsync(10 * FLOOR_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('says nothing about a worker that keeps talking, or one with nothing to do', async () => {
    const { dog, onSilent } = training();
    for (let i = 0; i < 100; i++) {
      await vi.advanceTimersByTimeAsync(FLOOR_MS / 2);
      dog.heard(metrics);
    }
    dog.sent({ type: 'pause' });
    dog.heard(idle(3));
    expect(dog.waiting).toBe(false);
    await vi.advanceTimersByTimeAsync(100 * FLOOR_MS);
    expect(onSilent).not.toHaveBeenCalled();
  });

  it('waits for the answer to the latest message, not an older idle', async () => {
    const { dog, onSilent } = makeDog();
    dog.sent(configure());
    dog.heard(ready);
    dog.heard(stepped(0));
    dog.sent({ type: 'step' });
    dog.heard(stepped(1));
    dog.sent({ type: 'step' });
    dog.heard(idle(2)); // the configure and the first step are done; the second step is not
    expect(dog.waiting).toBe(true);
    await vi.advanceTimersByTimeAsync(FLOOR_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('gives a worker that has not started yet the start-up allowance', async () => {
    const { dog, onSilent } = makeDog();
    dog.sent(configure());
    dog.heard({ type: 'progress', generation: 1, phase: 'backend', step: 0 });
    await vi.advanceTimersByTimeAsync(STARTUP_MS - 1);
    expect(onSilent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('keeps the start-up allowance through step 0 and the first update, where webgl compiles', async () => {
    const { dog, onSilent } = makeDog();
    dog.sent(configure());
    dog.heard(ready);
    // Step 0 and the untrained boundaries, each compiling its shaders on software GL.
    dog.heard({ type: 'progress', generation: 1, phase: 'step', step: 0 });
    await vi.advanceTimersByTimeAsync(STARTUP_MS - 1);
    dog.heard(stepped(0));
    await vi.advanceTimersByTimeAsync(STARTUP_MS - 1);
    dog.heard(idle(1));
    // The first update compiles the optimizer's shaders.
    dog.sent({ type: 'train' });
    await vi.advanceTimersByTimeAsync(STARTUP_MS - 1);
    expect(onSilent).not.toHaveBeenCalled();
    dog.heard(stepped(1));
    // From the first update on, the floor: those silences did not stretch it.
    expect(dog.allowance).toBe(FLOOR_MS);
    await vi.advanceTimersByTimeAsync(FLOOR_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
    expect(onSilent.mock.calls[0]![0]).toBe(FLOOR_MS);
  });

  it('does not let a slow start-up stretch the allowance once the worker has started', async () => {
    const { dog, onSilent } = makeDog();
    dog.sent(configure());
    await vi.advanceTimersByTimeAsync(40_000);
    dog.heard({ type: 'progress', generation: 1, phase: 'backend', step: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    dog.heard(ready);
    dog.heard(stepped(0));
    dog.heard(idle(1));
    dog.sent({ type: 'train' });
    dog.heard(stepped(1));
    expect(dog.allowance).toBe(FLOOR_MS);
    await vi.advanceTimersByTimeAsync(FLOOR_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
    expect(onSilent.mock.calls[0]![0]).toBe(FLOOR_MS);
  });

  it('lets a huge network take its long phases, announced by progress messages', async () => {
    const { dog, onSilent } = training([huge]);
    const allowance = dog.allowance;
    expect(allowance).toBeGreaterThan(100_000);
    // Silences of 50 s between phases (a boundary of 100 blocks × 256 on wasm): no alarm.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(50_000);
      dog.heard({ type: 'progress', generation: 1, phase: 'boundary', step: i });
    }
    expect(onSilent).not.toHaveBeenCalled();
    // The slowest silence now counts too.
    expect(dog.allowance).toBe(Math.max(allowance, GAP_FACTOR * 50_000));
    await vi.advanceTimersByTimeAsync(dog.allowance);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('starts over when the page itself was suspended', async () => {
    const { onSilent, clock } = training();
    await vi.advanceTimersByTimeAsync(FLOOR_MS / 2);
    // The machine sleeps for a minute: the clock jumps, the timer fires late.
    clock.skew += 60_000;
    await vi.advanceTimersByTimeAsync(FLOOR_MS / 2);
    expect(onSilent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(FLOOR_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('stops when disposed', async () => {
    const { dog, onSilent } = training();
    dog.dispose();
    await vi.advanceTimersByTimeAsync(10 * FLOOR_MS);
    expect(onSilent).not.toHaveBeenCalled();
  });
});

describe('watched', () => {
  it('reports a hung worker to the listener as a failure with its silence', async () => {
    const fake = createFakeTransport('wasm');
    const t = watched(fake, { clock: { ...systemClock, now: () => Date.now() } });
    const onMessage = vi.fn();
    const onError = vi.fn();
    t.listen(onMessage, onError);
    t.post(configure());
    expect(onMessage).toHaveBeenCalled();
    t.post({ type: 'train' });
    await vi.advanceTimersByTimeAsync(3 * FLOOR_MS);
    expect(onError).not.toHaveBeenCalled(); // the fake's status heartbeat while training
    fake.hang();
    await vi.advanceTimersByTimeAsync(FLOOR_MS);
    expect(onError).toHaveBeenCalledWith(
      'the training worker stopped responding (silent for 15 s)',
      FLOOR_MS,
    );
    t.terminate();
    expect(fake.terminated).toBe(true);
  });
});
