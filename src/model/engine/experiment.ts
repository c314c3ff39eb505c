/**
 * Runs experiments: a `Session` holds one network, its optimizer, its data on the device and
 * the batch order, and steps it one update at a time (the Web Worker drives it step by step);
 * `runExperiment` runs a session for N steps and returns the whole history (CLI and tests).
 */
import * as tf from '@tensorflow/tfjs';
import { BatchSampler } from './batches';
import { parseConfig, type ExperimentConfig } from './config';
import { loadDataset, trainSize, type Dataset, type DigitsLoader } from './data';
import { takeRows } from './data/dataset';
import { buildNetwork, type LayerInfo, type Network } from './network';
import { accuracyOf, crossEntropy, Trainer, type Batch, type StepMetrics } from './train';

/** One row of the history: the metrics of step `step` (measured before its update). */
export interface StepRecord extends StepMetrics {
  step: number;
}

/** Loss and accuracy on a whole split. */
export interface Evaluation {
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
}

/** What a finished run reports. */
export interface ExperimentResult {
  config: ExperimentConfig;
  layers: LayerInfo[];
  history: StepRecord[];
  final: Evaluation & {
    diverged: boolean;
    /** The step whose loss or gradients were first non-finite, or null. */
    divergedAtStep: number | null;
    steps: number;
  };
}

/** The first batch and every initial parameter, for re-computing step 0 elsewhere. */
export interface InitialExport {
  config: ExperimentConfig;
  params: { name: string; shape: number[]; values: number[] }[];
  batch: { x: number[][]; y: number[] };
}

function deviceSplit(x: Float32Array, y: Int32Array, dim: number, classes: number) {
  return tf.tidy(() => {
    const labels = tf.tensor1d(y, 'int32');
    return {
      x: tf.tensor2d(x, [y.length, dim]),
      labels,
      oneHot: tf.cast(tf.oneHot(labels, classes), 'float32') as tf.Tensor2D,
    };
  });
}

/** One network training on one dataset, step by step. Call `dispose` when done. */
export class Session {
  readonly network: Network;
  readonly trainer: Trainer;
  private readonly sampler: BatchSampler;
  private readonly train: Batch;
  private readonly test: Batch;
  private nextStep = 0;
  /** Set when a step went non-finite; the session refuses further steps. */
  divergedAtStep: number | null = null;

  constructor(
    readonly config: ExperimentConfig,
    readonly dataset: Dataset,
  ) {
    const { inputDim, numClasses } = dataset;
    this.network = buildNetwork(config, inputDim, numClasses);
    this.trainer = new Trainer(this.network);
    this.sampler = new BatchSampler(config.seed, trainSize(dataset), config.batchSize);
    this.train = deviceSplit(dataset.trainX, dataset.trainY, inputDim, numClasses);
    this.test = deviceSplit(dataset.testX, dataset.testY, inputDim, numClasses);
  }

  /** Steps taken so far. */
  get stepsDone(): number {
    return this.nextStep;
  }

  private nextBatch(): Batch {
    const idx = this.sampler.next();
    const { trainX, trainY, inputDim, numClasses } = this.dataset;
    // Rows picked on the host and uploaded, not gathered on the device: tfjs-wasm's gather moves
    // one value at a time (wasm-range.ts): 0.47 ms for 128 rows of digits, against 0.06 ms.
    return deviceSplit(
      takeRows(trainX, inputDim, idx),
      Int32Array.from(idx, (r) => trainY[r]!),
      inputDim,
      numClasses,
    );
  }

  /**
   * One training step with every measurement. After a non-finite step the session stops:
   * further calls throw.
   */
  async step(): Promise<StepRecord> {
    if (this.divergedAtStep !== null) {
      throw new Error(`the run diverged at step ${this.divergedAtStep}; reset it to train again`);
    }
    const batch = this.nextBatch();
    try {
      const metrics = await this.trainer.step(batch);
      const record = { step: this.nextStep++, ...metrics };
      if (!metrics.finite) this.divergedAtStep = record.step;
      return record;
    } finally {
      tf.dispose([batch.x, batch.oneHot, batch.labels]);
    }
  }

  /**
   * One step that measures only the loss, for benchmarks: by tfjs's autodiff (the bare tfjs
   * step) or by the engine's own backward pass.
   */
  async bareStep(how: 'autodiff' | 'manual' = 'autodiff'): Promise<number> {
    const batch = this.nextBatch();
    try {
      this.nextStep++;
      return await this.trainer.bareStep(batch, how);
    } finally {
      tf.dispose([batch.x, batch.oneHot, batch.labels]);
    }
  }

  /**
   * Logits [rows, classes] for `x` [rows, inputDim] as a trained network is used: batch norm in
   * inference mode, with population statistics over the whole training set at the current
   * weights, so that a row's prediction does not depend on the rows evaluated with it. Call
   * inside tf.tidy (the statistics are computed there, one forward pass over the training set).
   */
  predict(x: tf.Tensor2D): tf.Tensor2D {
    return this.network.infer(x, this.network.normStats(this.train.x));
  }

  /** Loss and accuracy on the full training and test sets, batch norm in inference mode. */
  async evaluate(): Promise<Evaluation> {
    const packed = tf.tidy(() => {
      const stats = this.network.normStats(this.train.x);
      const parts = [this.train, this.test].flatMap((split) => {
        const logits = this.network.infer(split.x, stats);
        return [crossEntropy(logits, split.oneHot), accuracyOf(logits, split.labels)];
      });
      return tf.stack(parts);
    });
    const v = await packed.data();
    packed.dispose();
    return { trainLoss: v[0]!, trainAccuracy: v[1]!, testLoss: v[2]!, testAccuracy: v[3]! };
  }

  /** The initial parameters and the first batch, as `--export-initial` writes them. */
  async exportInitial(): Promise<InitialExport> {
    const { packed } = this.network;
    const values = await packed.values();
    const params = packed.params.map((p) => ({
      name: p.name,
      shape: p.shape,
      values: Array.from(values[p.index]!),
    }));
    // The first batch the run will train on, from a fresh sampler with the same seed.
    const { config, dataset } = this;
    const idx = new BatchSampler(config.seed, trainSize(dataset), config.batchSize).next();
    const rows = takeRows(dataset.trainX, dataset.inputDim, idx);
    const x = Array.from(idx, (_, i) =>
      Array.from(rows.subarray(i * dataset.inputDim, (i + 1) * dataset.inputDim)),
    );
    return { config, params, batch: { x, y: Array.from(idx, (r) => dataset.trainY[r]!) } };
  }

  /** Releases the network, the optimizer and the data on the device. */
  dispose(): void {
    this.trainer.dispose();
    this.network.dispose();
    tf.dispose([this.train.x, this.train.oneHot, this.train.labels]);
    tf.dispose([this.test.x, this.test.oneHot, this.test.labels]);
  }
}

/** Options of `runExperiment`. */
export interface RunOptions {
  /** Steps to take; defaults to `config.steps`. */
  steps?: number;
  /** Supplies digits.bin when the config asks for the digits set. */
  loadDigits?: DigitsLoader;
  /** A dataset already built for this config (skips loading). */
  dataset?: Dataset;
  /** Called once the session is built, before the first step (e.g. to export initial weights). */
  onReady?: (session: Session) => Promise<void> | void;
  /** Called after every step, e.g. to report progress. */
  onStep?: (record: StepRecord) => void;
  /** Called after the final evaluation, before the session is released (analyses of the trained net). */
  onDone?: (session: Session) => Promise<void> | void;
}

/**
 * Validates `input`, trains for the requested steps (stopping at the first non-finite step) and
 * evaluates the result. Every tensor it creates is released before it returns.
 * @throws ConfigError for an invalid config.
 */
export async function runExperiment(
  input: unknown,
  opts: RunOptions = {},
): Promise<ExperimentResult> {
  const config = parseConfig(input);
  const steps = opts.steps ?? config.steps;
  const dataset = opts.dataset ?? (await loadDataset(config.dataset, config.seed, opts.loadDigits));
  const session = new Session(config, dataset);
  try {
    await opts.onReady?.(session);
    const history: StepRecord[] = [];
    for (let s = 0; s < steps && session.divergedAtStep === null; s++) {
      const record = await session.step();
      history.push(record);
      opts.onStep?.(record);
    }
    const evaluation = await session.evaluate();
    await opts.onDone?.(session);
    return {
      config,
      layers: [...session.network.layers],
      history,
      final: {
        ...evaluation,
        diverged: session.divergedAtStep !== null,
        divergedAtStep: session.divergedAtStep,
        steps: session.stepsDone,
      },
    };
  } finally {
    session.dispose();
  }
}
