/**
 * The shattered-gradients figure (Balduzzi et al. 2017): the derivative of a network's output
 * along a line through the input plane, at initialisation, for plain and residual nets; and its
 * lag-1 autocorrelation against depth. It opens from the measurements shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --shattered`); the reader picks seed and depth and
 * can measure them again live.
 */
import { useMemo, useState } from 'react';
import { SHATTERED_FILE, type ShatteredFile } from '../../model/shattered-spec';
import { SelectField } from '../lab/fields';
import { CurvePlot, DepthPlot } from '../plots';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from './figureHooks';
import { ShatteredRunner, shatteredStatusText } from './shatteredRunner';
import { Figure } from './Figure';
import { SeedRunPanel } from './SeedRunPanel';
import { ShippedConfiguration } from './ShippedConfiguration';
import { ShippedStatus } from './ShippedStatus';
import { describeShattered, lagGroups, traceSeries } from './shatteredData';

/** Reads the shipped measurements from the page's own origin. */
export const loadShippedShattered = () =>
  fetchShipped<ShatteredFile>(SHATTERED_FILE, 'the shattered-gradients figure');

/** "1 block", "8 blocks". */
export const blocksText = (n: number) => `${n} block${n === 1 ? '' : 's'}`;

const LAG_DOMAIN: [number, number] = [-0.4, 1];

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function ShatteredFigure({
  load = loadShippedShattered,
  makeWorker,
}: LiveFigureProps<ShatteredFile>) {
  const figure = useSeedFigure(load, () => new ShatteredRunner(makeWorker));
  const { where, loaded, file, live, seed } = figure;
  const [depth, setDepth] = useState(8);
  const view = useMemo(() => {
    if (!file) return null;
    const liveRuns = live.seed === seed ? live.runs : [];
    const trace = [
      ...traceSeries(file.runs, seed, depth),
      ...traceSeries(liveRuns, seed, depth, true),
    ];
    return {
      lag: [...lagGroups(file.runs), ...lagGroups(live.runs, true)],
      trace,
      shippedTrace: file.spec.traceDepths.includes(depth),
    };
  }, [file, seed, depth, live.seed, live.runs]);
  return (
    <Figure
      figureRef={where}
      wide
      id="shattered"
      caption={
        <>
          The derivative of a network&apos;s output along a straight line through the input plane,
          at initialisation: left, at the depth picked (each curve divided by its root mean square,
          so that nets of very different gain share the axis); right, how alike neighbouring points
          of that derivative are, its lag-1 autocorrelation r₁, for every depth and seed (1 for a
          smooth curve, 0 for white noise).
          <ShippedConfiguration file={file} describe={describeShattered} />
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the shattered-gradients measurements" />
      {file && view ? (
        <>
          <SeedRunPanel
            label="Measure the gradients yourself"
            figure={figure}
            verb="Measure it yourself"
            detail={blocksText(depth)}
            spec={{ ...file.spec, traceDepths: [depth] }}
            fields={
              <SelectField
                label="Depth (blocks)"
                value={depth}
                values={file.spec.depths}
                onChange={setDepth}
              />
            }
            intro={
              <>
                Pick a seed and a depth. The precomputed curves cover{' '}
                {file.spec.traceDepths.join(', ')} blocks; &ldquo;Measure it yourself&rdquo; builds
                the nets of that seed at every depth in your browser and keeps the whole gradient at
                the depth picked, in a few seconds.
              </>
            }
            progress={live.total ? { value: live.done, max: live.total } : 'indeterminate'}
            progressLabel="Shattered-gradients measurement progress"
            status={shatteredStatusText(live)}
            statusTestId="shattered-status"
          />
          <div className="figure-plots">
            {view.trace.length ? (
              <CurvePlot
                title={`Gradient along the line, ${blocksText(depth)}`}
                xLabel="position on the line"
                yLabel="derivative ÷ its RMS"
                series={view.trace}
              />
            ) : (
              <p className="figure-status" data-testid="shattered-no-trace">
                {view.shippedTrace
                  ? 'No curve for this seed.'
                  : `The precomputed results keep the whole gradient at ${file.spec.traceDepths.join(', ')} blocks only: press “Measure it yourself” to see it at ${blocksText(depth)}.`}
              </p>
            )}
            <DepthPlot
              title="How rough the gradient is, against depth"
              xLabel="blocks"
              yLabel="lag-1 autocorrelation r₁"
              groups={view.lag}
              yDomain={LAG_DOMAIN}
              note="1: neighbouring points have the same gradient; 0: white noise."
              runsLabel="by seed"
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
