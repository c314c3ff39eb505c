/**
 * The lab controller on fake time with scripted workers (fakeTransport.ts): when the worker
 * starts, what it is sent and when, and how labs take turns. No React and no real waiting.
 * How a failed worker is replaced, and how runs finished elsewhere on the page are shown, are in
 * labController.recovery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { FakeClock } from '../../../../tests/support/fakeClock';
import { createFakeTransport, type FakeTransport } from '../../../../tests/support/fakeTransport';
import {
  configures,
  deeper,
  fakePage,
  onScreen,
  setup,
  small,
  types,
} from '../../../../tests/support/labSetup';
import { CONFIGURE_DELAY_MS, LabController, RENDER_INTERVAL_MS } from './labController';

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
    // The lab's own start: a resume, which the worker never turns into a longer run.
    expect(s.fakes[0]!.sent.at(-1)).toEqual({ type: 'train', resume: true });
    expect(s.lab.history.running).toBe(true);
  });

  it("starts every lab on the page's backend at once: none measures, none waits for another", async () => {
    const page = fakePage();
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
    const s = setup(['webgl'], fakePage({ storage }));
    s.lab.setNets([small]);
    s.lab.setPresence(true, true);
    await s.clock.advance(1);
    expect(configures(s.fakes[0]!)[0]!.backend).toBe('webgl');
  });

  it('with autoTrain off, configures on screen but trains only on Train', async () => {
    const page = fakePage();
    const clock = page.clock as FakeClock;
    const fakes: FakeTransport[] = [];
    const lab = new LabController({
      page,
      makeTransport: () => {
        const f = createFakeTransport('wasm', clock);
        fakes.push(f);
        return f;
      },
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
    const page = fakePage();
    const clock = page.clock as FakeClock;
    const lab = new LabController({
      page,
      makeTransport: () => createFakeTransport('wasm', clock),
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
    const page = fakePage();
    const clock = page.clock as FakeClock;
    const lab = new LabController({
      page,
      makeTransport: () => createFakeTransport('wasm', clock),
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
    const page = fakePage();
    const clock = page.clock as FakeClock;
    const fakes: FakeTransport[] = [];
    const lab = new LabController({
      page,
      makeTransport: () => {
        const fake = createFakeTransport('wasm', clock);
        fakes.push(fake);
        return fake;
      },
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
    // The reader's Train: it may go on past a finished run's end.
    expect(s.fakes[0]!.sent.at(-1)).toEqual({ type: 'train' });
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
    const page = fakePage();
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
    const page = fakePage();
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
