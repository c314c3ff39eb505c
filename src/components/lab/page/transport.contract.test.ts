// @vitest-environment node
/**
 * The contract between the lab and its worker, checked on both sides: the same script of
 * messages goes to the scripted fake the lab's component tests use (fakeTransport.ts) and to the
 * real worker logic (TrainerHost, on tfjs's cpu backend), and both must answer with the same
 * sequence of the messages the lab acts on: ready, metrics (with their steps), status (running,
 * done) and idle. The real host also posts progress, evaluation and boundary messages, which the
 * fake leaves out; they carry measurements, not control.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import { useCpuBackend } from '../../../../tests/support/engine';
import type { FromWorker, ToWorker } from '../../../model/worker/protocol';
import { TrainerHost } from '../../../model/worker/trainer-host';
import { createFakeTransport } from '../../../../tests/support/fakeTransport';

beforeAll(useCpuBackend);

const configs = [
  parseConfig({ dataset: 'circles', blocks: 2, width: 8, batchSize: 16, steps: 50 }),
];

/** The script: what a reader does with a lab, one message at a time. */
const SCRIPT: ToWorker[] = [
  { type: 'configure', generation: 1, configs },
  { type: 'step' },
  { type: 'step' },
  { type: 'pause' },
  { type: 'reset' },
  { type: 'step' },
  { type: 'configure', generation: 2, configs: [configs[0]!, { ...configs[0]!, skip: 'none' }] },
  { type: 'step' },
  // B shown from the page's finished runs, then both: neither is measured, the second is over.
  {
    type: 'configure',
    generation: 3,
    configs: [configs[0]!, { ...configs[0]!, skip: 'none' }],
    frozen: [null, { step: 49, diverged: false }],
  },
  { type: 'step' },
  {
    type: 'configure',
    generation: 4,
    configs: [configs[0]!, { ...configs[0]!, skip: 'none' }],
    frozen: [
      { step: 49, diverged: false },
      { step: 3, diverged: true },
    ],
  },
  { type: 'reset' },
];

/** The part of a message the lab acts on. */
function summary(m: FromWorker): string | null {
  switch (m.type) {
    case 'ready':
      return `ready g${m.generation} runs ${m.layers.length}`;
    case 'metrics':
      return `metrics g${m.generation} steps ${m.records.map((r) => r?.step).join(',')}`;
    case 'status':
      return `status g${m.generation} running ${m.running} done ${m.done}`;
    case 'idle':
      return `idle g${m.generation}`;
    default:
      return null;
  }
}

async function fakeAnswers(): Promise<string[][]> {
  const fake = createFakeTransport('cpu');
  let got: FromWorker[] = [];
  fake.listen(
    (m) => got.push(m),
    () => {},
  );
  const out: string[][] = [];
  for (const m of SCRIPT) {
    got = [];
    fake.post(m);
    out.push(got.map(summary).filter((s): s is string => s !== null));
  }
  fake.terminate();
  return out;
}

async function hostAnswers(): Promise<string[][]> {
  let got: FromWorker[] = [];
  const host = new TrainerHost({ post: (m) => got.push(m), backend: () => tf.getBackend() });
  const out: string[][] = [];
  for (const m of SCRIPT) {
    got = [];
    await host.handle(m);
    out.push(got.map(summary).filter((s): s is string => s !== null));
  }
  host.dispose();
  return out;
}

describe('the fake worker and the real one', () => {
  it('answer the same script with the same control messages', async () => {
    const real = await hostAnswers();
    const fake = await fakeAnswers();
    expect(fake).toEqual(real);
    // And the script exercised what it should: two steps after the first configuration.
    expect(real[2]).toContain('metrics g1 steps 2');
    expect(real[9]).toContain('metrics g3 steps 1,');
    expect(real[10]).toContain('status g4 running false done true');
    expect(real[11]).toContain('metrics g4 steps 0,0');
  });
});
