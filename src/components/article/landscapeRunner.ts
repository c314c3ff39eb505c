/**
 * A live loss-landscape run for its figure, without React: trains the plain and the residual net
 * of one seed in a sweep worker and slices the loss on a plane through each, collecting the
 * slices as they come. Cancel terminates the worker at once and keeps what is done.
 */
import type { LandscapeRun, LandscapeSpec } from '../../model/landscape-spec';
import type { SweepArm } from '../../model/sweep-spec';
import type { SweepFromWorker } from '../../model/worker/sweep-protocol';
import { oneSeed, runStatusText, WorkerRunner, type SweepWorkerFactory } from './workerRunner';

export interface LandscapeState {
  status: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  seed: number | null;
  runs: LandscapeRun[];
  /** The net in hand and how far it is. */
  current: { arm: SweepArm; phase: 'training' | 'slicing'; done: number; total: number } | null;
  nets: number;
  netsTotal: number;
  error: string | null;
}

const IDLE: LandscapeState = {
  status: 'idle',
  seed: null,
  runs: [],
  current: null,
  nets: 0,
  netsTotal: 0,
  error: null,
};

export class LandscapeRunner extends WorkerRunner<LandscapeState> {
  constructor(makeWorker?: SweepWorkerFactory) {
    super(IDLE, makeWorker);
  }

  /** Trains and slices the nets of `spec` on its first seed. */
  start(spec: LandscapeSpec): void {
    const run = oneSeed(spec);
    this.begin({ seed: run.seed, netsTotal: 2 }, { type: 'landscape', spec: run.spec });
  }

  protected readonly ended = { current: null };

  protected onMessage(m: SweepFromWorker): void {
    this.dispatch(m, {
      'landscape-progress': ({ arm, phase, done, total, nets, netsTotal }) =>
        this.set({
          ...this.state,
          status: 'running',
          current: { arm, phase, done, total },
          nets,
          netsTotal,
        }),
      'landscape-run': ({ run, done, total }) =>
        this.set({ ...this.state, runs: [...this.state.runs, run], nets: done, netsTotal: total }),
      'landscape-done': () => this.finish({ status: 'done' }),
    });
  }
}

/** How far a live run is, in nets (fractions for the net in hand; training and slicing half each). */
export function landscapeProgress(s: LandscapeState): number {
  const c = s.current;
  if (!c) return s.nets;
  return s.nets + (c.phase === 'training' ? 0 : 0.5) + (0.5 * c.done) / Math.max(1, c.total);
}

/** The status line of a live run. */
export function landscapeStatusText(s: LandscapeState): string {
  const nets = `${s.nets} of ${s.netsTotal} nets done`;
  const c = s.current;
  return runStatusText(s, 'run', {
    running: () =>
      !c
        ? `Working · ${nets}`
        : c.phase === 'training'
          ? `Training the ${c.arm} net, seed ${s.seed}: step ${c.done} of ${c.total} · ${nets}`
          : `Slicing the ${c.arm} net's landscape, seed ${s.seed}: ${c.done} of ${c.total} points · ${nets}`,
    done: () => `Done: seed ${s.seed}. The plots show your run.`,
    cancelled: () => `Cancelled: ${nets}; those stay.`,
  });
}
