/**
 * A live loss-landscape run for its figure, without React: trains the plain and the residual net
 * of one seed in a sweep worker and slices the loss on a plane through each, collecting the
 * slices as they come. Cancel terminates the worker at once and keeps what is done.
 */
import type { LandscapeRun, LandscapeSpec } from '../../model/landscape-spec';
import type { SweepArm } from '../../model/sweep-spec';
import type { SweepFromWorker } from '../../model/worker/sweep-protocol';
import { createSweepWorker, WorkerRunner, type SweepWorkerFactory } from './workerRunner';

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
  constructor(makeWorker: SweepWorkerFactory = createSweepWorker) {
    super(IDLE, makeWorker);
  }

  /** Trains and slices the nets of `spec` on its first seed. */
  start(spec: LandscapeSpec): void {
    const seed = spec.seeds[0] ?? 1;
    this.set({ ...IDLE, status: 'starting', seed, netsTotal: 2 });
    this.launch({ type: 'landscape', spec: { ...spec, seeds: [seed] } });
  }

  protected readonly ended = { current: null };

  protected onMessage(m: SweepFromWorker): void {
    const s = this.state;
    switch (m.type) {
      case 'landscape-progress':
        this.set({
          ...s,
          status: 'running',
          current: { arm: m.arm, phase: m.phase, done: m.done, total: m.total },
          nets: m.nets,
          netsTotal: m.netsTotal,
        });
        break;
      case 'landscape-run':
        this.set({ ...s, runs: [...s.runs, m.run], nets: m.done, netsTotal: m.total });
        break;
      case 'landscape-done':
        this.finish({ status: 'done' });
        break;
      case 'sweep-error':
        this.fail(m.message);
        break;
      default:
        break;
    }
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
  switch (s.status) {
    case 'idle':
      return '';
    case 'starting':
      return 'Starting the worker…';
    case 'running':
      if (!c) return `Working · ${nets}`;
      return c.phase === 'training'
        ? `Training the ${c.arm} net, seed ${s.seed}: step ${c.done} of ${c.total} · ${nets}`
        : `Slicing the ${c.arm} net's landscape, seed ${s.seed}: ${c.done} of ${c.total} points · ${nets}`;
    case 'done':
      return `Done: seed ${s.seed}. The plots show your run.`;
    case 'cancelled':
      return `Cancelled: ${nets}; those stay.`;
    case 'failed':
      return `The run failed: ${s.error ?? 'unknown error'}.`;
  }
}
