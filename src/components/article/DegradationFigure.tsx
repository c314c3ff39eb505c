/**
 * The degradation figure: final training loss and accuracy against depth for plain and residual
 * nets, one dot per seed and a line through the medians, and the training curves of a shallow and
 * a deep plain net. It opens from the results shipped with the app (public/sweeps/, made by
 * `npm run sweep`), so it shows at once; its caption is written from the file's own
 * configuration and command.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { DEGRADATION_FILE, type SweepFile } from '../../model/sweep-spec';
import { CurvePlot, DepthPlot } from '../plots';
import { depthCurves, depthGroups, describeSweep } from './degradationData';
import { fetchShipped, useLiveFigure, type LiveFigureProps } from './figureHooks';
import { Figure } from './Figure';
import { Precomputed, ShippedStatus } from './ShippedStatus';
import { LiveSweepPanel, liveSpec, settingsOf, type LiveSettings } from './LiveSweepPanel';
import { SweepRunner } from './sweepRunner';

/** Reads the shipped sweep from the page's own origin. */
export const loadShippedSweep = () =>
  fetchShipped<SweepFile>(DEGRADATION_FILE, "the sweep's results");

const LOSS_DOMAIN: [number, number] = [0, 0.8];
const ACCURACY_DOMAIN: [number, number] = [0.4, 1];

/**
 * `load` and `makeWorker` replace the fetch and the sweep worker in tests; `children` go after the
 * caption's first sentence.
 */
export function DegradationFigure({
  load = loadShippedSweep,
  makeWorker,
  children,
}: LiveFigureProps<SweepFile> & { children?: ReactNode }) {
  const { where, loaded, file, runner, live } = useLiveFigure(
    load,
    () => new SweepRunner(makeWorker),
  );
  const [settings, setSettings] = useState<LiveSettings | null>(null);

  const livePoints = live.points;
  const plots = useMemo(() => {
    if (!file) return null;
    const { points, spec } = file;
    return {
      loss: [...depthGroups(points, 'trainLoss'), ...depthGroups(livePoints, 'trainLoss', true)],
      accuracy: [
        ...depthGroups(points, 'trainAccuracy'),
        ...depthGroups(livePoints, 'trainAccuracy', true),
      ],
      curves: depthCurves(points, spec.curveEvery, spec.seeds[0] ?? 1),
    };
  }, [file, livePoints]);

  const current = settings ?? (file ? settingsOf(file.spec.base) : null);
  const run = (s: LiveSettings) => {
    if (file) runner.start(liveSpec(file.spec, s));
  };
  // A changed setting runs the sweep again once the reader has run it.
  const changeSettings = (s: LiveSettings) => {
    setSettings(s);
    if (live.status !== 'idle') run(s);
  };
  return (
    <Figure
      figureRef={where}
      wide
      id="degradation"
      caption={
        <>
          Deeper plain networks fit their training data worse; residual ones do not.
          {children}{' '}
          {file ? (
            <>
              Configuration: {describeSweep(file.spec)}. Loss and accuracy on the whole training set
              after the last step, with batch norm in inference mode.{' '}
              <Precomputed backend={file.backend} />
            </>
          ) : null}
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the sweep's results" />
      {plots && current ? (
        <>
          <LiveSweepPanel
            settings={current}
            onSettings={changeSettings}
            state={live}
            onRun={() => run(current)}
            onCancel={() => runner.cancel()}
          />
          <div className="figure-plots">
            <DepthPlot
              title="Final training loss against depth"
              xLabel="blocks"
              yLabel="training loss"
              groups={plots.loss}
              yDomain={LOSS_DOMAIN}
              note="Chance is 0.69 (two classes). Higher is worse."
              runsLabel="by seed"
            />
            <DepthPlot
              title="Final training accuracy against depth"
              xLabel="blocks"
              yLabel="training accuracy"
              groups={plots.accuracy}
              yDomain={ACCURACY_DOMAIN}
              runsLabel="by seed"
            />
            <CurvePlot
              title="Training loss of a shallow and a deep plain net, and a residual net as deep"
              xLabel="step"
              yLabel="mean batch loss"
              series={plots.curves}
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
