/**
 * What a figure's live run shares, without React: it owns one study worker at a time (a new run
 * terminates the old one, whose late messages are then ignored), keeps a state that listeners
 * hear of on every change, and turns a worker that fails to load or crashes into a message.
 * Each runner (SweepRunner for the degradation figure, DeepRunner for the thousand-layer figure,
 * and the runners of the lesion, path-length, shattered-gradients and loss-landscape figures) says
 * what its messages mean and what its status line says.
 */
import type {
  StudyError,
  StudyFromWorker,
  StudyId,
  StudyToWorker,
} from '../../../model/worker/study-protocol';
import { tick, type RunClock } from './timeLeft';

/** The part of a Worker a runner uses (a fake in tests). */
export interface StudyWorker {
  postMessage(m: StudyToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<StudyFromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type StudyWorkerFactory = () => StudyWorker;

/** The app's study worker; tfjs loads in it only when a reader starts a run. */
export const createStudyWorker: StudyWorkerFactory = () =>
  new Worker(new URL('../../../model/worker/study.worker.ts', import.meta.url), {
    type: 'module',
    name: 'residual-study',
  }) as unknown as StudyWorker;

/** What every live run's state has: where it stands, and why it failed. */
export interface RunState {
  status: string;
  error: string | null;
  /** When its progress was first and last reported, for the time left (runners with `progressOf`). */
  clock?: RunClock | null;
}

/** The clock a runner reads, ms (tests pass their own). */
export type Clock = () => number;

/**
 * What a runner does with each kind of message from its worker, by type. A worker's error is left
 * out: every runner ends its run as failed on it (WorkerRunner.dispatch).
 */
export type MessageHandlers<K extends StudyId = StudyId> = {
  [T in Exclude<StudyFromWorker<K>['type'], 'study-error'>]?: (
    m: Extract<StudyFromWorker<K>, { type: T }>,
  ) => void;
};

/**
 * The seed a live run of `spec` trains, as the figures that show one seed at a time run it: the
 * spec's first seed (1 if it names none), and the spec cut down to that seed.
 */
export function oneSeed<T extends { seeds: readonly number[] }>(
  spec: T,
): { seed: number; spec: T } {
  const seed = spec.seeds[0] ?? 1;
  return { seed, spec: { ...spec, seeds: [seed] } };
}

/**
 * The status line of a live run, by its status: a run not begun says nothing, a failed one says
 * why the `what` failed, and a starting one that the worker starts unless `lines` says otherwise;
 * `lines` says the rest. They are functions so that only the line shown is worked out.
 */
export function runStatusText<S extends RunState>(
  s: S,
  what: string,
  lines: { [K in Exclude<S['status'], 'idle' | 'starting' | 'failed'>]: () => string } & {
    starting?: () => string;
  },
): string {
  if (s.status === 'idle') return '';
  if (s.status === 'failed') return `The ${what} failed: ${s.error ?? 'unknown error'}.`;
  const own = (lines as Partial<Record<string, () => string>>)[s.status];
  // Only 'starting' may lack a line of the runner's own: the type of `lines` asks for the others.
  return own ? own() : 'Starting the worker…';
}

/**
 * The base of every live runner, with its state `S` and its study `K` (whose jobs alone it may
 * send, and whose messages alone it is handed): the worker, the listeners, the run's end.
 */
export abstract class WorkerRunner<S extends RunState, K extends StudyId = StudyId> {
  private worker: StudyWorker | null = null;
  private stateValue: S;
  private readonly listeners = new Set<() => void>();

  /** `idle` is the state before the first run, which every run starts again from. */
  constructor(
    private readonly idle: S,
    private readonly makeWorker: StudyWorkerFactory = createStudyWorker,
    private readonly readClock: Clock = () => performance.now(),
  ) {
    this.stateValue = idle;
  }

  get state(): S {
    return this.stateValue;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops the run at once; what it produced so far stays. */
  cancel(): void {
    if (!this.running) return;
    this.finish({ status: 'cancelled' } as Partial<S>);
  }

  /** Forgets the worker (the figure unmounts). */
  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  /** True while a worker runs. */
  protected get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Starts a run: the state is the idle one with status 'starting' and the fields of `patch`, and
   * a new worker (terminating any other) is sent `message`.
   */
  protected begin(patch: Partial<S>, message: StudyToWorker<K>): void {
    this.set({ ...this.idle, status: 'starting', ...patch });
    this.launch(message);
  }

  /** Starts a new worker (terminating any other) and sends it `message`. */
  protected launch(message: StudyToWorker<K>): void {
    this.stop();
    const worker = this.makeWorker();
    this.worker = worker;
    worker.onmessage = (e) => {
      // The worker answers the job it was sent: study K's messages, or an error.
      if (this.worker === worker) this.onMessage(e.data as StudyFromWorker<K>);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (this.worker === worker) this.fail(e.message || 'the worker failed');
    };
    // Plain data only: a structured clone of what the caller may still hold.
    worker.postMessage(JSON.parse(JSON.stringify(message)) as StudyToWorker);
  }

  /** Terminates the worker at once. */
  protected stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /**
   * How far a running state is, in its progress bar's units: a runner that says so has its
   * progress reports timed (`clock`), from which the figure tells the time left.
   */
  protected readonly progressOf?: (s: S) => number;

  protected set(next: S): void {
    this.stateValue =
      next.status === 'running' && this.progressOf
        ? {
            ...next,
            clock: tick(next.clock, { ms: this.readClock(), value: this.progressOf(next) }),
          }
        : next;
    for (const l of [...this.listeners]) l();
  }

  /** Ends the run as failed with `message` (the worker crashed, or reported an error). */
  protected fail(message: string): void {
    this.finish({ status: 'failed', error: message } as Partial<S>);
  }

  /** Ends the run: the worker stops; the fields of `ended`, then `patch`, apply. */
  protected finish(patch: Partial<S>): void {
    this.stop();
    this.set({ ...this.state, ...this.ended, ...patch });
  }

  /**
   * Hands `m` to its handler in `on`; a message no handler takes is ignored. A worker's error ends
   * the run as failed, whatever the runner.
   */
  protected dispatch(m: StudyFromWorker<K>, on: MessageHandlers<K>): void {
    // A generic K does not narrow on `type`: the error is the one message of that type.
    if (m.type === 'study-error') this.fail((m as StudyError).message);
    // The handler found by `m.type` takes that type's message; TypeScript cannot follow the pair.
    else
      (on[m.type as keyof MessageHandlers<K>] as ((m: StudyFromWorker<K>) => void) | undefined)?.(
        m,
      );
  }

  /** What a run clears when it ends, however it ends (its progress line). */
  protected abstract readonly ended: Partial<S>;

  /** What the runner does with a message from its current worker (most: `dispatch` it). */
  protected abstract onMessage(m: StudyFromWorker<K>): void;
}
