/**
 * What the training host measures besides the step records, and when: loss and accuracy on the
 * full training and test sets every EVAL_EVERY steps, and the decision-boundary grids every
 * BOUNDARY_EVERY steps while training. Both are forward passes over far more rows than a batch,
 * so they run rarely, and each is announced to the lab as a phase first (see protocol.ts).
 */
import { decisionBoundary, extentOf } from '../engine/boundary';
import type { Evaluation, Session, StepRecord } from '../engine/experiment';
import type { BoundaryGrid, RunRecord } from './protocol';

import { EVAL_EVERY } from './protocol';

export { EVAL_EVERY };
/**
 * Steps between decision-boundary redraws while training (several forward passes per run); it
 * is also redrawn on Pause, Step and at the end of a run.
 */
export const BOUNDARY_EVERY = 50;
/** Cells per side of the decision-boundary grid. */
export const BOUNDARY_RESOLUTION = 32;

/** Whether step `step` is followed by an evaluation (`done`: the run just ended or diverged). */
export function evaluationDue(step: number, done: boolean): boolean {
  return step % EVAL_EVERY === 0 || done;
}

/** Whether step `step` is followed by a boundary redraw while training. */
export function boundaryDue(step: number, done: boolean, running: boolean): boolean {
  return (step > 0 && step % BOUNDARY_EVERY === 0) || (done && running);
}

/** Whether the sessions have a decision boundary to draw (planar data only). */
export function hasBoundary(sessions: readonly Session[]): boolean {
  return sessions.length > 0 && sessions[0]!.dataset.inputDim === 2;
}

/** The protocol's copy of a step record (only what crosses to the lab). */
export function toRunRecord(r: StepRecord): RunRecord {
  return {
    step: r.step,
    loss: r.loss,
    accuracy: r.accuracy,
    gradNorms: r.gradNorms,
    signalGradNorms: r.signalGradNorms,
    activationNorms: r.activationNorms,
    finite: r.finite,
  };
}

/**
 * Each session's evaluation on its full sets, null for a diverged one and for a null entry (a
 * frozen run, which the lab shows from elsewhere).
 */
export async function evaluateAll(
  sessions: readonly (Session | null)[],
): Promise<(Evaluation | null)[]> {
  const evals: (Evaluation | null)[] = [];
  for (const s of sessions) evals.push(s?.divergedAtStep === null ? await s.evaluate() : null);
  return evals;
}

/**
 * Each session's decision-boundary grid over its training data, null for a diverged one and for
 * a null entry (a frozen run).
 */
export async function boundaryGrids(
  sessions: readonly (Session | null)[],
): Promise<(BoundaryGrid | null)[]> {
  const grids: (BoundaryGrid | null)[] = [];
  for (const s of sessions) {
    if (s?.divergedAtStep !== null) {
      grids.push(null);
      continue;
    }
    const extent = extentOf(s.dataset.trainX);
    const values = await decisionBoundary((x) => s.predict(x), BOUNDARY_RESOLUTION, extent);
    grids.push({ values, resolution: BOUNDARY_RESOLUTION, extent });
  }
  return grids;
}
