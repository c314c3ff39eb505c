/**
 * The analyses that run on a trained network, by name: what `npm run experiment -- --analyses …`
 * adds to its output and what the analysis worker runs for a figure. Each lives in its own
 * module; this one only names them and runs the ones asked for.
 */
import type { Session } from '../engine/experiment';
import { lossSlice, type SliceOptions } from './landscape/run';
import { LANDSCAPE_SPEC, type LandscapeResult } from './landscape/spec';
import { lesionStudy, type LesionOptions, type LesionResult } from './lesion/run';
import type { PathGradientOptions, PathGradients } from './paths/gradients';
import { pathsOnFirstRows } from './paths/run';
import { lineGradient } from './shattered/run';
import { autocorrelation, SHATTERED_SPEC } from './shattered/spec';

export const ANALYSES = ['lesion', 'paths', 'shattered', 'landscape'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/** True when `name` names an analysis. */
export function isAnalysis(name: string): name is AnalysisName {
  return (ANALYSES as readonly string[]).includes(name);
}

/** What the analyses found, by name. */
export interface AnalysisResults {
  lesion?: LesionResult;
  /**
   * Gradient carried to the first block by paths of each length, on the first training batch:
   * exact per length (adding up to ∂L/∂x_0), and sampled per single path.
   */
  paths?: PathGradients;
  /**
   * The derivative of the output along the shattered-gradients figure's line through the input
   * plane (planar data only), its autocorrelation function at the figure's lags (acf[0] = 1) and
   * its lag-1 autocorrelation (acf[1]), at the trained weights.
   */
  shattered?: { lag1: number; acf: number[]; gradient: number[] };
  /** The training loss on a plane through the trained weights (the landscape figure's slice). */
  landscape?: LandscapeResult;
}

/** Options of every analysis, by name. */
export interface AnalysisOptions {
  lesion?: LesionOptions;
  paths?: PathGradientOptions;
  landscape?: SliceOptions;
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
        // Single paths are drawn with the net's own seed, as in the path-length study.
        const r = await pathsOnFirstRows(session, { seed: session.config.seed, ...opts.paths });
        if (r) out.paths = r;
        break;
      }
      case 'shattered': {
        if (session.dataset.inputDim !== 2)
          throw new Error('shattered: the line runs through the input plane (planar data only)');
        const { line, points, maxLag } = SHATTERED_SPEC;
        const gradient = lineGradient(session.network, line.from, line.to, points);
        const acf = autocorrelation(gradient, maxLag);
        out.shattered = { lag1: acf[1]!, acf, gradient };
        break;
      }
      case 'landscape': {
        const { grid, span, rows } = LANDSCAPE_SPEC;
        const r = await lossSlice(session, {
          grid,
          span,
          rows,
          seed: session.config.seed,
          ...opts.landscape,
        });
        if (r) out.landscape = r;
        break;
      }
    }
  }
  return out;
}
