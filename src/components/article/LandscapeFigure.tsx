/**
 * The loss-landscape figure (Li et al. 2018): the training loss on a plane through the weights of
 * a trained plain and a trained residual net of 16 blocks, side by side on one colour scale. It
 * opens from the slices shipped with the app (public/sweeps/, made by
 * `npm run sweep -- --landscape`); the reader picks the seed and can make them again live.
 */
import { useMemo } from 'react';
import { LANDSCAPE_FILE, type LandscapeFile } from '../../model/landscape-spec';
import { LandscapePlot } from '../plots';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from './figureHooks';
import { LandscapeRunner, landscapeProgress, landscapeStatusText } from './landscapeRunner';
import { Figure } from './Figure';
import { SeedRunPanel } from './SeedRunPanel';
import { ShippedConfiguration } from './ShippedConfiguration';
import { ShippedStatus } from './ShippedStatus';
import { describeLandscape, describeSlice, landscapeOf, sharedScale } from './landscapeData';

/** Reads the shipped slices from the page's own origin. */
export const loadShippedLandscape = () =>
  fetchShipped<LandscapeFile>(LANDSCAPE_FILE, 'the loss landscapes');

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function LandscapeFigure({
  load = loadShippedLandscape,
  makeWorker,
}: LiveFigureProps<LandscapeFile>) {
  const figure = useSeedFigure(load, () => new LandscapeRunner(makeWorker));
  const { where, loaded, file, live, seed } = figure;
  const view = useMemo(() => {
    if (!file) return null;
    // The reader's slices replace the shipped ones of the seed they were made on.
    const mine = live.seed === seed ? live.runs : [];
    const runs = (['plain', 'residual'] as const).flatMap((arm) => {
      const r = landscapeOf(mine, seed, arm) ?? landscapeOf(file.runs, seed, arm);
      return r ? [{ run: r, live: mine.includes(r) }] : [];
    });
    return { runs, ...sharedScale(runs.map((r) => r.run)) };
  }, [file, seed, live.seed, live.runs]);
  return (
    <Figure
      figureRef={where}
      wide
      id="landscape"
      caption={
        <>
          The training loss on a plane through a trained network&apos;s weights: at (a, b) the net
          has weights θ* + a·δ + b·η, with δ and η random directions, each output unit&apos;s part
          scaled to the length of that unit&apos;s trained weights (filter normalisation, Li et al.
          2018); biases and batch-norm parameters stay as trained. The cross marks the trained net.
          Both plots share one log colour scale and the same contour levels. Batch norm uses each
          point&apos;s own statistics over the points evaluated.
          <ShippedConfiguration file={file} describe={describeLandscape} />
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the loss landscapes" />
      {file && view ? (
        <>
          <SeedRunPanel
            label="Slice the landscapes yourself"
            figure={figure}
            verb="Run it yourself"
            intro={
              <>
                Pick a seed to see its two networks. &ldquo;Run it yourself&rdquo; trains both in
                your browser and evaluates the loss at all {file.spec.grid * file.spec.grid} points
                of each plane, in about fifteen seconds.
              </>
            }
            progress={{ value: landscapeProgress(live), max: Math.max(1, live.netsTotal) }}
            progressLabel="Loss-landscape progress"
            status={landscapeStatusText(live)}
            statusTestId="landscape-status"
          />
          <ul className="deep-readout" data-testid="landscape-readout">
            {view.runs.map(({ run, live: mine }) => (
              <li key={run.arm}>
                {describeSlice(run)}
                {mine ? ' (your run)' : ''}.
              </li>
            ))}
          </ul>
          <div className="figure-plots">
            {view.runs.map(({ run, live: mine }) => (
              <LandscapePlot
                key={run.arm}
                title={`${run.arm === 'plain' ? 'Plain' : 'Residual'} net, seed ${run.seed}${mine ? ', your run' : ''}`}
                losses={run.result.losses}
                grid={run.result.grid}
                span={run.result.span}
                scale={view.scale}
                levels={view.levels}
              />
            ))}
          </div>
        </>
      ) : null}
    </Figure>
  );
}
