/**
 * The degradation figure: final training loss and accuracy against depth for plain and residual
 * nets, one dot per seed and a line through the medians, and the training curves of a shallow and
 * a deep plain net, under the optimizer and on the seeds the reader picks (the seeds the page
 * reports, or the held-out ones). It opens from the results shipped with the app (public/sweeps/,
 * made by `npm run sweep`), so it shows at once; its caption is written from the file's own
 * configuration and command.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { OptimizerName } from '../../../model/engine/config';
import {
  DEGRADATION_FILE,
  pointsOf,
  type SweepFile,
} from '../../../model/studies/degradation/spec';
import { SelectField } from '../../common/fields';
import { CurvePlot, DepthPlot } from '../../plots';
import {
  depthCurves,
  depthGroups,
  describeSweep,
  lossNote,
  optimizerLabel,
} from './degradationData';
import { fetchShipped, useLiveFigure, type LiveFigureProps } from '../live/figureHooks';
import { Figure } from '../../article/Figure';
import { Precomputed, ShippedStatus } from '../live/ShippedStatus';
import { LiveSweepPanel, liveSpec, settingsOf, type LiveSettings } from '../live/LiveSweepPanel';
import { SweepRunner } from './degradationRunner';

let prerendered: SweepFile | null = null;
/**
 * The shipped sweep as the build's prerender read it from disk (src/entry-server.tsx), so that
 * the text quoting it reads with scripts off; null in the browser, which fetches it.
 */
export const prerenderedSweep = (): SweepFile | null => prerendered;
/** For the prerender only: hands over the shipped sweep before the article renders. */
export function setPrerenderedSweep(file: SweepFile): void {
  prerendered = file;
}

let shipped: Promise<SweepFile> | null = null;
/**
 * Reads the shipped sweep from the page's own origin, once for the figure and the article's text
 * that quotes it (a failed load is tried again next time).
 */
export function loadShippedSweep(): Promise<SweepFile> {
  shipped ??= fetchShipped<SweepFile>(DEGRADATION_FILE, "the sweep's results").catch(
    (e: unknown) => {
      shipped = null;
      throw e;
    },
  );
  return shipped;
}

const LOSS_DOMAIN: [number, number] = [0, 0.8];
const ACCURACY_DOMAIN: [number, number] = [0.4, 1];

/** Which seeds the plots show: those the page reports, or the held-out ones. */
type SeedSet = 'reported' | 'held-out';

/**
 * `load` and `makeWorker` replace the fetch and the sweep worker in tests; `children` go after the
 * caption's first sentence.
 */
export function DegradationFigure({
  load = loadShippedSweep,
  makeWorker,
  children,
  label,
}: LiveFigureProps<SweepFile> & { children?: ReactNode }) {
  const { where, loaded, file, runner, live } = useLiveFigure(
    load,
    () => new SweepRunner(makeWorker),
  );
  const [settings, setSettings] = useState<LiveSettings | null>(null);
  const [picked, setOptimizer] = useState<OptimizerName | null>(null);
  const [seedSet, setSeedSet] = useState<SeedSet>('reported');

  const optimizers = file?.spec.optimizers ?? [];
  const shown = optimizers.find((o) => o.optimizer === picked) ?? optimizers[0];
  const livePoints = live.points;
  const liveRun = live.spec?.optimizers[0];
  const plots = useMemo(() => {
    if (!file || !shown) return null;
    const { spec } = file;
    const seeds = seedSet === 'reported' ? spec.seeds : spec.heldOutSeeds;
    const points = pointsOf(file.points, shown.optimizer, seeds);
    const mine = liveRun ? optimizerLabel(liveRun) : null;
    return {
      loss: [...depthGroups(points, 'trainLoss'), ...depthGroups(livePoints, 'trainLoss', mine)],
      accuracy: [
        ...depthGroups(points, 'trainAccuracy'),
        ...depthGroups(livePoints, 'trainAccuracy', mine),
      ],
      curves: depthCurves(points, spec.curveEvery, seeds[0] ?? 1),
      lossNote: lossNote(points),
      curveSeed: seeds[0] ?? 1,
    };
  }, [file, shown, seedSet, livePoints, liveRun]);

  // Until the reader changes a live setting, a live run takes the optimizer shown.
  const current =
    settings ??
    (file && shown ? { ...settingsOf(file.spec.base), optimizer: shown.optimizer } : null);
  const run = (s: LiveSettings) => {
    if (file) runner.start(liveSpec(file.spec, s));
  };
  // A changed setting runs the sweep again once the reader has run it. A live optimizer the
  // shipped sweep also ran brings its shipped runs into view, to compare with.
  const changeSettings = (s: LiveSettings) => {
    setSettings(s);
    if (optimizers.some((o) => o.optimizer === s.optimizer)) setOptimizer(s.optimizer);
    if (live.status !== 'idle') run(s);
  };
  const what = shown ? optimizerLabel(shown) : '';
  return (
    <Figure
      figureRef={where}
      wide
      id="degradation"
      label={label}
      caption={
        <>
          Deeper plain networks fit their training data worse; residual ones do not.
          {children}{' '}
          {file ? (
            <>
              Configuration: {describeSweep(file.spec)}. Loss and accuracy on the whole training set
              after the last step, with batch norm in inference mode. The plot titles name the
              optimiser shown. <Precomputed backend={file.backend} />
            </>
          ) : null}
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the sweep's results" />
      {file && plots && current && shown ? (
        <>
          <div className="live-sweep" role="group" aria-label="Runs shown">
            <div className="live-sweep-fields">
              <SelectField
                label="Optimiser shown"
                value={shown.optimizer}
                values={optimizers.map((o) => o.optimizer)}
                format={(o) => optimizerLabel(optimizers.find((x) => x.optimizer === o)!)}
                onChange={setOptimizer}
              />
              <SelectField
                label="Seeds shown"
                value={seedSet}
                values={['reported', 'held-out'] as const}
                format={(v) =>
                  v === 'reported'
                    ? file.spec.seeds.join(', ')
                    : `${file.spec.heldOutSeeds.join(', ')} (held out)`
                }
                onChange={setSeedSet}
              />
            </div>
          </div>
          <LiveSweepPanel
            shipped={file.spec}
            settings={current}
            onSettings={changeSettings}
            state={live}
            onRun={() => run(current)}
            onCancel={() => runner.cancel()}
          />
          <div className="figure-plots">
            <DepthPlot
              title={`Final training loss against depth, ${what}`}
              xLabel="blocks"
              yLabel="training loss"
              groups={plots.loss}
              yDomain={LOSS_DOMAIN}
              note={plots.lossNote}
              runsLabel="by seed"
            />
            <DepthPlot
              title={`Final training accuracy against depth, ${what}`}
              xLabel="blocks"
              yLabel="training accuracy"
              groups={plots.accuracy}
              yDomain={ACCURACY_DOMAIN}
              runsLabel="by seed"
            />
            <CurvePlot
              title={`Training loss of a shallow and a deep plain net, and a residual net as deep, ${what}, seed ${plots.curveSeed}`}
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
