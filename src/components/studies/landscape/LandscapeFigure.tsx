/**
 * The loss-landscape figure (Li et al. 2018): the training loss on a plane through the weights of
 * a trained plain and a trained residual net of the same depth, side by side on one colour scale,
 * with batch norm's statistics frozen at the trained net (Li et al.'s protocol; the figure opens
 * with it) or recomputed at each point. It opens from the slices shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --landscape`); the reader picks seed, depth and
 * statistics and can make the slices of a seed and depth again live, or of a depth not
 * precomputed; the reader's slices are drawn framed below the precomputed ones and compared
 * with them.
 */
import { useMemo, useState } from 'react';
import {
  LANDSCAPE_FILE,
  type BnStatistics,
  type LandscapeFile,
  type LandscapeRun,
} from '../../../model/studies/landscape/spec';
import { landscapeOf } from '../../../model/studies/landscape/verdicts';
import { SWEEP_ARMS } from '../../../model/studies/degradation/spec';
import { SelectField } from '../../common/fields';
import { LandscapePlot, type HeatmapScale } from '../../plots';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from '../live/figureHooks';
import { comparisonText } from '../live/liveComparison';
import { LandscapeRunner, landscapeProgress, landscapeStatusText } from './landscapeRunner';
import { Figure } from '../../article/Figure';
import { SeedRunPanel } from '../live/SeedRunPanel';
import { ShippedConfiguration } from '../live/ShippedConfiguration';
import { ShippedStatus } from '../live/ShippedStatus';
import {
  describeLandscape,
  describeSlice,
  describeTraining,
  landscapeComparison,
  LIVE_ONLY_LANDSCAPE_DEPTHS,
  plainSteps,
  sharedScale,
  STATISTICS_LABEL,
} from './landscapeData';
import { blocksText } from '../shattered/shatteredData';

/** Reads the shipped slices from the page's own origin. */
export const loadShippedLandscape = () =>
  fetchShipped<LandscapeFile>(LANDSCAPE_FILE, 'the loss landscapes');

/** "Frozen statistics" / "recomputed statistics", for plot titles. */
const statisticsTitle = (s: BnStatistics) => `${s} statistics`;

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function LandscapeFigure({
  load = loadShippedLandscape,
  makeWorker,
  now,
  label,
}: LiveFigureProps<LandscapeFile>) {
  const figure = useSeedFigure(load, () => new LandscapeRunner(makeWorker, now));
  const { where, loaded, file, live, seed } = figure;
  const [depth, setDepth] = useState(16);
  // Li et al.'s protocol first; the other is what recomputing the statistics changes.
  const [statistics, setStatistics] = useState<BnStatistics>('frozen');
  const view = useMemo(() => {
    if (!file) return null;
    // The reader's slices of the seed and depth they were made on follow the precomputed ones,
    // on the same colour scale.
    const mine = live.seed === seed && live.blocks === depth ? live.runs : [];
    const slices = (from: readonly LandscapeRun[], yours: boolean) =>
      SWEEP_ARMS.flatMap((arm) => {
        const r = landscapeOf(from, seed, depth, statistics, arm);
        return r ? [{ run: r, live: yours }] : [];
      });
    const runs = [...slices(file.runs, false), ...slices(mine, true)];
    const blocks = Math.max(...file.spec.depths);
    const steps = plainSteps(file.runs, blocks);
    return {
      runs,
      deepest: steps && { blocks, steps: steps.map((n) => n.toLocaleString('en')).join('–') },
      depths: [...new Set([...file.spec.depths, ...LIVE_ONLY_LANDSCAPE_DEPTHS])].sort(
        (a, b) => a - b,
      ),
      ...sharedScale(runs.map((r) => r.run)),
    };
  }, [file, seed, depth, statistics, live.seed, live.blocks, live.runs]);
  const compared =
    (live.status === 'done' || live.status === 'cancelled') && file
      ? comparisonText(landscapeComparison(file.runs, live.runs), 'losses')
      : '';
  return (
    <Figure
      figureRef={where}
      label={label}
      wide
      id="landscape"
      caption={
        <>
          The training loss on a plane through a trained network&apos;s weights: at (a, b) the net
          has weights θ* + a·δ + b·η, with δ and η random directions, each output unit&apos;s part
          scaled to the length of that unit&apos;s trained weights (filter normalisation, Li et al.
          2018); biases and batch-norm parameters stay as trained, as in Li et al.&apos;s code. The
          cross marks the trained net. Both plots share one log colour scale and the same contour
          levels. Batch norm either keeps the trained net&apos;s statistics everywhere (frozen, as
          Li et al.&apos;s code evaluates: theirs are the running averages of training, ours each
          layer&apos;s mean and variance over the whole training set at the trained weights) or
          recomputes them at each point over the points evaluated. Both nets of a depth and seed
          train until their loss on the whole training set falls to the same target, so they are
          sliced at comparable losses, not after the same number of steps. Where we depart from Li
          et al.: dense nets on two-dimensional toy data rather than convolutional nets on CIFAR-10,
          a coarser grid than their 51 × 51, and the loss on part of the training set rather than
          all of it (the numbers follow).
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
            detail={blocksText(depth)}
            spec={{ ...file.spec, depths: [depth] }}
            fields={
              <>
                <SelectField
                  label="Depth (blocks)"
                  value={depth}
                  values={view.depths}
                  format={(d) => (file.spec.depths.includes(d) ? String(d) : `${d} (live only)`)}
                  onChange={setDepth}
                />
                <SelectField
                  label="Batch-norm statistics"
                  value={statistics}
                  values={file.spec.bnStatistics}
                  format={(s) => STATISTICS_LABEL[s]}
                  onChange={setStatistics}
                />
              </>
            }
            intro={
              <>
                Pick a seed, a depth and how batch norm is evaluated. &ldquo;Run it yourself&rdquo;
                trains both nets of that seed and depth in your browser, each to the target loss,
                and evaluates the loss at all {file.spec.grid * file.spec.grid} points of each plane
                with both kinds of statistics; your slices are framed below the precomputed ones.
                {view.deepest
                  ? ` The deeper, the longer: at ${view.deepest.blocks} blocks the plain nets took ${view.deepest.steps} steps to reach the target.`
                  : ''}
              </>
            }
            progress={{ value: landscapeProgress(live), max: Math.max(1, live.slicesTotal) }}
            // While a net trains, its share counts the step limit; it stops at its target loss,
            // usually far sooner (the plain net of 16 blocks after 350–475 of 4,000 steps).
            atMost={live.current?.statistics === null}
            progressLabel="Loss-landscape progress"
            status={landscapeStatusText(live) + compared}
            statusTestId="landscape-status"
          />
          {view.runs.length ? null : (
            <p className="figure-status" data-testid="landscape-none">
              No precomputed slices at {blocksText(depth)}: &ldquo;Run it yourself&rdquo; makes
              them.
            </p>
          )}
          <LandscapeSet
            runs={view.runs.filter((r) => !r.live)}
            scale={view.scale}
            levels={view.levels}
          />
          {view.runs.some((r) => r.live) ? (
            // The reader's slices, framed: another set below the first, on its colour scale.
            <div className="plot-yours" data-testid="landscape-yours">
              <LandscapeSet
                runs={view.runs.filter((r) => r.live)}
                scale={view.scale}
                levels={view.levels}
                yours
              />
            </div>
          ) : null}
        </>
      ) : null}
    </Figure>
  );
}

/**
 * One set of slices (the precomputed ones, or the reader's): how each net trained and what its
 * slice shows, in words, then the slices, on the figure's shared colour scale and levels.
 */
function LandscapeSet({
  runs,
  scale,
  levels,
  yours = false,
}: {
  runs: { run: LandscapeRun }[];
  scale: HeatmapScale;
  levels: number[];
  yours?: boolean;
}) {
  const mine = yours ? ' (your run)' : '';
  const id = yours ? '-yours' : '';
  return (
    <>
      <ul className="deep-readout" data-testid={`landscape-training${id}`}>
        {runs.map(({ run }) => (
          <li key={run.arm}>
            {describeTraining(run)}
            {mine}.
          </li>
        ))}
      </ul>
      <ul className="deep-readout" data-testid={`landscape-readout${id}`}>
        {runs.map(({ run }) => (
          <li key={run.arm}>
            {describeSlice(run)}
            {mine}.
          </li>
        ))}
      </ul>
      <div className="figure-plots">
        {runs.map(({ run }) => (
          <LandscapePlot
            key={run.arm}
            title={`${run.arm === 'plain' ? 'Plain' : 'Residual'} net, ${blocksText(run.blocks)}, seed ${run.seed}, ${statisticsTitle(run.statistics)}${yours ? ', your run' : ''}`}
            losses={run.result.losses}
            grid={run.result.grid}
            span={run.result.span}
            scale={scale}
            levels={levels}
          />
        ))}
      </div>
    </>
  );
}
