/**
 * A lab controller on a fake page (its clock a FakeClock) with scripted workers
 * (fakeTransport.ts), and what the lab controller's tests read of what it sent.
 */
import { parseConfig, type ExperimentConfig } from '../../src/model/engine/config';
import type { ToWorker } from '../../src/model/worker/protocol';
import { FakeClock } from './fakeClock';
import { createFakeTransport, type FakeTransport } from './fakeTransport';
import { LabController } from '../../src/components/lab/run/labController';
import { LabPage } from '../../src/components/lab/page/labPage';

export const small = parseConfig({ dataset: 'circles', blocks: 2, width: 8 });
export const deeper = { ...small, blocks: 4 };

/** A page on fake time (its own clock: a fake one). */
export function fakePage(options: ConstructorParameters<typeof LabPage>[1] = {}) {
  return new LabPage(undefined, { clock: new FakeClock(), ...options });
}

/** A page, its clock and a controller whose workers report `backends` in turn. */
export function setup(backends = ['wasm', 'webgl', 'cpu'], page = fakePage(), name?: string) {
  const clock = page.clock as FakeClock;
  const fakes: FakeTransport[] = [];
  const make = () => {
    const fake = createFakeTransport(backends[fakes.length] ?? 'cpu', clock);
    fakes.push(fake);
    return fake;
  };
  const lab = new LabController({ page, makeTransport: make, name });
  let notices = 0;
  lab.subscribe(() => (notices += 1));
  return { clock, fakes, lab, page, notices: () => notices, make };
}

export const types = (fake: FakeTransport) => fake.sent.map((m) => m.type);
export const configures = (fake: FakeTransport) =>
  fake.sent.filter((m): m is Extract<ToWorker, { type: 'configure' }> => m.type === 'configure');

/** A lab on screen with `nets`, after its first configuration. */
export async function onScreen(nets: ExperimentConfig[] = [small], backends?: string[]) {
  const s = setup(backends);
  s.lab.setNets(nets);
  s.lab.setPresence(true, true);
  await s.clock.advance(1);
  return s;
}
