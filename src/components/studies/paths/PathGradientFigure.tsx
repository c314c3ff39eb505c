/**
 * The path-length figure: how much gradient the paths of each length carry to the first block of
 * a residual net of 24 blocks, at initialisation and after training (Veit et al. 2016, Fig. 6),
 * the gradient of each length computed exactly. It opens from the study shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --paths`); the reader picks the seed and the branch
 * scale and can measure that net again live, at the precomputed depth or another, drawn beside
 * the precomputed net and compared with it at its depth.
 */
import { useMemo, useState } from 'react';
import { PATHS_FILE, type PathsFile } from '../../../model/studies/paths/spec';
import { SelectField } from '../../common/fields';
import { CurvePlot } from '../../plots';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from '../live/figureHooks';
import { comparisonText, depthNote } from '../live/liveComparison';
import { PathsRunner, pathsProgress, pathsStatusText } from './pathsRunner';
import { Figure } from '../../article/Figure';
import { markPrecomputed, SeedRunPanel, withPrecomputed } from '../live/SeedRunPanel';
import { ShippedConfiguration } from '../live/ShippedConfiguration';
import { ShippedStatus } from '../live/ShippedStatus';
import {
  describePaths,
  describePathsRun,
  LIVE_PATHS_DEPTHS,
  pathsComparison,
  pathsSpecAt,
  perPathSeries,
  shareSeries,
} from './pathsData';

/** Reads the shipped study from the page's own origin. */
export const loadShippedPaths = () => fetchShipped<PathsFile>(PATHS_FILE, 'the path-length study');

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function PathGradientFigure({
  load = loadShippedPaths,
  makeWorker,
  now,
  label,
}: LiveFigureProps<PathsFile>) {
  const figure = useSeedFigure(load, () => new PathsRunner(makeWorker, now));
  const { where, loaded, file, live, seed } = figure;
  // The branch scale the reader picked; the spec's first until then.
  const [picked, setScale] = useState<number | null>(null);
  const scale = picked ?? file?.spec.branchScales[0] ?? null;
  // The depth of a live measurement: the precomputed one until the reader picks another.
  const [pickedDepth, setDepth] = useState<number | null>(null);
  const shippedBlocks = file?.spec.base.blocks ?? 0;
  const depth = pickedDepth ?? shippedBlocks;
  const view = useMemo(() => {
    if (!file || scale === null) return null;
    const n = file.spec.base.blocks;
    const shipped = file.runs.find((r) => r.seed === seed && r.branchScale === scale);
    // The reader's run is drawn under the seed and scale it was measured at, at any depth.
    const mine =
      live.seed === seed && live.branchScale === scale && live.run ? live.run : undefined;
    const liveBlocks = live.blocks ?? n;
    return {
      n,
      shipped,
      shares: [...shareSeries(n, shipped), ...shareSeries(n, mine, true, liveBlocks)],
      perPath: [...perPathSeries(shipped), ...perPathSeries(mine, true)],
      note: mine ? depthNote(liveBlocks, n) : undefined,
    };
  }, [file, seed, scale, live.seed, live.branchScale, live.blocks, live.run]);
  const compared =
    (live.status === 'done' || live.status === 'cancelled') && file && live.run && live.blocks
      ? comparisonText(pathsComparison(file, live.run, live.blocks), 'gradient shares')
      : '';
  return (
    <Figure
      figureRef={where}
      label={label}
      wide
      id="path-gradients"
      caption={
        <>
          Gradient reaching the first block along paths of each length, for the net of the seed and
          branch scale picked. First plot: the share of all 2ⁿ paths that pass through k blocks
          (grey), and each length&apos;s share of the gradient: the norm of the exact sum of the
          terms of all paths of that length, over the sum of these norms. The lengths&apos; sums add
          up to the gradient as vectors and to more as magnitudes, so these are shares of that
          larger sum. Second plot: the gradient one path of each length carries (the norm of its
          term, averaged over sampled paths), on a log scale; a product too small for 32-bit floats
          is exactly 0 and sits on the 0 line under the axis.
          <ShippedConfiguration file={file} describe={describePaths} />
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the path-length study" />
      {file && view && scale !== null ? (
        <>
          <SeedRunPanel
            label="Measure the paths yourself"
            figure={figure}
            verb="Measure it yourself"
            detail={`${depth} blocks, branch scale ${scale}`}
            spec={pathsSpecAt(file.spec, depth, scale)}
            fields={
              <>
                <SelectField
                  label="Branch scale"
                  value={scale}
                  values={file.spec.branchScales}
                  onChange={setScale}
                />
                <SelectField
                  label="Depth (blocks)"
                  value={depth}
                  values={withPrecomputed(shippedBlocks, LIVE_PATHS_DEPTHS)}
                  format={markPrecomputed(shippedBlocks)}
                  onChange={setDepth}
                />
              </>
            }
            intro={
              <>
                Pick a seed and a branch scale to see that network. &ldquo;Measure it
                yourself&rdquo; builds it in your browser at the depth picked, measures its paths,
                trains it and measures them again; your run is drawn with circles beside the
                precomputed one.
              </>
            }
            progress={{ value: pathsProgress(live.progress), max: 1 }}
            progressLabel="Path-length study progress"
            status={pathsStatusText(live) + compared}
            statusTestId="paths-status"
          />
          {view.shipped ? (
            <p className="deep-readout" data-testid="paths-readout">
              {describePathsRun(view.shipped, view.n)}
            </p>
          ) : null}
          <div className="figure-plots">
            <CurvePlot
              title="Where the paths are, and where the gradient is"
              xLabel="path length (blocks)"
              yLabel="share"
              series={view.shares}
              note={view.note}
            />
            <CurvePlot
              title="Gradient carried by one path (sampled)"
              xLabel="path length (blocks)"
              yLabel="gradient norm"
              yScale="log"
              series={view.perPath}
              note={view.note}
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
