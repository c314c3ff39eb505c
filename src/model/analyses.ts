/**
 * The analyses that run on a trained network, by name: what `npm run experiment -- --analyses …`
 * adds to its output and what the analysis worker runs for a figure. Each lives in its own
 * module; this one only names them and runs the ones asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { takeRows } from './data/dataset';
import type { Session } from './experiment';
import { lesionStudy, type LesionOptions, type LesionResult } from './lesion';
import { pathGradients, type PathGradientOptions, type PathLengthRow } from './path-gradients';

export const ANALYSES = ['lesion', 'paths'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/** True when `name` names an analysis. */
export function isAnalysis(name: string): name is AnalysisName {
  return (ANALYSES as readonly string[]).includes(name);
}

/** What the analyses found, by name. */
export interface AnalysisResults {
  lesion?: LesionResult;
  /** Gradient carried to the first block by paths of each length, on the first training batch. */
  paths?: PathLengthRow[];
}

/** Options of every analysis, by name. */
export interface AnalysisOptions {
  lesion?: LesionOptions;
  paths?: PathGradientOptions;
}

/** Runs `names` on the trained network of `session`, in order; null results mean cancelled. */
export async function runAnalyses(
  session: Session,
  names: readonly AnalysisName[],
  opts: AnalysisOptions = {},
): Promise<AnalysisResults> {
  const out: AnalysisResults = {};
  for (const name of names) {
    switch (name) {
      case 'lesion': {
        const r = await lesionStudy(session, opts.lesion);
        if (r) out.lesion = r;
        break;
      }
      case 'paths': {
        const r = await pathsOnFirstRows(session, opts.paths);
        if (r) out.paths = r;
        break;
      }
    }
  }
  return out;
}

/** Gradient by path length on the first `batchSize` rows of the training set. */
async function pathsOnFirstRows(
  session: Session,
  opts?: PathGradientOptions,
): Promise<PathLengthRow[] | null> {
  const { dataset, config, network } = session;
  const rows = Math.min(config.batchSize, dataset.trainY.length);
  const idx = Array.from({ length: rows }, (_, i) => i);
  const x = tf.tensor2d(takeRows(dataset.trainX, dataset.inputDim, idx), [rows, dataset.inputDim]);
  const oneHot = tf.tidy(
    () =>
      tf
        .oneHot(tf.tensor1d(dataset.trainY.slice(0, rows), 'int32'), dataset.numClasses)
        .toFloat() as tf.Tensor2D,
  );
  try {
    return await pathGradients(network, x, oneHot, opts);
  } finally {
    tf.dispose([x, oneHot]);
  }
}
