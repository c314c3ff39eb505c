/**
 * The recovery decision for each way a worker can fail, and the watchdog allowances a page may
 * be given (only well-formed ones count).
 */
import { describe, expect, it } from 'vitest';
import { pageTimings, LabPage } from '../page/labPage';
import { recoveryFor } from './recovery';
import { DEFAULT_TIMINGS, FLOOR_MS } from './watchdog';

describe('recoveryFor', () => {
  it('restarts a configured worker on the next backend, wasm → webgl → cpu', () => {
    expect(recoveryFor('boom', undefined, 'wasm', true)).toEqual({
      kind: 'restart',
      backend: 'webgl',
      notice: 'Restarted on webgl: the training worker failed (boom).',
    });
    expect(recoveryFor('the worker went quiet', 15_000, 'webgl', true)).toEqual({
      kind: 'restart',
      backend: 'cpu',
      notice: 'The worker went quiet; restarted on cpu.',
    });
  });

  it('reports a failure on the last backend; a silent worker is stopped, one that threw is not', () => {
    expect(recoveryFor('boom', undefined, 'cpu', true)).toEqual({
      kind: 'report',
      error: 'boom',
      stop: false,
    });
    expect(recoveryFor('silent for 15 s', 15_000, 'cpu', true)).toEqual({
      kind: 'report',
      error: 'Silent for 15 s; no other backend is left to restart on.',
      stop: true,
    });
  });

  it('does not restart a worker that never got a configuration, and says how to retry', () => {
    expect(recoveryFor('boom', undefined, 'wasm', false)).toMatchObject({ kind: 'report' });
    expect(recoveryFor('silent for 60 s', 60_000, '', false)).toEqual({
      kind: 'report',
      error: 'Silent for 60 s while it started. Reload the page to try again.',
      stop: true,
    });
  });
});

describe('watchdog allowances of a page', () => {
  it("are the app's unless a test set well-formed ones before the app loaded", () => {
    expect(new LabPage().watchdog).toEqual(DEFAULT_TIMINGS);
    expect(pageTimings({})).toEqual({});
    expect(pageTimings({ __residualWatchdog: 'fast' })).toEqual({});
    expect(
      pageTimings({ __residualWatchdog: { floorMs: 2000, startupMs: -1, lateMs: NaN, other: 5 } }),
    ).toEqual({ floorMs: 2000 });
    const page = new LabPage(undefined, { watchdog: { floorMs: 2000 } });
    expect(page.watchdog).toEqual({ ...DEFAULT_TIMINGS, floorMs: 2000 });
    expect(DEFAULT_TIMINGS.floorMs).toBe(FLOOR_MS);
  });
});
