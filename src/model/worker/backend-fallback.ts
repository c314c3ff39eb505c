/**
 * Recovery inside the worker from a backend that fails in the middle of a step (a lost WebGL
 * context that tfjs reports, an out-of-memory wasm heap): switch to the next backend, tell the
 * lab, rebuild the runs on it from step 0. A worker that dies as a whole, or stops answering, is
 * recovered by the lab instead (src/components/lab/run/recovery.ts).
 */
import type { Session, StepRecord } from '../engine/experiment';
import type { FromWorker } from './protocol';

/** Thrown out of a step when the backend was switched and the runs rebuilt. */
export class Restarted extends Error {}

/** What a fallback needs from the host. */
export interface FallbackDeps {
  post(message: FromWorker): void;
  backend(): string;
  /** Switches to the next backend and returns its name, or null when none is left. */
  fallback?(failed: string): Promise<string | null>;
}

/**
 * One step of `session`. When it throws and another backend starts, reports the restart, awaits
 * `rebuild` and throws Restarted; without another backend it rethrows the step's error.
 */
export async function stepOrRestart(
  session: Session,
  deps: FallbackDeps,
  generation: number,
  rebuild: () => Promise<void>,
): Promise<StepRecord> {
  try {
    return await session.step();
  } catch (e) {
    const failed = deps.backend();
    // Starting the next backend can take seconds (webgl compiles shaders): say so first.
    if (deps.fallback) deps.post({ type: 'progress', generation, phase: 'backend', step: 0 });
    const next = await deps.fallback?.(failed);
    if (!next) throw e;
    deps.post({
      type: 'error',
      generation,
      message: `The ${failed} backend failed (${e instanceof Error ? e.message : String(e)}); restarted on ${next}.`,
      restartedOn: next,
    });
    await rebuild();
    throw new Restarted();
  }
}
