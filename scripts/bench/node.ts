/**
 * Engine step times in Node: full step (every measurement) vs the bare tfjs step (loss only) of
 * the same model, per backend, depth and skip; and the cost of twin runs.
 */
import { parseConfig } from '../../src/model/engine/config';
import { loadDataset } from '../../src/model/engine/data';
import { Session } from '../../src/model/engine/experiment';
import { NODE_BACKENDS, useNodeBackend } from '../node-backend';
import { benchSkips, round, timeTogether } from './stats';

export interface NodeRow {
  backend: string;
  blocks: number;
  skip: string;
  /** The engine's step with every measurement (its own backward pass). */
  msPerStep: number;
  /** The engine's step with the loss only (its own backward pass). */
  msPerBareStep: number;
  /** The bare tfjs step: tf.variableGrads of the same model, loss only. */
  msPerTfjsStep: number;
  /** Cost of the measurements: full step over the engine's bare step. */
  metricsOverheadPct: number;
}

/** The benchmark's model: DESIGN's reference config at a given depth. */
export function benchConfig(blocks: number, skip: 'identity' | 'none') {
  return parseConfig({ blocks, width: 32, batchSize: 128, dataset: 'spiral', skip });
}

export async function nodeSteps(
  blocksList: number[],
  log: (s: string) => void,
  backends: readonly string[] = NODE_BACKENDS,
): Promise<NodeRow[]> {
  const rows: NodeRow[] = [];
  const data = await loadDataset('spiral', 1);
  for (const backend of NODE_BACKENDS.filter((b) => backends.includes(b))) {
    await useNodeBackend(backend);
    for (const blocks of blocksList) {
      for (const skip of benchSkips(blocks)) {
        const session = new Session(benchConfig(blocks, skip), data);
        // The three kinds of step interleave so that warm-up and drift in load hit all alike.
        const [full, bare, tfjsStep] = await timeTogether([
          () => session.step(),
          () => session.bareStep('manual'),
          () => session.bareStep('autodiff'),
        ]);
        session.dispose();
        const row = {
          backend,
          blocks,
          skip,
          msPerStep: round(full),
          msPerBareStep: round(bare),
          msPerTfjsStep: round(tfjsStep),
          metricsOverheadPct: round((100 * (full - bare)) / bare, 1),
        };
        rows.push(row);
        log(
          `node ${backend} blocks=${blocks} ${skip}: ${row.msPerStep} ms (bare ${row.msPerBareStep}, tfjs autodiff ${row.msPerTfjsStep})`,
        );
      }
    }
  }
  return rows;
}

export interface TwinRow {
  backend: string;
  blocks: number;
  msOne: number;
  msTwin: number;
  ratio: number;
}

/** One residual net vs a plain + residual pair stepped in lockstep (as the labs do). */
export async function nodeTwins(blocks: number): Promise<TwinRow[]> {
  const data = await loadDataset('spiral', 1);
  const rows: TwinRow[] = [];
  for (const backend of NODE_BACKENDS) {
    await useNodeBackend(backend);
    const a = new Session(benchConfig(blocks, 'identity'), data);
    const b = new Session(benchConfig(blocks, 'none'), data);
    const [one, twin] = await timeTogether([
      () => a.step(),
      async () => {
        await a.step();
        await b.step();
      },
    ]);
    a.dispose();
    b.dispose();
    rows.push({
      backend,
      blocks,
      msOne: round(one),
      msTwin: round(twin),
      ratio: round(twin / one),
    });
  }
  return rows;
}
