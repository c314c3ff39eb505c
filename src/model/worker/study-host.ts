/**
 * The study worker's logic, free of `self` so that it runs in Node tests: it takes one job at a
 * time, makes the backend ready, and hands the job to its study's live side (the registry,
 * src/model/studies/index.ts), with a clock, the job's start and the throttle of its progress
 * reports. A job that fails, or comes while another runs, is answered with `study-error`. See
 * study-protocol.ts.
 */
import type { DigitsLoader } from '../engine/data';
import { STUDIES, type StudyId, type StudyJobs, type StudyMessages } from '../studies';
import type { LiveContext } from '../studies/study';
import type { StudyFromWorker, StudyToWorker } from './study-protocol';

export interface StudyHostDeps {
  post(m: StudyFromWorker): void;
  /** Makes the backend ready and returns its name. */
  prepare(): Promise<string>;
  loadDigits?: DigitsLoader;
  now?(): number;
  /** Least milliseconds between two progress messages (the last of a phase always reports). */
  progressMs?: number;
}

/** The live side of each study, as the host calls it. */
type Lives = {
  [K in StudyId]: (job: StudyJobs[K], ctx: LiveContext<StudyMessages[K]>) => Promise<void>;
};

/** The live side of study `id`; a type the registry does not know is an error. */
function liveOf<K extends StudyId>(id: K): Lives[K] {
  if (!Object.hasOwn(STUDIES, id)) throw new Error(`there is no study "${String(id)}"`);
  // STUDIES[id].live is Lives[K]; TypeScript does not see through the registry's inferred types.
  return STUDIES[id].live as Lives[K];
}

export class StudyHost {
  private busy = false;

  constructor(private readonly deps: StudyHostDeps) {}

  /** Starts the job of `m`; a second job while one runs is refused with an error message. */
  async handle(m: StudyToWorker): Promise<void> {
    const { post } = this.deps;
    if (this.busy) {
      post({ type: 'study-error', message: 'a study is already running in this worker' });
      return;
    }
    this.busy = true;
    try {
      await this.run(m);
    } catch (e) {
      post({ type: 'study-error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.busy = false;
    }
  }

  private async run<K extends StudyId>(m: StudyToWorker<K>): Promise<void> {
    const now = this.deps.now ?? (() => performance.now());
    const every = this.deps.progressMs ?? 200;
    const live = liveOf<K>(m.type);
    const started = now();
    const backend = await this.deps.prepare();
    let last = -Infinity;
    await live(m, {
      post: (message) => this.deps.post(message),
      backend,
      loadDigits: this.deps.loadDigits,
      now,
      elapsed: () => now() - started,
      due: (final) => {
        const t = now();
        if (t - last < every && !final) return false;
        last = t;
        return true;
      },
    });
  }
}
