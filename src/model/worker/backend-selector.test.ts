import { describe, expect, it, vi } from 'vitest';
import { BackendSelector } from './backend-selector';

/** A selector over fake backends: `ms` per probe step (null: cannot train), `starts` per name. */
function selector(ms: Record<string, number | null>, starts: Record<string, boolean> = {}) {
  const active: string[] = [];
  const measured: string[] = [];
  const s = new BackendSelector({
    measure: async (name) => {
      measured.push(name);
      return ms[name] ?? null;
    },
    activate: async (name) => starts[name] ?? true,
    onActive: (name) => active.push(name),
  });
  return { s, active, measured };
}

describe('the worker backend selector', () => {
  it('activates the first fast-enough backend, measures once and calls the heartbeat', async () => {
    const { s, active, measured } = selector({ wasm: 10, webgl: 5, cpu: 50 });
    const heartbeat = vi.fn();
    await s.choose(undefined, heartbeat);
    expect(active).toEqual(['wasm']);
    expect(measured).toEqual(['wasm']); // good enough: the rest are not measured
    expect(heartbeat).toHaveBeenCalledTimes(1);
    await s.choose(undefined, heartbeat); // a second configuration: no new measurement
    expect(measured).toEqual(['wasm']);
  });

  it('skips a backend that measured but will not start', async () => {
    const { s, active } = selector({ wasm: 40, webgl: 35, cpu: 60 }, { webgl: false });
    await s.choose(undefined, () => {});
    expect(active).toEqual(['wasm']);
  });

  it('falls back along the ranking without the failed backend, then gives up', async () => {
    const { s, active } = selector({ wasm: 40, webgl: 35, cpu: 60 });
    await s.choose(undefined, () => {});
    expect(active).toEqual(['webgl']);
    expect(await s.fallback('webgl')).toBe('wasm');
    expect(await s.fallback('wasm')).toBe('cpu');
    expect(await s.fallback('cpu')).toBeNull();
    expect(active).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it("starts the page's backend without measuring, and falls back along the usual order", async () => {
    const { s, active, measured } = selector({ wasm: 10, webgl: 5, cpu: 50 });
    await s.choose('wasm', () => {});
    expect(measured).toEqual([]);
    expect(active).toEqual(['wasm']);
    expect(await s.fallback('wasm')).toBe('webgl');
    const other = selector({ wasm: 10, webgl: 5, cpu: 50 }, { webgl: false });
    // A remembered backend that will not start here: the others are measured as before.
    await other.s.choose('webgl', () => {});
    expect(other.active).toEqual(['wasm']);
    expect(other.measured[0]).toBe('webgl');
  });

  it('says so when no backend starts, and measures again next time', async () => {
    const never = { wasm: false, webgl: false, cpu: false };
    const { s, measured } = selector({ wasm: null, webgl: null, cpu: 80 }, never);
    await expect(s.choose(undefined, () => {})).rejects.toThrow(/no tfjs backend could start/);
    await expect(s.choose('cpu', () => {})).rejects.toThrow();
    expect(measured.filter((n) => n === 'cpu')).toHaveLength(2);
  });
});
