/**
 * The replicate folder: everything another implementation needs to re-run an engine run step
 * for step (the PyTorch script's `--replicate DIR`, pytorch-script.ts). Written by
 * `npm run experiment -- … --export-replicate DIR`; the format is in docs/design.md.
 *
 *   config.json   the config, as parseConfig returns it
 *   params.json   every initial parameter in creation order: [{name, shape, values}]
 *   data.json     {name, inputDim, numClasses, trainX, trainY, testX, testY}, X row-major, flat
 *   batches.json  {batchSize, indices}: the training-set rows of every step's batch
 *   engine.json   the engine's own result (the CLI's --out), to compare with
 */
import { BatchSampler } from '../engine/batches';
import type { ExperimentConfig } from '../engine/config';
import { trainSize } from '../engine/data';
import type { ExperimentResult, Session } from '../engine/experiment';

/** The inputs of a run, as the replicate folder holds them (without the engine's result). */
export interface ReplicateExport {
  config: ExperimentConfig;
  params: { name: string; shape: number[]; values: number[] }[];
  data: {
    name: string;
    inputDim: number;
    numClasses: number;
    trainX: number[];
    trainY: number[];
    testX: number[];
    testY: number[];
  };
  batches: { batchSize: number; indices: number[][] };
}

/** The files of a replicate folder, by name, in the order they are written. */
export const REPLICATE_FILES = [
  'config.json',
  'params.json',
  'data.json',
  'batches.json',
  'engine.json',
] as const;

/**
 * The inputs of `session`'s run of `steps` steps: call it before the first step, while the
 * parameters are the initial ones. The batches come from a fresh sampler with the run's seed,
 * which gives the same order the session trains on (batches.ts depends on nothing else).
 */
export async function exportReplicate(session: Session, steps: number): Promise<ReplicateExport> {
  if (session.stepsDone !== 0)
    throw new Error('exportReplicate needs a session before its first step');
  const { config, dataset } = session;
  const { params } = await session.exportInitial();
  const sampler = new BatchSampler(config.seed, trainSize(dataset), config.batchSize);
  const indices = Array.from({ length: steps }, () => Array.from(sampler.next()));
  return {
    config,
    params,
    data: {
      name: dataset.name,
      inputDim: dataset.inputDim,
      numClasses: dataset.numClasses,
      trainX: Array.from(dataset.trainX),
      trainY: Array.from(dataset.trainY),
      testX: Array.from(dataset.testX),
      testY: Array.from(dataset.testY),
    },
    batches: { batchSize: config.batchSize, indices },
  };
}

/**
 * The folder's files as text, keyed by REPLICATE_FILES. Compact JSON: each float32 value widened
 * to a double and written by JSON.stringify as the shortest decimal that reads back to that
 * double, so the folder is deterministic and loses nothing. NaN and ±Infinity become null.
 */
export function replicateFiles(
  exp: ReplicateExport,
  result: ExperimentResult,
): Record<(typeof REPLICATE_FILES)[number], string> {
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      ArrayBuffer.isView(x) ? Array.from(x as Float32Array) : x,
    ) + '\n';
  return {
    'config.json': json(exp.config),
    'params.json': json(exp.params),
    'data.json': json(exp.data),
    'batches.json': json(exp.batches),
    'engine.json': json(result),
  };
}
