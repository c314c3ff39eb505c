/**
 * The TrainerHost tests' harness: a host on tfjs's current backend (or the deps given) whose
 * posted messages are kept, read by type, and a wait for a condition the host's own tasks
 * reach. Not part of the worker: only tests import it.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { FromWorker } from '../../src/model/worker/protocol';
import { TrainerHost, type HostDeps } from '../../src/model/worker/trainer-host';

/** A host that keeps what it posts; `of(type)` reads the messages of one type, in order. */
export function hostHarness(extra: Partial<HostDeps> = {}) {
  const posted: FromWorker[] = [];
  const host = new TrainerHost({
    post: (m) => posted.push(m),
    backend: () => tf.getBackend(),
    ...extra,
  });
  const of = <T extends FromWorker['type']>(type: T) =>
    posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { host, posted, of };
}

/**
 * Lets the host's tasks run (one macrotask at a time, at most 4,000) until `cond` holds, and
 * fails if it never does: the host trains in slices it schedules itself.
 */
export async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 4000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}
