/**
 * The shattered-gradients figure (Balduzzi et al. 2017): the derivative of a network's output
 * along a line through the input plane, at initialisation, for plain nets and residual nets with
 * their branches scaled by 1 and by 0.25; its autocorrelation function, one panel per depth; and
 * its lag-1 autocorrelation r₁ against depth. It opens from the measurements shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --shattered`); the reader picks seed, depth and the
 * branch scale of a live measurement, which runs in a worker and is drawn beside the shipped one
 * and compared with it where the two share nets.
 */
import { useMemo, useState } from 'react';
import { SHATTERED_FILE, type ShatteredFile } from '../../../model/studies/shattered/spec';
import { SelectField } from '../../common/fields';
import { DepthPlot, PanelPlot, PLOT_COLORS } from '../../plots';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from '../live/figureHooks';
import { comparisonText } from '../live/liveComparison';
import {
  scalesText,
  ShatteredRunner,
  shatteredProgress,
  shatteredStatusText,
} from './shatteredRunner';
import { Figure } from '../../article/Figure';
import { SeedRunPanel } from '../live/SeedRunPanel';
import { ShippedConfiguration } from '../live/ShippedConfiguration';
import { ShippedStatus } from '../live/ShippedStatus';
import {
  acfPanels,
  blocksText,
  describeShattered,
  lagGroups,
  shatteredComparison,
  tracePanels,
} from './shatteredData';

/** Reads the shipped measurements from the page's own origin. */
export const loadShippedShattered = () =>
  fetchShipped<ShatteredFile>(SHATTERED_FILE, 'the shattered-gradients figure');

const LAG_DOMAIN: [number, number] = [-0.4, 1];

/**
 * The residual branch scales a live run can measure: the shipped pair, or one other scale (0.5
 * between them; 0.1, Balduzzi et al.'s smaller scale).
 */
const LIVE_SCALES = { shipped: null, '0.5': [0.5], '0.1': [0.1] } as const;
type LiveScaleChoice = keyof typeof LIVE_SCALES;
const LIVE_SCALE_CHOICES = Object.keys(LIVE_SCALES) as LiveScaleChoice[];

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function ShatteredFigure({
  load = loadShippedShattered,
  makeWorker,
  now,
  label,
}: LiveFigureProps<ShatteredFile>) {
  const figure = useSeedFigure(load, () => new ShatteredRunner(makeWorker, now));
  const { where, loaded, file, live, seed } = figure;
  const [depth, setDepth] = useState(8);
  const [scaleChoice, setScaleChoice] = useState<LiveScaleChoice>('shipped');
  const view = useMemo(() => {
    if (!file) return null;
    const { spec } = file;
    const liveRuns = live.seed === seed ? live.runs : [];
    // The page reports the seeds that set the thresholds; the held-out ones only check them.
    const reported = file.runs.filter((r) => spec.seeds.includes(r.seed));
    const [from, to] = [spec.line.from, spec.line.to];
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
    return {
      lag: [...lagGroups(reported), ...lagGroups(live.runs, true)],
      trace: tracePanels(file.runs, liveRuns, seed, depth),
      acf: acfPanels(file.runs, liveRuns, seed, spec.depths),
      shippedTrace: spec.traceDepths.includes(depth),
      length,
      spacing: length / (spec.points - 1),
    };
  }, [file, seed, depth, live.seed, live.runs]);
  const liveScales = file ? (LIVE_SCALES[scaleChoice] ?? file.spec.branchScales) : [];
  const traceLegend = view?.trace.some((p) => p.series.some((s) => s.markers))
    ? [
        { id: 'shipped', label: 'precomputed', color: PLOT_COLORS.ink },
        { id: 'live', label: 'your run', color: PLOT_COLORS.ink, markers: true },
      ]
    : [];
  const compared =
    live.status === 'done' && file
      ? comparisonText(shatteredComparison(file.runs, live.runs), 'autocorrelations')
      : '';
  return (
    <Figure
      figureRef={where}
      label={label}
      wide
      id="shattered"
      caption={
        <>
          The derivative of a network&apos;s output along a straight line through the input plane,
          at initialisation, for plain networks and for residual networks whose branches are scaled
          by 1 or by 0.25 before the addition. The first plot shows the derivative itself at the
          depth picked, one panel per network (each curve divided by its root mean square, so that
          nets of very different gain share the axis); the second, how alike neighbouring points of
          it are, its lag-1 autocorrelation r₁, for every depth and seed (1 for a smooth curve, 0
          for white noise); the third, its whole autocorrelation function against the lag, one panel
          per depth, for the seed picked: how alike two points are that lie that many steps apart.
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
            detail={`${blocksText(depth)}, ${scalesText(liveScales)}`}
            spec={{ ...file.spec, branchScales: liveScales, traceDepths: [depth] }}
            fields={
              <>
                <SelectField
                  label="Depth (blocks)"
                  value={depth}
                  values={file.spec.depths}
                  onChange={setDepth}
                />
                <SelectField
                  label="Residual branch scale"
                  value={scaleChoice}
                  values={LIVE_SCALE_CHOICES}
                  format={(c) =>
                    c === 'shipped' ? `${file.spec.branchScales.join(' and ')} (precomputed)` : c
                  }
                  onChange={setScaleChoice}
                />
              </>
            }
            intro={
              <>
                Pick a seed, a depth and the residual branches&apos; scale. The precomputed curves
                cover {file.spec.traceDepths.join(', ')} blocks; &ldquo;Measure it yourself&rdquo;
                builds the plain and residual nets of that seed at every depth in your browser and
                keeps the whole gradient at the depth picked. Your run is drawn with circles beside
                the precomputed one.
              </>
            }
            progress={live.total ? { value: shatteredProgress(live), max: 1 } : 'indeterminate'}
            progressLabel="Shattered-gradients measurement progress"
            status={shatteredStatusText(live) + compared}
            statusTestId="shattered-status"
          />
          <div className="figure-plots">
            {view.trace.length ? (
              <PanelPlot
                title={`Gradient along the line, ${blocksText(depth)}, seed ${seed}`}
                xLabel="position on the line"
                yLabel="derivative ÷ its RMS"
                panels={view.trace}
                legend={traceLegend}
                maxColumns={1}
                panelHeight={80}
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
          <PanelPlot
            title={`Autocorrelation of the gradient along the line, seed ${seed}`}
            xLabel="lag (points apart)"
            yLabel="autocorrelation"
            panels={view.acf}
            yDomain={LAG_DOMAIN}
            note={`Lag 0 is 1 by definition; white noise is near 0 at every other lag, a smooth curve stays near 1. Neighbouring points are ${view.spacing.toFixed(4)} apart on a line ${view.length.toFixed(2)} long.`}
          />
        </>
      ) : null}
    </Figure>
  );
}
