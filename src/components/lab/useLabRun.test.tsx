// @vitest-environment jsdom
/**
 * A lab and its worker's health and progress, with scripted workers (fakeTransport.ts) on fake
 * timers: a worker that goes silent is replaced on the next backend and the status line says
 * so; a long phase is named in the status line with its seconds.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToWorker } from '../../model/worker/protocol';
import {
  BEAT_MS,
  createFakeTransport,
  type FakeTransport,
} from '../../../tests/support/fakeTransport';
import { LabSlot } from './LabSlot';
import { TransportContext } from './page/transport';
import { CONFIGURE_DELAY_MS, RENDER_INTERVAL_MS } from './run/labController';
import { LabPage, LabPageContext } from './page/labPage';
import { FLOOR_MS } from './run/watchdog';

let fakes: FakeTransport[];
let backends: string[];
/** Each new worker reports the next backend of `backends`. */
const factory = () => {
  const fake = createFakeTransport(backends[fakes.length] ?? 'cpu');
  fakes.push(fake);
  return fake;
};

/** A fresh page per test: its URL is read anew, its token and backend choice are its own. */
let page: LabPage;

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.useFakeTimers();
  fakes = [];
  backends = ['wasm', 'webgl', 'cpu'];
  at('/?lab=playground&a.blocks=2&width=8');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Opens the playground at `url` (its networks come from the link). */
function at(url: string) {
  history.replaceState(null, '', url);
  page = new LabPage(() => location.search);
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function renderLab() {
  render(
    <LabPageContext.Provider value={page}>
      <TransportContext.Provider value={factory}>
        <LabSlot preset="playground" />
      </TransportContext.Provider>
    </LabPageContext.Provider>,
  );
  await advance(CONFIGURE_DELAY_MS + RENDER_INTERVAL_MS + 50);
  const lab = screen.getByRole('region', { name: 'Playground' });
  return { lab, status: () => within(lab).getByTestId('lab-status').textContent ?? '' };
}

const configureOf = (fake: FakeTransport) =>
  fake.sent.find((m): m is Extract<ToWorker, { type: 'configure' }> => m.type === 'configure')!;

describe('a lab whose worker goes silent', () => {
  it('restarts it on the next backend with the same networks, and says so', async () => {
    const { status } = await renderLab();
    expect(status()).toMatch(/Backend: wasm/);
    expect(fakes[0]!.sent.map((m) => m.type)).toEqual(['configure', 'train']);

    // Training: the worker keeps posting, so nothing happens for minutes.
    await advance(10 * FLOOR_MS);
    expect(fakes).toHaveLength(1);

    fakes[0]!.hang();
    await advance(FLOOR_MS - 1000);
    expect(fakes).toHaveLength(1);
    await advance(1000 + RENDER_INTERVAL_MS + 50);
    expect(fakes).toHaveLength(2);
    expect(fakes[0]!.terminated).toBe(true);
    const again = configureOf(fakes[1]!);
    expect(again.backend).toBe('webgl');
    expect(again.configs).toEqual(configureOf(fakes[0]!).configs);
    expect(again.configs[0]!.blocks).toBe(2);
    expect(status()).toMatch(/Backend: webgl/);
    expect(status()).toMatch(
      /The training worker stopped responding \(silent for 15 s\); restarted on webgl\./,
    );
    // The reader had not paused it: the new worker trains.
    expect(fakes[1]!.sent.map((m) => m.type)).toEqual(['configure', 'train']);
  });

  it('shows an error when no backend is left', async () => {
    backends = ['cpu'];
    const { lab, status } = await renderLab();
    expect(status()).toMatch(/Backend: cpu/);
    await advance(BEAT_MS); // its first training step: the start-up allowance ends
    fakes[0]!.hang();
    await advance(FLOOR_MS + RENDER_INTERVAL_MS + 50);
    expect(fakes).toHaveLength(1);
    expect(fakes[0]!.terminated).toBe(true);
    expect(within(lab).getByRole('alert').textContent).toBe(
      'The training worker stopped responding (silent for 15 s); no other backend is left to restart on.',
    );
  });

  it('is left alone while it has nothing to do', async () => {
    const { lab, status } = await renderLab();
    act(() => within(lab).getByRole('button', { name: 'Pause' }).click());
    fakes[0]!.hang();
    await advance(20 * FLOOR_MS);
    expect(fakes).toHaveLength(1);
    expect(status()).not.toMatch(/stopped responding/);
  });
});

describe('a lab waiting for a long phase', () => {
  it('names the phase after a second and counts the seconds', async () => {
    at('/?lab=playground&a.blocks=100&width=256');
    const { lab, status } = await renderLab();
    const fake = fakes[0]!;
    // Paused, the fake posts nothing by itself (as the real worker posts nothing in a phase).
    act(() => within(lab).getByRole('button', { name: 'Pause' }).click());
    const generation = configureOf(fake).generation;
    act(() => fake.emit({ type: 'progress', generation, phase: 'build', step: 0 }));
    await advance(RENDER_INTERVAL_MS + 50);
    expect(status()).not.toMatch(/Building/); // not before a second: fast phases never flicker
    await advance(1000);
    expect(status()).toMatch(/Building a 100-block network of width 256… 1 s/);
    await advance(2000);
    expect(status()).toMatch(/Building a 100-block network of width 256… 3 s/);

    act(() => fake.emit({ type: 'progress', generation, phase: 'step', step: 0 }));
    await advance(RENDER_INTERVAL_MS + 1000);
    expect(status()).toMatch(/Measuring step 0 \(the gradients at initialisation\)… 1 s/);
    expect(status()).not.toMatch(/Building/);

    // The phase ends with whatever the worker posts next.
    act(() => fake.emit({ type: 'metrics', generation, records: [null] }));
    await advance(RENDER_INTERVAL_MS + 1000);
    expect(status()).not.toMatch(/Measuring step 0/);
  });
});
