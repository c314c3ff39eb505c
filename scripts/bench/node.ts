/**
 * Engine step times in Node: full step (every measurement) vs the bare tfjs step (loss only) of
 * the same model, per backend, depth and skip; and the cost of twin runs.
 */
import { parseConfig } from '../../src/model/config';
import { loadDataset } from '../../src/model/data';
import { Session } from '../../src/model/experiment';
import { NODE_BACKENDS, useNodeBackend } from '../node-backend';
import { round, timePair } from './stats';

export interface NodeRow {
  backend: string;
  blocks: number;
  skip: string;
  msPerStep: number;
  msPerBareStep: number;
  metricsOverheadPct: number;
}

/** The benchmark's model: DESIGN's reference config at a given depth. */
export function benchConfig(blocks: number, skip: 'identity' | 'none') {
  return parseConfig({ blocks, width: 32, batchSize: 128, dataset: 'spiral', skip });
}

export async function nodeSteps(
  blocksList: number[],
  log: (s: string) => void,
): Promise<NodeRow[]> {
  const rows: NodeRow[] = [];
  const data = await loadDataset('spiral', 1);
  for (const backend of NODE_BACKENDS) {
    await useNodeBackend(backend);
    for (const blocks of blocksList) {
      for (const skip of ['identity', 'none'] as const) {
        const session = new Session(benchConfig(blocks, skip), data);
        // The two kinds of step alternate so that warm-up and drift in machine load hit both alike.
        const [full, bare] = await timePair(
          () => session.step(),
          () => session.bareStep(),
        );
        session.dispose();
        const row = {
          backend,
          blocks,
          skip,
          msPerStep: round(full),
          msPerBareStep: round(bare),
          metricsOverheadPct: round((100 * (full - bare)) / bare, 1),
        };
        rows.push(row);
        log(
          `node ${backend} blocks=${blocks} ${skip}: ${row.msPerStep} ms (bare ${row.msPerBareStep})`,
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
    const [one, twin] = await timePair(
      () => a.step(),
      async () => {
        await a.step();
        await b.step();
      },
    );
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
