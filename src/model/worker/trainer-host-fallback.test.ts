// @vitest-environment node
/**
 * A backend that fails inside a step (a lost WebGL context, an out-of-memory wasm heap): the host
 * asks for the next backend, rebuilds the runs on it, tells the lab which backend it restarted
 * on, and trains on. Without a backend left it reports the error instead. nextBackend is the
 * order the lab follows when a whole worker fails.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../engine/config';
import { Session } from '../engine/experiment';
import { useCpuBackend } from '../../../tests/support/engine';
import { nextBackend } from './backend';
import { hostHarness } from '../../../tests/support/host';

beforeAll(useCpuBackend);
afterEach(() => {
  vi.restoreAllMocks();
});

const small = parseConfig({ dataset: 'circles', blocks: 2, width: 8, batchSize: 16, steps: 50 });

/** A host whose backend is called `webgl` until the fallback switches it to `cpu`. */
function makeHost(fallbackTo: string | null) {
  let backend = 'webgl';
  const fallback = vi.fn(async () => {
    if (fallbackTo) backend = fallbackTo;
    return fallbackTo;
  });
  const { host, of } = hostHarness({ backend: () => backend, fallback });
  return { host, of, fallback };
}

describe('TrainerHost on a failing backend', () => {
  it('restarts on the next backend, says so and trains on', async () => {
    const { host, of, fallback } = makeHost('cpu');
    await host.handle({ type: 'configure', generation: 3, configs: [small] });
    expect(of('ready').map((m) => m.backend)).toEqual(['webgl']);

    // The next step fails the way tfjs does when the WebGL context is lost.
    vi.spyOn(Session.prototype, 'step').mockRejectedValueOnce(new Error('WebGL context lost'));
    await host.handle({ type: 'step' });

    expect(fallback).toHaveBeenCalledWith('webgl');
    const restart = of('error').at(-1)!;
    expect(restart.generation).toBe(3);
    expect(restart.restartedOn).toBe('cpu');
    expect(restart.message).toMatch(
      /webgl backend failed \(WebGL context lost\); restarted on cpu/,
    );
    // Rebuilt on cpu: a new `ready` and a fresh step 0, then training goes on.
    expect(of('ready').map((m) => m.backend)).toEqual(['webgl', 'cpu']);
    expect(of('metrics').at(-1)!.records[0]!.step).toBe(0);
    await host.handle({ type: 'step' });
    await host.handle({ type: 'step' });
    expect(of('metrics').at(-1)!.records[0]!.step).toBe(2);
    expect(host.sessionCount).toBe(1);
    host.dispose();
  });

  it('reports the failure when no backend is left, and leaks nothing', async () => {
    const { host, of } = makeHost(null);
    await host.handle({ type: 'configure', generation: 1, configs: [small] });
    const before = tf.memory().numTensors;
    vi.spyOn(Session.prototype, 'step').mockRejectedValueOnce(new Error('WebGL context lost'));
    await host.handle({ type: 'step' });
    const error = of('error').at(-1)!;
    expect(error.message).toBe('WebGL context lost');
    expect(error.restartedOn).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    host.dispose();
  });
});

describe('nextBackend', () => {
  it('moves from wasm to webgl to cpu, then gives up', () => {
    expect(nextBackend('wasm')).toBe('webgl');
    expect(nextBackend('webgl')).toBe('cpu');
    expect(nextBackend('cpu')).toBeUndefined();
    expect(nextBackend('')).toBeUndefined();
  });
});
