/**
 * The shattered-gradients measurement in the study worker: it builds every net of the spec it is
 * sent and measures its gradient along a line, at initialisation, reporting each net measured.
 */
import type { LiveContext } from '../study';
import { runShatteredSpec } from './run';
import type { ShatteredRun, ShatteredSpec } from './spec';

/** Measure the gradient along a line for every net of `spec`, at initialisation. */
export interface ShatteredJob {
  spec: ShatteredSpec;
}

export type ShatteredMessage =
  /** `done` nets of `total` measured. */
  | { type: 'shattered-progress'; done: number; total: number }
  | { type: 'shattered-done'; runs: ShatteredRun[]; ms: number };

export async function shatteredLive(
  { spec }: ShatteredJob,
  ctx: LiveContext<ShatteredMessage>,
): Promise<void> {
  const { post } = ctx;
  const runs = await runShatteredSpec(spec, {
    onProgress: (done, total) => post({ type: 'shattered-progress', done, total }),
  });
  post({ type: 'shattered-done', runs: runs ?? [], ms: ctx.elapsed() });
}
