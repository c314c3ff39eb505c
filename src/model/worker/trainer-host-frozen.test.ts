// @vitest-environment node
/**
 * Frozen runs (protocol.ts, FrozenRun): a run the lab shows from an identical run that ended
 * elsewhere is built but neither stepped nor measured, counts as done at its step, and is
 * replayed silently when training goes past that step, after which its numbers are those of a
 * run trained from the start. Real tiny sessions on the cpu backend, as in trainer-host.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../engine/config';
import { useCpuBackend } from '../../../tests/support/engine';
import type { FrozenRun, RunRecord, ToWorker } from './protocol';
import type { HostDeps } from './trainer-host';
import { hostHarness, until } from '../../../tests/support/host';

beforeAll(useCpuBackend);

const STEPS = 5;
const base = { dataset: 'circles', blocks: 2, width: 8, batchSize: 16, steps: STEPS } as const;
const a = parseConfig({ ...base, skip: 'none' });
const b = parseConfig({ ...base, skip: 'identity' });
/** B as the page's cache would hand it over: ended at its last step, STEPS − 1. */
const bFrozen: FrozenRun = { step: STEPS - 1, diverged: false };

function makeHost(extra: Partial<HostDeps> = {}) {
  const { host, posted, of } = hostHarness(extra);
  /** Run `run`'s records, by step. */
  const records = (run: number) =>
    new Map(
      of('metrics').flatMap((m) => (m.records[run] ? [[m.records[run].step, m.records[run]]] : [])),
    );
  const done = () => of('status').at(-1)?.done === true && of('status').at(-1)?.running === false;
  return { host, posted, of, records, done };
}

/** Trains until the run is over (Train, then wait for a done status after `after` statuses). */
async function trainToEnd(h: ReturnType<typeof makeHost>): Promise<void> {
  const before = h.of('status').length;
  await h.host.handle({ type: 'train' });
  await until(() => h.of('status').length > before + 1 && h.done());
}

function configure(frozen?: (FrozenRun | null)[]): ToWorker {
  return { type: 'configure', generation: 1, configs: [a, b], frozen };
}

/** The numbers of a record, as plain arrays (Float32Arrays compare by value this way). */
const numbers = (r: RunRecord | undefined) =>
  r && {
    step: r.step,
    loss: r.loss,
    accuracy: r.accuracy,
    gradNorms: [...r.gradNorms],
    signalGradNorms: [...r.signalGradNorms],
    activationNorms: [...r.activationNorms],
  };

/** A twin run trained from the start to 2 × STEPS (Train, then Train after the end). */
async function reference() {
  const h = makeHost();
  await h.host.handle(configure());
  await trainToEnd(h);
  await trainToEnd(h);
  h.host.dispose();
  return h;
}

describe('TrainerHost with a frozen run', () => {
  it('trains only the other run, and the lab is over when it reaches the limit', async () => {
    const h = makeHost();
    await h.host.handle(configure([null, bFrozen]));
    expect(h.of('ready')[0]!.layers).toHaveLength(2);
    // Step 0: A measured, B neither stepped nor evaluated.
    expect(h.of('metrics')[0]!.records.map((r) => r?.step ?? null)).toEqual([0, null]);
    expect(h.of('evaluation')[0]!.evals[1]).toBeNull();
    expect(h.host.sessionSteps).toEqual([1, 0]);
    // The frozen run ahead does not move the lab's step counter.
    expect(h.of('status').at(-1)).toMatchObject({ step: 0, done: false });

    await h.host.handle({ type: 'step' });
    expect(
      h
        .of('metrics')
        .at(-1)!
        .records.map((r) => r?.step ?? null),
    ).toEqual([1, null]);

    await trainToEnd(h);
    expect(h.host.sessionSteps).toEqual([STEPS, 0]);
    expect(h.of('metrics').every((m) => m.records[1] === null)).toBe(true);
    expect(h.of('evaluation').every((m) => m.evals[1] === null)).toBe(true);
    expect(h.of('boundary').every((m) => m.grids[1] === null && m.grids[0] !== null)).toBe(true);
    expect(h.of('status').at(-1)).toMatchObject({ step: STEPS - 1, done: true });
    h.host.dispose();
  });

  it('replays it on Train after the end, then both continue as runs trained from the start', async () => {
    const ref = await reference();
    const h = makeHost();
    await h.host.handle(configure([null, bFrozen]));
    await trainToEnd(h);
    await trainToEnd(h);
    expect(h.host.sessionSteps).toEqual([2 * STEPS, 2 * STEPS]);
    // The replay was announced as a phase, and posted no record of B before STEPS.
    expect(h.of('progress').some((p) => p.phase === 'replay' && p.step === STEPS - 1)).toBe(true);
    const bSteps = [...h.records(1).keys()];
    expect(bSteps).toEqual(Array.from({ length: STEPS }, (_, i) => STEPS + i));
    for (const run of [0, 1])
      for (const [step, r] of h.records(run))
        expect(numbers(r), `run ${run}, step ${step}`).toEqual(numbers(ref.records(run).get(step)));
    // The evaluation at the end matches too (B's first one here).
    const last = (x: typeof h) => x.of('evaluation').at(-1)!;
    expect(last(h).step).toBe(2 * STEPS - 1);
    expect(last(h).evals).toEqual(last(ref).evals);
    expect(h.of('status').at(-1)).toMatchObject({ step: 2 * STEPS - 1, done: true });
  });

  it('lets messages in between replay slices: Pause stops a replay, Train resumes it', async () => {
    // Every reading of the clock is 300 ms later: each slice replays a single step.
    let t = 0;
    const h = makeHost({ now: () => (t += 300) });
    await h.host.handle(configure([bFrozen, bFrozen]));
    // Both frozen: over at once, nothing measured.
    expect(h.of('metrics')).toHaveLength(0);
    expect(h.of('status').at(-1)).toMatchObject({ step: STEPS - 1, done: true });
    await h.host.handle({ type: 'train' });
    await until(() => h.of('progress').filter((p) => p.phase === 'replay').length >= 2);
    const idles = h.of('idle').length;
    await h.host.handle({ type: 'pause' });
    const replayed = h.host.sessionSteps;
    expect(replayed[0]! + replayed[1]!).toBeGreaterThan(0);
    expect(replayed[0]! + replayed[1]!).toBeLessThan(2 * STEPS);
    expect(h.of('metrics')).toHaveLength(0);
    // Nothing moves after Pause: the host says it is idle with the replay where Pause left it.
    await until(() => h.of('idle').length > idles);
    expect(h.host.sessionSteps).toEqual(replayed);
    // Train resumes the replay and goes on to the extended limit.
    await h.host.handle({ type: 'train' });
    await until(() => h.done() && h.host.sessionSteps[1] === 2 * STEPS);
    expect(h.records(0).get(STEPS)!.finite).toBe(true);
    h.host.dispose();
  });

  it('never replays a run that diverged where it was shown from', async () => {
    const h = makeHost();
    await h.host.handle(configure([null, { step: 1, diverged: true }]));
    await trainToEnd(h);
    expect(h.of('status').at(-1)!.step).toBe(STEPS - 1);
    await trainToEnd(h);
    expect(h.host.sessionSteps).toEqual([2 * STEPS, 0]);
    expect(h.of('progress').some((p) => p.phase === 'replay')).toBe(false);
    h.host.dispose();
  });

  it('steps a frozen run once Step reaches it, replaying it first', async () => {
    const ref = await reference();
    const h = makeHost();
    await h.host.handle(configure([null, bFrozen]));
    for (let i = 1; i < STEPS; i++) await h.host.handle({ type: 'step' });
    expect(h.host.sessionSteps).toEqual([STEPS, 0]);
    expect(h.of('status').at(-1)!.done).toBe(true);
    await h.host.handle({ type: 'step' });
    expect(h.host.sessionSteps).toEqual([STEPS + 1, STEPS + 1]);
    expect(numbers(h.records(1).get(STEPS))).toEqual(numbers(ref.records(1).get(STEPS)));
    h.host.dispose();
  });

  it('trains every run from step 0 after Reset', async () => {
    const h = makeHost();
    await h.host.handle(configure([null, bFrozen]));
    await h.host.handle({ type: 'reset' });
    expect(
      h
        .of('metrics')
        .at(-1)!
        .records.map((r) => r?.step ?? null),
    ).toEqual([0, 0]);
    expect(h.host.sessionSteps).toEqual([1, 1]);
    h.host.dispose();
  });
});
