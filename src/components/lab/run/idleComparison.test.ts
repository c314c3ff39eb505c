/**
 * The page's idle backend comparison on fake time with a scripted worker: it waits for a quiet
 * spell, gives way to any lab that wants to train, and remembers the fastest backend.
 */
import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../../model/worker/protocol';
import { BackendChoice, BACKEND_STORAGE_KEY, readChoice } from './backendChoice';
import { FakeClock } from '../../../../tests/support/fakeClock';
import { compareWhenIdle, QUIET_MS } from './idleComparison';
import { TrainingToken } from './trainingToken';
import type { TrainerTransport } from '../page/transport';

/** A worker that answers `compare-backends` with `ranking` when told to (`answer`). */
function scriptedWorkers() {
  const made: { sent: ToWorker[]; terminated: boolean; answer(r: FromWorker): void }[] = [];
  const make = (): TrainerTransport => {
    let listener: ((m: FromWorker) => void) | null = null;
    const w = {
      sent: [] as ToWorker[],
      terminated: false,
      answer: (m: FromWorker) => listener?.(m),
    };
    made.push(w);
    return {
      post: (m) => w.sent.push(m),
      listen: (onMessage) => {
        listener = onMessage;
        return () => (listener = null);
      },
      terminate: () => (w.terminated = true),
    };
  };
  return { made, make };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

const ranking = [
  { name: 'wasm', ms: 4 },
  { name: 'webgl', ms: 9 },
  { name: 'cpu', ms: Infinity },
];

describe('the idle backend comparison', () => {
  it('starts after a quiet spell and remembers the fastest backend for the next visit', async () => {
    const clock = new FakeClock();
    const storage = memoryStorage();
    const backend = new BackendChoice(storage);
    const training = new TrainingToken();
    const w = scriptedWorkers();
    compareWhenIdle({ backend, training, makeTransport: w.make, clock });
    await clock.advance(QUIET_MS - 1);
    expect(w.made).toHaveLength(0);
    await clock.advance(1);
    expect(w.made[0]!.sent).toEqual([{ type: 'compare-backends' }]);
    w.made[0]!.answer({ type: 'backends', generation: 0, ranking });
    expect(w.made[0]!.terminated).toBe(true);
    expect(training.busy).toBe(false);
    expect(readChoice(storage)).toEqual({ name: 'wasm', ms: { wasm: 4, webgl: 9, cpu: null } });
    // The next visit starts on it and compares no more.
    const next = new BackendChoice(storage);
    expect(next.name).toBe('wasm');
    expect(next.comparisonWanted).toBe(false);
  });

  it('waits while a lab trains, and gives way at once to a lab that wants to train', async () => {
    const clock = new FakeClock();
    const backend = new BackendChoice(memoryStorage());
    const training = new TrainingToken();
    const w = scriptedWorkers();
    const lab = Symbol('lab');
    training.claim(lab, () => undefined);
    compareWhenIdle({ backend, training, makeTransport: w.make, clock });
    await clock.advance(QUIET_MS);
    expect(w.made).toHaveLength(0);
    training.release(lab);
    await clock.advance(QUIET_MS);
    expect(w.made).toHaveLength(1);
    // A lab scrolls into view and asks to start: it starts now, the comparison stops.
    let started = false;
    training.request(lab, () => (started = true));
    expect(started).toBe(true);
    expect(w.made[0]!.terminated).toBe(true);
    expect(backend.comparisonWanted).toBe(true);
    // …and it tries again after the next quiet spell.
    training.release(lab);
    await clock.advance(QUIET_MS);
    expect(w.made).toHaveLength(2);
  });

  it('is not wanted when an earlier visit remembered a backend, and ignores a malformed record', () => {
    const storage = memoryStorage();
    storage.setItem(BACKEND_STORAGE_KEY, '{"name":"quantum"}');
    expect(new BackendChoice(storage).name).toBe('wasm');
    expect(new BackendChoice(storage).comparisonWanted).toBe(true);
    storage.setItem(BACKEND_STORAGE_KEY, '{"name":"webgl","ms":{}}');
    expect(new BackendChoice(storage).comparisonWanted).toBe(false);
  });
});
