/**
 * The live runs of the analysis figures in the built app, in headless Chromium: for each, the wall
 * time from its Run button to each milestone its status line names, `runs` times on fresh pages.
 * The goal is each analysis (not the training before it) under 10 s.
 */
import { onFreshPages } from './fresh-pages';

/** One figure's live run and the status texts that mark its milestones, in order. */
interface AnalysisBench {
  figureId: string;
  button: RegExp;
  statusTestId: string;
  /** Name → the status text that says the milestone is reached. */
  milestones: Record<string, RegExp>;
}

const FIGURES: Record<string, AnalysisBench> = {
  paths: {
    figureId: 'path-gradients',
    button: /Measure it yourself/,
    statusTestId: 'paths-status',
    milestones: {
      // Measured at initialisation: training has begun.
      initMeasured: /^Training/,
      trained: /^(Measuring the paths after training|Done)/,
      done: /^(Done|The study failed)/,
    },
  },
  shattered: {
    figureId: 'shattered',
    button: /Measure it yourself/,
    statusTestId: 'shattered-status',
    // Every net of one seed: 7 depths, plain and residual, at initialisation.
    milestones: { done: /^(Done|The measurement failed)/ },
  },
  landscape: {
    figureId: 'landscape',
    button: /Run it yourself/,
    statusTestId: 'landscape-status',
    milestones: {
      plainTrained: /^(Slicing the plain|Training the residual|Done)/,
      plainSliced: /^(Training the residual|Slicing the residual|Done)/,
      residualTrained: /^(Slicing the residual|Done)/,
      done: /^(Done|The run failed)/,
    },
  },
};

export type AnalysisFigures = Record<string, Record<string, number>[]>;

/** Seconds to each milestone of each figure's live run. */
export async function analysisFigures(runs = 3): Promise<AnalysisFigures> {
  const out: AnalysisFigures = {};
  for (const [name, f] of Object.entries(FIGURES)) {
    out[name] = await onFreshPages(runs, f.figureId, async (page, figure) => {
      const t0 = Date.now();
      await figure.getByRole('button', { name: f.button }).click();
      const times: Record<string, number> = {};
      for (const [milestone, pattern] of Object.entries(f.milestones)) {
        await page.waitForFunction(
          ([id, source]) =>
            new RegExp(source!).test(
              document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '',
            ),
          [f.statusTestId, pattern.source],
          { polling: 50, timeout: 300_000 },
        );
        times[milestone] = Number(((Date.now() - t0) / 1000).toFixed(1));
      }
      const text = (await figure.getByTestId(f.statusTestId).textContent()) ?? '';
      if (!text.startsWith('Done')) throw new Error(`${name}: ${text}`);
      return times;
    });
  }
  return out;
}
