/**
 * Scripted sweep workers for tests of the live runners and their figures: each records what it
 * was sent and whether it was terminated, `emit` plays a message from the newest one, and `job`
 * reads the job the newest was sent.
 */
import type { StudyFromWorker, StudyToWorker } from '../../src/model/worker/study-protocol';
import type { StudyWorker } from '../../src/components/studies/live/workerRunner';

export interface FakeStudyWorker extends StudyWorker {
  sent: StudyToWorker[];
  terminated: boolean;
}

/**
 * A factory of fake workers, the workers it made, a way to answer from the newest, and the job the
 * newest was sent.
 */
export function fakeStudyWorkers(wrap: (f: () => void) => unknown = (f) => f()) {
  const workers: FakeStudyWorker[] = [];
  const make = (): FakeStudyWorker => {
    const w: FakeStudyWorker = {
      sent: [],
      terminated: false,
      onmessage: null,
      onerror: null,
      postMessage: (m) => w.sent.push(m),
      terminate: () => (w.terminated = true),
    };
    workers.push(w);
    return w;
  };
  /** Delivers `m` from the newest worker (inside `wrap`, e.g. React's act). */
  const emit = (m: StudyFromWorker) =>
    wrap(() => workers.at(-1)!.onmessage?.({ data: m } as MessageEvent<StudyFromWorker>));
  /** The first message the newest worker was sent, which must start a job of `type`. */
  const job = <T extends StudyToWorker['type']>(type: T): Extract<StudyToWorker, { type: T }> => {
    const sent = workers.at(-1)?.sent[0];
    if (sent?.type !== type) throw new Error(`expected a ${type} job, not ${sent?.type}`);
    return sent as Extract<StudyToWorker, { type: T }>;
  };
  return { workers, make, emit, job };
}
