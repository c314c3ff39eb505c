// @vitest-environment node
/**
 * The host's signs of life for the lab's watchdog: a `progress` message before each long phase
 * and an `idle` message, counting the messages taken in, once nothing is left to do (never
 * while training).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../engine/config';
import { useCpuBackend } from '../../../tests/support/engine';
import type { HostDeps } from './trainer-host';
import { hostHarness } from '../../../tests/support/host';

beforeAll(useCpuBackend);

const small = parseConfig({ dataset: 'circles', blocks: 2, width: 8, batchSize: 16, steps: 50 });

function makeHost(extra: Partial<HostDeps> = {}) {
  const { host, posted } = hostHarness(extra);
  /** Takes the posted messages out, as "type", "progress:phase" or "idle:handled". */
  const since = () =>
    posted.splice(0).map((m) => {
      if (m.type === 'progress') return `progress:${m.phase}`;
      if (m.type === 'idle') return `idle:${m.handled}`;
      return m.type;
    });
  return { host, posted, since };
}

describe('TrainerHost progress', () => {
  it('announces each phase and reports idle after each message', async () => {
    const heartbeats: (string | undefined)[] = [];
    const { host, since } = makeHost({
      prepare: async (preferred, heartbeat) => {
        heartbeats.push(preferred);
        heartbeat();
      },
    });
    await host.handle({ type: 'configure', generation: 1, configs: [small], backend: 'wasm' });
    expect(heartbeats).toEqual(['wasm']);
    expect(since()).toEqual([
      'progress:backend',
      'progress:build',
      'ready',
      'progress:step',
      'metrics',
      'progress:evaluate',
      'evaluation',
      'status',
      'progress:boundary',
      'boundary',
      'idle:1',
    ]);

    await host.handle({ type: 'step' });
    expect(since()).toEqual([
      'progress:step',
      'metrics',
      'status',
      'progress:boundary',
      'boundary',
      'idle:2',
    ]);
    host.dispose();
  });

  it('is not idle while it trains, and says so once paused', async () => {
    const { host, posted, since } = makeHost();
    await host.handle({ type: 'configure', generation: 1, configs: [small] });
    since();
    await host.handle({ type: 'train' });
    for (let i = 0; i < 500 && posted.filter((m) => m.type === 'metrics').length < 5; i++)
      await new Promise((r) => setTimeout(r, 1));
    expect(posted.some((m) => m.type === 'idle')).toBe(false);
    await host.handle({ type: 'pause' });
    for (let i = 0; i < 500 && !posted.some((m) => m.type === 'idle'); i++)
      await new Promise((r) => setTimeout(r, 1));
    const idles = posted.filter((m) => m.type === 'idle');
    expect(idles).toEqual([{ type: 'idle', generation: 1, handled: 3 }]);
    host.dispose();
  });

  it('reports a backend that cannot start, then idle', async () => {
    const { host, since } = makeHost({
      prepare: async () => {
        throw new Error('no tfjs backend could start');
      },
    });
    await host.handle({ type: 'configure', generation: 7, configs: [small] });
    expect(since()).toEqual(['error', 'idle:1']);
    expect(host.sessionCount).toBe(0);
  });
});
