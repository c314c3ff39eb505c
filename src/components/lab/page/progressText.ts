/**
 * What the status line says while the worker is in a long phase (protocol.ts, WorkPhase): the
 * reader of a 100-block network waits tens of seconds for step 0 and should know for what.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { WorkPhase } from '../../../model/worker/protocol';
import { backendName } from '../../common/backendName';

function networks(nets: readonly ExperimentConfig[]): string {
  const [a, b] = nets;
  if (!a) return 'the network';
  if (!b) return `a ${a.blocks}-block network of width ${a.width}`;
  if (a.blocks === b.blocks) return `two ${a.blocks}-block networks`;
  return `networks of ${a.blocks} and ${b.blocks} blocks`;
}

/**
 * The sentence for `phase` of step `step`, for the lab's networks `nets`. `backend` is the one
 * the lab asked its worker to start (the page's choice), or undefined when the worker measures
 * the backends itself: starting a known one and choosing one are different waits.
 */
export function phaseText(
  phase: WorkPhase,
  step: number,
  nets: readonly ExperimentConfig[],
  backend?: string,
): string {
  switch (phase) {
    case 'backend':
      return backend
        ? `Starting the ${backendName(backend)} backend…`
        : 'Choosing the fastest backend for this browser…';
    case 'build':
      return `Building ${networks(nets)}…`;
    case 'step':
      return step === 0
        ? 'Measuring step 0 (the gradients at initialisation)…'
        : `Computing step ${step}…`;
    case 'evaluate':
      return 'Measuring loss and accuracy on the full training and test sets…';
    case 'boundary':
      return 'Drawing the decision boundary…';
    case 'replay':
      return `Replaying the reused network up to step ${step}, where its shown run ended, before training goes on…`;
  }
}

/** Whole seconds since `since` (both in milliseconds), for the counter after the sentence. */
export function elapsedText(since: number, now: number): string {
  return `${Math.max(0, Math.floor((now - since) / 1000))} s`;
}
