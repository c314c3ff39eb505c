/**
 * The lab controller on fake time with scripted workers (fakeTransport.ts): when the worker
 * starts, what it is sent and when, how labs take turns, and how a failed worker is replaced.
 * No React and no real waiting: a minute of the watchdog passes in microseconds.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../../model/engine/config';
import type { FromWorker, RunRecord, ToWorker } from '../../../model/worker/protocol';
import { FakeClock } from '../../../../tests/support/fakeClock';
import { createFakeTransport, type FakeTransport } from '../../../../tests/support/fakeTransport';
import { CONFIGURE_DELAY_MS, LabController, RENDER_INTERVAL_MS } from './labController';
import { LabPage } from '../page/labPage';
import { outcomesOf, runVerdict } from '../LabVerdict';
import { FLOOR_MS } from './watchdog';

const small = parseConfig({ dataset: 'circles', blocks: 2, width: 8 });
const deeper = { ...small, blocks: 4 };

/** A page, its clock and a controller whose workers report `backends` in turn. */
function setup(backends = ['wasm', 'webgl', 'cpu'], page = new LabPage(), name?: string) {
  const clock = new FakeClock();
  const fakes: FakeTransport[] = [];
  const make = () => {
    const fake = createFakeTransport(backends[fakes.length] ?? 'cpu', clock);
    fakes.push(fake);
    return fake;
  };
  const lab = new LabController({ page, makeTransport: make, clock, name });
  let notices = 0;
  lab.subscribe(() => (notices += 1));
  return { clock, fakes, lab, page, notices: () => notices, make };
}

const types = (fake: FakeTransport) => fake.sent.map((m) => m.type);
const configures = (fake: FakeTransport) =>
  fake.sent.filter((m): m is Extract<ToWorker, { type: 'configure' }> => m.type === 'configure');

/** A lab on screen with `nets`, after its first configuration. */
async function onScreen(nets: ExperimentConfig[] = [small], backends?: string[]) {
  const s = setup(backends);
  s.lab.setNets(nets);
  s.lab.setPresence(true, true);
  await s.clock.advance(1);
  return s;
}

describe('starting', () => {
  it('starts no worker until the lab is near, then configures at once and trains on screen', async () => {
    const s = setup();
    s.lab.setNets([small]);
    s.lab.setPresence(false, false);
    await s.clock.advance(10_000);
    expect(s.fakes).toHaveLength(0);

    s.lab.setPresence(true, false);
    await s.clock.advance(1);
    expect(s.fakes).toHaveLength(1);
    // Near but not on screen: configured (the reader sees step 0 as it scrolls in), not trained.
    expect(types(s.fakes[0]!)).toEqual(['configure']);
    expect(configures(s.fakes[0]!)[0]!.configs).toEqual([small]);

    s.lab.setPresence(true, true);
    await s.clock.advance(1);
    expect(types(s.fakes[0]!)).toEqual(['configure', 'train']);
    expect(s.lab.history.running).toBe(true);
  });

  it("starts every lab on the page's backend at once: none measures, none waits for another", async () => {
    const page = new LabPage();
    const first = setup(['wasm'], page);
    const second = setup(['wasm'], page);
    for (const s of [first, second]) {
      s.lab.setNets([small]);
      s.lab.setPresence(true, true);
    }
    await first.clock.advance(1);
    await second.clock.advance(1);
    for (const s of [first, second]) {
      expect(configures(s.fakes[0]!)[0]!.backend).toBe('wasm');
      expect(s.lab.history.requestedBackend).toBe('wasm');
    }
  });

  it('starts on the backend an earlier visit remembered', async () => {
    const stored = new Map([['residual.backend', '{"name":"webgl","ms":{"webgl":3,"wasm":9}}']]);
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: () => undefined };
    const s = setup(['webgl'], new LabPage(() => '', { storage }));
    s.lab.setNets([small]);
    s.lab.setPresence(true, true);
    await s.clock.advance(1);
    expect(configures(s.fakes[0]!)[0]!.backend).toBe('webgl');
  });

  it('with autoTrain off, configures on screen but trains only on Train', async () => {
    const clock = new FakeClock();
    const fakes: FakeTransport[] = [];
    const lab = new LabController({
      page: new LabPage(),
      makeTransport: () => {
        const f = createFakeTransport('wasm', clock);
        fakes.push(f);
        return f;
      },
      clock,
      autoTrain: false,
    });
    lab.setNets([small]);
    lab.setPresence(true, true);
    await clock.advance(1000);
    expect(types(fakes[0]!)).toEqual(['configure']);
    lab.train();
    expect(types(fakes[0]!)).toEqual(['configure', 'train']);
  });

  it('draws the precomputed step 0 of its networks before any worker starts', async () => {
    const clock = new FakeClock();
    const lab = new LabController({
      page: new LabPage(),
      makeTransport: () => createFakeTransport('wasm', clock),
      clock,
      precomputed: (configs) =>
        configs.map((c) => ({
          layers: ['stem/kernel', 'head/kernel'],
          record: {
            step: 0,
            loss: 0.7,
            accuracy: 0.5,
            gradNorms: Float32Array.of(1, 2),
            signalGradNorms: Float32Array.of(c.blocks),
            activationNorms: Float32Array.of(1),
            finite: true,
          },
        })),
    });
    lab.setNets([small]);
    await clock.advance(RENDER_INTERVAL_MS);
    expect(lab.history.precomputed).toBe(true);
    expect(Array.from(lab.history.runs[0]!.step0!.signalGradNorms)).toEqual([2]);
  });

  it('holds the precomputed step 0 of the networks it opens with from the start', async () => {
    const clock = new FakeClock();
    const lab = new LabController({
      page: new LabPage(),
      makeTransport: () => createFakeTransport('wasm', clock),
      clock,
      nets: [small],
      precomputed: (configs) =>
        configs.map(() => ({
          layers: ['stem/kernel', 'head/kernel'],
          record: {
            step: 0,
            loss: 0.7,
            accuracy: 0.5,
            gradNorms: Float32Array.of(1, 2),
            signalGradNorms: Float32Array.of(1),
            activationNorms: Float32Array.of(1),
            finite: true,
          },
        })),
    });
    // Before any timer or frame: the lab's first render draws it.
    expect(lab.history.precomputed).toBe(true);
    expect(lab.history.step).toBe(0);
    expect(Array.from(lab.history.runs[0]!.latest!.gradNorms)).toEqual([1, 2]);
    // The same networks again (the lab's first effect) change nothing and notify no one.
    let heard = 0;
    lab.subscribe(() => (heard += 1));
    lab.setNets([small]);
    await clock.advance(1000);
    expect(heard).toBe(0);
  });
});

describe('notices to the view', () => {
  it('come at most once per render interval however many messages arrive', async () => {
    const s = await onScreen();
    const before = s.notices();
    // Training: the fake posts a status every 500 ms; the reader steps many times as well.
    for (let i = 0; i < 50; i++) s.lab.step();
    await s.clock.advance(1000);
    const seen = s.notices() - before;
    expect(seen).toBeGreaterThanOrEqual(1);
    expect(seen).toBeLessThanOrEqual(1000 / RENDER_INTERVAL_MS + 1);
    expect(s.lab.version).toBe(s.notices());
  });
});

describe('the opening figure’s options', () => {
  /** A controller that waits for Train and sends changes at once, as Figure 1's does. */
  async function figure() {
    const clock = new FakeClock();
    const fakes: FakeTransport[] = [];
    const lab = new LabController({
      page: new LabPage(),
      makeTransport: () => {
        const fake = createFakeTransport('wasm', clock);
        fakes.push(fake);
        return fake;
      },
      clock,
      autoTrain: false,
      configureDelayMs: 0,
    });
    let notices = 0;
    lab.subscribe(() => (notices += 1));
    lab.setNets([small]);
    lab.setPresence(true, true);
    await clock.advance(3 * RENDER_INTERVAL_MS);
    return { clock, fakes, lab, notices: () => notices };
  }

  it('sends a change at once, and says which networks the history belongs to', async () => {
    const s = await figure();
    expect(s.lab.configs).toEqual([small]);
    s.lab.setNets([deeper]);
    // Sent within the call, with no timer.
    expect(configures(s.fakes[0]!).map((m) => m.configs)).toEqual([[small], [deeper]]);
    expect(s.lab.configs).toEqual([deeper]);
    expect(s.lab.history.runs[0]!.step0!.gradNorms).toHaveLength(2 * deeper.blocks + 2);
  });

  it('draw a step 0 at the next frame, while later steps wait out the render interval', async () => {
    const s = await figure();
    const fake = s.fakes[0]!;
    const generation = s.lab.history.generation;
    const step0 = s.lab.history.runs[0]!.step0!;
    const metrics = (step: number) =>
      fake.emit({ type: 'metrics', generation, records: [{ ...step0, step }] });
    // A notice just went out: a step-1 record now waits for the interval to pass.
    fake.emit({
      type: 'status',
      generation,
      running: false,
      stepsPerSecond: 0,
      step: 0,
      done: false,
    });
    await s.clock.advance(20);
    let seen = s.notices();
    metrics(1);
    await s.clock.advance(20);
    expect(s.notices()).toBe(seen);
    await s.clock.advance(RENDER_INTERVAL_MS);
    expect(s.notices()).toBe(seen + 1);
    // A step-0 record in the same spot is drawn at the next frame.
    seen = s.notices();
    metrics(0);
    await s.clock.advance(20);
    expect(s.notices()).toBe(seen + 1);
  });
});

describe('a changed configuration', () => {
  it('is debounced, sent once with the latest networks, and waits for Train', async () => {
    const s = await onScreen();
    s.lab.setNets([{ ...small, blocks: 3 }]);
    await s.clock.advance(CONFIGURE_DELAY_MS / 2);
    s.lab.setNets([deeper]);
    await s.clock.advance(CONFIGURE_DELAY_MS - 1);
    expect(configures(s.fakes[0]!)).toHaveLength(1);
    await s.clock.advance(1);
    const sent = configures(s.fakes[0]!);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.configs).toEqual([deeper]);
    expect(sent[1]!.generation).toBeGreaterThan(sent[0]!.generation);
    // The reader sees the new step 0: no train follows until they press Train.
    await s.clock.advance(10_000);
    expect(types(s.fakes[0]!).at(-1)).toBe('configure');
    expect(s.lab.history.running).toBe(false);
    s.lab.train();
    expect(types(s.fakes[0]!).at(-1)).toBe('train');
  });

  it('is not sent again when the same networks come back', async () => {
    const s = await onScreen();
    s.lab.setNets([{ ...small }]);
    await s.clock.advance(10 * CONFIGURE_DELAY_MS);
    expect(configures(s.fakes[0]!)).toHaveLength(1);
  });
});

describe('leaving the screen', () => {
  it('pauses a run that started on its own, and resumes it on return', async () => {
    const s = await onScreen();
    s.lab.setPresence(true, false);
    expect(types(s.fakes[0]!).at(-1)).toBe('pause');
    s.lab.setPresence(true, true);
    expect(types(s.fakes[0]!).at(-1)).toBe('train');
  });

  it("keeps the reader's run while near, pauses it when far, and goes on when back", async () => {
    const s = await onScreen();
    s.lab.pause();
    s.lab.train();
    s.lab.setPresence(true, false);
    expect(types(s.fakes[0]!).at(-1)).toBe('train');
    s.lab.setPresence(false, false);
    expect(types(s.fakes[0]!).at(-1)).toBe('pause');
    s.lab.setPresence(true, true);
    expect(types(s.fakes[0]!).at(-1)).toBe('train');
  });

  it('does not train again after the reader paused, until Train', async () => {
    const s = await onScreen();
    s.lab.pause();
    s.lab.setPresence(true, false);
    s.lab.setPresence(true, true);
    await s.clock.advance(1000);
    expect(types(s.fakes[0]!).at(-1)).toBe('pause');
  });
});

describe('two labs on one page', () => {
  it("take turns: the reader's Train pauses the other, which resumes when the token is free", async () => {
    const page = new LabPage();
    const a = setup(['wasm'], page);
    const b = setup(['wasm'], page);
    a.lab.setNets([small]);
    a.lab.setPresence(true, true);
    await a.clock.advance(1);
    expect(a.lab.history.running).toBe(true);

    // B comes on screen while A trains: it waits instead of starting.
    b.lab.setNets([deeper]);
    b.lab.setPresence(true, true);
    await b.clock.advance(1);
    expect(types(b.fakes[0]!)).toEqual(['configure']);

    // The reader trains B: A pauses and queues to go on.
    b.lab.train();
    expect(types(a.fakes[0]!).at(-1)).toBe('pause');
    expect(a.lab.history.running).toBe(false);

    // The reader pauses B: A, which had started on its own, trains again.
    b.lab.pause();
    expect(types(a.fakes[0]!).at(-1)).toBe('train');
  });

  it('hand the token on when a run ends by itself, and the finished lab stays finished', async () => {
    const page = new LabPage();
    const a = setup(['wasm'], page);
    const b = setup(['wasm'], page);
    a.lab.setNets([small]);
    a.lab.setPresence(true, true);
    await a.clock.advance(1);
    b.lab.setNets([deeper]);
    b.lab.setPresence(true, true);
    await b.clock.advance(1);
    const fake = a.fakes[0]!;
    const { generation } = configures(fake)[0]!;
    fake.emit({
      type: 'status',
      generation,
      running: false,
      stepsPerSecond: 0,
      step: 300,
      done: true,
    });
    expect(types(b.fakes[0]!).at(-1)).toBe('train');
    const sent = fake.sent.length;
    a.lab.setPresence(true, false);
    a.lab.setPresence(true, true);
    expect(fake.sent.length).toBe(sent);
  });
});

describe('a worker that fails', () => {
  it('is replaced on the next backend with the same networks after a silence, and the lab says so', async () => {
    const s = await onScreen([small, deeper]);
    // The allowance counts from the worker's last message: the status that answered Train, at 0.
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
    fake.hang();
    await s.clock.advance(FLOOR_MS);
    expect(s.fakes).toHaveLength(3);
    expect(fake.terminated).toBe(true);
    expect(s.lab.history.error).toBe(
      'The training worker stopped responding (silent for 15 s); no other backend is left to restart on.',
    );
    expect(s.lab.history.running).toBe(false);
  });

  it('uses the allowances of its page', async () => {
    const page = new LabPage(undefined, { watchdog: { floorMs: 2000 } });
    const s = setup(undefined, page);
    s.lab.setNets([small]);
    s.lab.setPresence(true, true);
    await s.clock.advance(1);
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
    const page = new LabPage();
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
    const page = new LabPage();
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
    const page = new LabPage();
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
    const page = new LabPage();
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
