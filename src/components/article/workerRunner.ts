/**
 * What a figure's live run shares, without React: it owns one sweep worker at a time (a new run
 * terminates the old one, whose late messages are then ignored), keeps a state that listeners
 * hear of on every change, and turns a worker that fails to load or crashes into a message.
 * SweepRunner (the degradation figure) and DeepRunner (the thousand-layer figure) say what their
 * messages mean.
 */
import type { SweepFromWorker, SweepToWorker } from '../../model/worker/sweep-protocol';

/** The part of a Worker a runner uses (a fake in tests). */
export interface SweepWorker {
  postMessage(m: SweepToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<SweepFromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type SweepWorkerFactory = () => SweepWorker;

/** The app's sweep worker; tfjs loads in it only when a reader starts a run. */
export const createSweepWorker: SweepWorkerFactory = () =>
  new Worker(new URL('../../model/worker/sweep.worker.ts', import.meta.url), {
    type: 'module',
    name: 'residual-sweep',
  }) as unknown as SweepWorker;

/** What every live run's state has: where it stands, and why it failed. */
export interface RunState {
  status: string;
  error: string | null;
}

export abstract class WorkerRunner<S extends RunState> {
  private worker: SweepWorker | null = null;
  private stateValue: S;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: S,
    private readonly makeWorker: SweepWorkerFactory,
  ) {
    this.stateValue = initial;
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

  /** Starts a new worker (terminating any other) and sends it `message`. */
  protected launch(message: SweepToWorker): void {
    this.stop();
    const worker = this.makeWorker();
    this.worker = worker;
    worker.onmessage = (e) => {
      if (this.worker === worker) this.onMessage(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (this.worker === worker) this.fail(e.message || 'the worker failed');
    };
    // Plain data only: a structured clone of what the caller may still hold.
    worker.postMessage(JSON.parse(JSON.stringify(message)) as SweepToWorker);
  }

  /** Terminates the worker at once. */
  protected stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  protected set(next: S): void {
    this.stateValue = next;
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

  /** What a run clears when it ends, however it ends (its progress line). */
  protected abstract readonly ended: Partial<S>;

  protected abstract onMessage(m: SweepFromWorker): void;
}
