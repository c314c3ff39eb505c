/**
 * The sentence a lab shows when a run stops on a non-finite step: what happened and what to try.
 */
import { someSkips, type ExperimentConfig } from '../engine/config';
import type { RunRecord } from './protocol';

function finiteAll(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** Names what went non-finite at `record.step` and suggests fixes that fit `config`. */
export function divergenceMessage(
  name: string,
  config: ExperimentConfig,
  record: RunRecord,
): string {
  const what: string[] = [];
  if (!Number.isFinite(record.loss)) what.push(`the loss became ${String(record.loss)}`);
  if (!finiteAll(record.activationNorms)) what.push('the activations overflowed');
  if (!finiteAll(record.gradNorms) || !finiteAll(record.signalGradNorms))
    what.push('the gradients became infinite or NaN');
  if (what.length === 0) what.push('a measurement became infinite or NaN');
  const tries: string[] = [`a lower learning rate (now ${config.learningRate})`];
  if (config.norm === 'none') tries.push('batch norm');
  if (someSkips(config) && config.norm === 'none' && config.branchScale > 0.2)
    tries.push(`a smaller branch scale (now ${config.branchScale}, try 0.2)`);
  if (config.blocks > 8) tries.push(`fewer blocks (now ${config.blocks})`);
  return (
    `${name} diverged at step ${record.step}: ${what.join(', ')}, so training stopped. ` +
    `Try ${tries.slice(0, -1).join(', ')}${tries.length > 1 ? ' or ' : ''}${tries[tries.length - 1]}.`
  );
}
