/**
 * The lab controller when its worker fails (replaced on the next backend, or reported), when it
 * unmounts, and with networks that already ran to their end on the page: on fake time with
 * scripted workers (fakeTransport.ts), a minute of the watchdog passing in microseconds.
 */
import { describe, expect, it } from 'vitest';
import type { FromWorker, RunRecord } from '../../../model/worker/protocol';
import { BEAT_MS, type FakeTransport } from '../../../../tests/support/fakeTransport';
import {
  configures,
  deeper,
  fakePage,
  onScreen,
  setup,
  small,
  types,
} from '../../../../tests/support/labSetup';
import { CONFIGURE_DELAY_MS, RENDER_INTERVAL_MS } from './labController';
import { outcomesOf, runVerdict } from '../LabVerdict';
import { FLOOR_MS } from './watchdog';
import type { LabPage } from '../page/labPage';

describe('a worker that fails', () => {
  it('is replaced on the next backend with the same networks after a silence, and the lab says so', async () => {
    const s = await onScreen([small, deeper]);
    // Past its first training step (until then the start-up allowance holds). The allowance
    // counts from the worker's last message: that step's record and status.
    await s.clock.advance(BEAT_MS);
    s.fakes[0]!.hang();
    await s.clock.advance(FLOOR_MS - 10);
    expect(s.fakes).toHaveLength(1);
    await s.clock.advance(10);
    expect(s.fakes).toHaveLength(2);
    expect(s.fakes[0]!.terminated).toBe(true);
    expect(configures(s.fakes[1]!)[0]).toMatchObject({
      configs: [small, deeper],
      backend: 'webgl',
    });
    expect(s.lab.history.restart).toBe(
      'The training worker stopped responding (silent for 15 s); restarted on webgl.',
    );
    // On screen and wanting to run: the new worker trains.
    expect(types(s.fakes[1]!)).toEqual(['configure', 'train']);
  });

  it('is replaced after an error, and a third failure with no backend left is reported', async () => {
    const s = await onScreen();
    s.fakes[0]!.fail('boom');
    expect(s.lab.history.restart).toBe('Restarted on webgl: the training worker failed (boom).');
    s.fakes[1]!.fail('lost context');
    expect(s.lab.history.backend).toBe('cpu');
    const fake = s.fakes[2]!;
    await s.clock.advance(BEAT_MS);
    fake.hang();
    await s.clock.advance(FLOOR_MS);
    expect(s.fakes).toHaveLength(3);
    expect(fake.terminated).toBe(true);
    expect(s.lab.history.error).toBe(
      'The training worker stopped responding (silent for 15 s); no other backend is left to restart on.',
    );
    expect(s.lab.history.running).toBe(false);
  });

  it('that cannot be replaced hands the training token to a lab waiting for it', async () => {
    const page = fakePage();
    const a = setup(['cpu'], page);
    const b = setup(['wasm'], page);
    a.lab.setNets([small]);
    a.lab.setPresence(true, true);
    await a.clock.advance(1);
    b.lab.setNets([deeper]);
    b.lab.setPresence(true, true);
    await b.clock.advance(1);
    expect(types(b.fakes[0]!)).toEqual(['configure']);
    // A's worker, already on the last backend, goes silent after its first step: reported, and A
    // is out of the way.
    await a.clock.advance(BEAT_MS);
    a.fakes[0]!.hang();
    await a.clock.advance(FLOOR_MS);
    expect(a.lab.history.error).toMatch(/no other backend is left/);
    expect(a.lab.state.kind).toBe('failed');
    expect(types(b.fakes[0]!)).toEqual(['configure', 'train']);
  });

  it('uses the allowances of its page', async () => {
    const page = fakePage({ watchdog: { floorMs: 2000 } });
    const s = setup(undefined, page);
    s.lab.setNets([small]);
    s.lab.setPresence(true, true);
    await s.clock.advance(BEAT_MS);
    s.fakes[0]!.hang();
    await s.clock.advance(2000);
    expect(s.fakes).toHaveLength(2);
    expect(s.lab.history.restart).toMatch(/silent for 2 s\); restarted on webgl/);
  });
});

describe('detaching', () => {
  it('terminates the worker, and a later return starts a new one with the same networks', async () => {
    const s = await onScreen();
    s.lab.detach();
    expect(s.fakes[0]!.terminated).toBe(true);
    await s.clock.advance(10 * FLOOR_MS);
    expect(s.fakes).toHaveLength(1);
    s.lab.setPresence(true, true);
    await s.clock.advance(1);
    expect(s.fakes).toHaveLength(2);
    expect(configures(s.fakes[1]!)[0]!.configs).toEqual([small]);
  });
});

describe('networks that already ran to their end on the page', () => {
  const STEPS = 3;
  const plain = { ...small, skip: 'none' as const, steps: STEPS };
  const residual = { ...small, steps: STEPS };
  const other = { ...plain, blocks: 3 };

  const rec = (step: number, loss: number): RunRecord => ({
    step,
    loss,
    accuracy: 0.5,
    gradNorms: Float32Array.of(loss, 1, 1, 1, 1, 1),
    signalGradNorms: Float32Array.of(1, 1, 1),
    activationNorms: Float32Array.of(1, 1, 1),
    finite: true,
  });

  /**
   * Plays the worker of a run going from step `from` to its last step: a record per step of every
   * trained run (null for frozen ones), the final evaluation, and the status that ends it.
   */
  function finish(fake: FakeTransport, from: number, trained: boolean[]): void {
    const { generation } = configures(fake).at(-1)!;
    const emit = (m: FromWorker) => fake.emit(m);
    for (let s = from; s < STEPS; s++)
      emit({
        type: 'metrics',
        generation,
        records: trained.map((t, i) => (t ? rec(s, 0.5 / (1 + s + i)) : null)),
      });
    const value = (i: number) => ({
      trainLoss: 0.1 * (i + 1),
      trainAccuracy: 0.9,
      testLoss: 0.2,
      testAccuracy: 0.9 - 0.3 * i,
    });
    const evals = trained.map((t, i) => (t ? value(i) : null));
    emit({ type: 'evaluation', generation, step: STEPS - 1, evals });
    emit({
      type: 'status',
      generation,
      running: false,
      stepsPerSecond: 9,
      step: STEPS - 1,
      done: true,
    });
  }

  /** Lab 1 (plain vs residual) trained to its end on `page`. */
  async function lab1(page: LabPage) {
    const s = setup(['wasm'], page, 'Lab 1');
    s.lab.setNets([plain, residual]);
    s.lab.setPresence(true, true);
    await s.clock.advance(1);
    finish(s.fakes[0]!, 1, [true, true]);
    return s;
  }

  it('enter the page when their lab ends, and a lab with one of them trains only the other', async () => {
    const page = fakePage();
    const first = await lab1(page);
    expect(page.finishedRuns.size).toBe(2);

    const second = setup(['wasm'], page, 'Lab 4');
    second.lab.setNets([other, residual]);
    // Shown at once, before the lab's worker has started.
    await second.clock.advance(RENDER_INTERVAL_MS);
    const h = second.lab.history;
    expect(h.runs[1]!.latest!.step).toBe(STEPS - 1);
    expect(h.reused[1]).toEqual({
      lab: 'Lab 1',
      net: 'B',
      here: false,
      step: STEPS - 1,
      diverged: false,
    });

    second.lab.setPresence(true, true);
    await second.clock.advance(1);
    const fake = second.fakes[0]!;
    expect(types(fake)).toEqual(['configure', 'train']);
    expect(configures(fake)[0]!.frozen).toEqual([null, { step: STEPS - 1, diverged: false }]);
    // The worker measured A's step 0 and not B: B still shows Lab 1's finished run, A step 0.
    expect(h.runs[0]!.latest!.step).toBe(0);
    expect(h.step).toBe(0);
    expect(h.runs[1]!.records).toEqual(first.lab.history.runs[1]!.records);
    expect(h.runs[1]!.evals).toEqual(first.lab.history.runs[1]!.evals);
    expect(h.runs[1]).not.toBe(first.lab.history.runs[1]);
    expect(h.done).toBe(false);

    // A trains to its end; the verdict judges both as if both had trained here.
    finish(fake, 1, [true, false]);
    expect(h.done).toBe(true);
    expect(h.runs[1]!.latest!.step).toBe(STEPS - 1);
    const nets = [other, residual];
    expect(outcomesOf(h, nets)![1]).toEqual(outcomesOf(first.lab.history, [plain, residual])![1]);
    expect(runVerdict('vanishing', nets, h)).not.toBeNull();
  });

  it('a lab whose every network ran is over at once and does not train by itself', async () => {
    const page = fakePage();
    const first = await lab1(page);
    const again = setup(['wasm'], page, 'Lab 5');
    again.lab.setNets([plain, residual]);
    again.lab.setPresence(true, true);
    await again.clock.advance(1000);
    const fake = again.fakes[0]!;
    expect(types(fake)).toEqual(['configure']);
    expect(configures(fake)[0]!.frozen).toHaveLength(2);
    const h = again.lab.history;
    expect([h.done, h.step, h.running]).toEqual([true, STEPS - 1, false]);
    expect(h.reused.map((r) => r?.net)).toEqual(['A', 'B']);
    expect(runVerdict('vanishing', [plain, residual], h)).toEqual(
      runVerdict('vanishing', [plain, residual], first.lab.history),
    );
    // Train goes on past the end (the worker replays both first).
    again.lab.train();
    expect(types(fake).at(-1)).toBe('train');
  });

  it("calls a lab's own earlier run its own, and Reset trains every network again", async () => {
    const page = fakePage();
    const first = await lab1(page);
    first.lab.setNets([other, residual]);
    await first.clock.advance(CONFIGURE_DELAY_MS);
    const fake = first.fakes[0]!;
    expect(configures(fake).at(-1)!.frozen).toEqual([null, { step: STEPS - 1, diverged: false }]);
    expect(first.lab.history.reused[1]?.here).toBe(true);

    first.lab.reset();
    expect(types(fake).at(-1)).toBe('reset');
    expect(first.lab.history.reused).toEqual([null, null]);
    // The worker (the fake, as the host) measures both from step 0.
    expect(first.lab.history.runs.map((r) => r.latest?.step)).toEqual([0, 0]);
  });

  it('a replacement worker is told again which networks it need not train', async () => {
    const page = fakePage();
    await lab1(page);
    const second = setup(['wasm', 'webgl'], page, 'Lab 4');
    second.lab.setNets([other, residual]);
    second.lab.setPresence(true, true);
    await second.clock.advance(1);
    second.fakes[0]!.fail('boom');
    expect(configures(second.fakes[1]!)[0]!.frozen).toEqual([
      null,
      { step: STEPS - 1, diverged: false },
    ]);
    expect(second.lab.history.runs[1]!.latest!.step).toBe(STEPS - 1);
  });
});
