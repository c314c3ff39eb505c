/**
 * The plots of one lab, fed from its RunHistory. One compact panel that a 1440 × 900 screen shows
 * whole: per-layer gradient norms (weights or signal) with the step-0 profile as a faint
 * reference, the loss curves (train solid, test dashed) and, for 2-D data, both decision
 * boundaries. Behind "More plots": one heatmap per network, activation scale per layer and the
 * accuracy curves, rendered only once opened. Twins share axes and are told apart by
 * PLOT_COLORS.a / .b.
 */
import { memo, useState, type ReactNode } from 'react';
import {
  CurvePlot,
  DecisionBoundary,
  GradientHeatmap,
  LayerProfilePlot,
  logDomain,
} from '../plots';
import { EVAL_EVERY } from '../../model/worker/protocol';
import type { RunHistory, RunSeries } from './run/runHistory';
import { curveSeries, heatmapValues, needsLogAxis, profileSeries } from './page/labPlotSeries';
import {
  PANEL_PLOT_HEIGHT,
  PHONE_PLOT_HEIGHT,
  precomputedNote,
  ProfilePanel,
} from './ProfilePanel';
import { shortLayerName, signalLabels } from '../common/layerNames';
import { useProgressiveCount } from './useProgressiveCount';
import { PHONE_QUERY } from './page/phone';

const BOUNDARY_SIDE = 220;

export interface LabPlotsProps {
  history: RunHistory;
  /** Changes whenever the history does (it is mutated in place). */
  version: number;
  names: string[];
  view: 'weights' | 'signal';
  /** Prefix of every plot title, to keep titles unique on the page. */
  labTitle: string;
  /** Whether the panel will hold decision boundaries (2-D data): its place is held for them. */
  boundaries?: boolean;
  /** Whether the lab is near the viewport (its worker is building the networks). */
  near?: boolean;
}

/**
 * A decision boundary, re-rendered only when a new grid arrives (every BOUNDARY_EVERY steps),
 * not on every flush: its 1000 point markers are the most expensive SVG of the lab.
 */
const BoundaryPanel = memo(function BoundaryPanel(props: {
  boundary: NonNullable<RunSeries['boundary']>;
  points: NonNullable<RunSeries['points']>;
  title: string;
  name: string;
}) {
  const { boundary, points, title, name } = props;
  return (
    <div className="lab-plot">
      <DecisionBoundary
        title={title}
        grid={boundary.values}
        resolution={boundary.resolution}
        extent={boundary.extent}
        points={points}
        size={BOUNDARY_SIDE}
        ariaLabel={`Decision boundary of ${name}: the probability of class 1 over the plane, with the test points.`}
      />
    </div>
  );
});

/** The room of the decision boundaries (one per network) before the first is drawn (lab.css). */
export function BoundariesWaiting({ count }: { count: number }) {
  return (
    <p className="lab-plot-wide lab-boundaries-waiting" data-count={count}>
      The decision boundaries appear once the networks train.
    </p>
  );
}

function LabPlotsInner(props: LabPlotsProps) {
  if (!props.history.runs.some((r) => r.latest)) {
    // Holds about the panel's final height (lab.css), so that the page below a lab does not jump
    // by 300–1,700 px when its first measurement arrives.
    return (
      <p className="lab-waiting" data-rows={props.boundaries ? 2 : 1}>
        Building the network…
      </p>
    );
  }
  return <PlotPanels {...props} />;
}

function PlotPanels({ history, names, view, labTitle, near, boundaries }: LabPlotsProps) {
  // Labs render only in the browser (LabFigure), so reading the screen here cannot differ from
  // a prerendered page.
  const [phone] = useState(() => window.matchMedia?.(PHONE_QUERY).matches ?? false);
  const height = phone ? PHONE_PLOT_HEIGHT : PANEL_PLOT_HEIGHT;
  const weights = view === 'weights';
  const actSeries = profileSeries(history.runs, names, (r) => r.activationNorms);
  const step = history.step;

  const { loss: lossSeries, accuracy: accSeries } = curveSeries(history.runs, names);
  const lossLog = needsLogAxis(lossSeries);
  const main: ReactNode[] = [
    <ProfilePanel
      key="profile"
      runs={history.runs}
      names={names}
      view={view}
      labTitle={labTitle}
      step={step}
      height={height}
      phone={phone}
      note={history.precomputed ? precomputedNote(near ? 'building' : 'idle') : undefined}
    />,
    <div className="lab-plot" key="loss">
      <CurvePlot
        title={`${labTitle}: loss`}
        height={height}
        xLabel="step"
        yLabel={lossLog ? 'cross-entropy loss (log scale)' : 'cross-entropy loss'}
        yScale={lossLog ? 'log' : 'linear'}
        series={lossSeries}
        ariaLabel={`Training loss per step (solid) and test loss every ${EVAL_EVERY} steps (dashed)${lossLog ? ', log scale,' : ''} for ${names.join(' and ')}.`}
      />
    </div>,
    // A's and B's boundaries side by side (one row on a desktop screen), to compare at a glance.
    history.runs.some((run) => run.boundary && run.points) ? (
      <div className="lab-plot-wide lab-plot-pair" key="boundaries">
        {history.runs.map((run, i) =>
          run.boundary && run.points ? (
            <BoundaryPanel
              key={`boundary${i}`}
              boundary={run.boundary}
              points={run.points}
              title={`${labTitle}: ${names[i]}, decision boundary`}
              name={names[i]!}
            />
          ) : null,
        )}
      </div>
    ) : boundaries ? (
      // Their place is held until they are drawn (after the first training steps), so that the
      // page below does not move by a row when they arrive.
      <BoundariesWaiting key="boundaries" count={history.runs.length} />
    ) : null,
  ];
  const more = (): ReactNode[] => {
    const heatRows = history.runs.map((run) => (weights ? run.heatWeights : run.heatSignal));
    // One colour scale for both networks: the same colour must mean the same value in A and B.
    const heatDomain = logDomain(heatRows.flatMap((rows) => rows.rows));
    return [
      ...history.runs.map((run, i) => {
        const rows = heatRows[i]!;
        const width = rows.rows[0]?.length ?? 0;
        if (width === 0) return null;
        const labels = weights ? run.layers.map(shortLayerName) : signalLabels(width);
        return (
          <div className="lab-plot" key={`heat${i}`}>
            <GradientHeatmap
              title={`${labTitle}: ${names[i]}, ${weights ? 'weight' : 'signal'} gradient per layer and step`}
              layerLabels={labels}
              steps={rows.steps}
              values={heatmapValues(rows.rows, width)}
              valueLabel={weights ? '‖∂L/∂W‖' : '‖∂L/∂xₗ‖'}
              colorDomain={heatDomain}
              ariaLabel={`Heatmap of the ${weights ? 'weight' : 'signal'}-gradient norm of ${names[i]}, layers from input to output across, steps ${rows.steps[0] ?? 0} to ${rows.steps.at(-1) ?? 0} down.`}
            />
          </div>
        );
      }),
      <div className="lab-plot" key="activations">
        <LayerProfilePlot
          title={`${labTitle}: activation scale per layer`}
          layerLabels={signalLabels(
            Math.max(0, ...history.runs.map((r) => r.latest?.activationNorms.length ?? 0)),
          )}
          series={actSeries}
          yScale="log"
          yLabel="RMS of xₗ"
          xLabel="block input xₗ (input side on the left)"
          ariaLabel={`Root mean square of every block input xₗ at step ${step}, log scale, for ${names.join(' and ')}; faint dashed lines show step 0.`}
        />
      </div>,
      <div className="lab-plot" key="accuracy">
        <CurvePlot
          title={`${labTitle}: accuracy`}
          xLabel="step"
          yLabel="accuracy"
          yDomain={[0, 1]}
          series={accSeries}
          ariaLabel={`Training accuracy per step (solid) and test accuracy every ${EVAL_EVERY} steps (dashed) for ${names.join(' and ')}.`}
        />
      </div>,
    ];
  };
  const shown = useProgressiveCount(main.length);
  return (
    <>
      <div className="lab-plots">{main.slice(0, shown)}</div>
      <MorePlots render={more} />
    </>
  );
}

/**
 * The lab's further plots behind a disclosure. They render only while it is open: four plots
 * that nobody looks at would cost every training flush their layout and paint.
 */
function MorePlots({ render }: { render: () => ReactNode[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="lab-more-plots" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>More plots: gradient heatmaps, activation scale, accuracy</summary>
      {open ? <ProgressivePlots panels={render()} /> : null}
    </details>
  );
}

function ProgressivePlots({ panels }: { panels: ReactNode[] }) {
  const shown = useProgressiveCount(panels.length);
  return <div className="lab-plots">{panels.slice(0, shown)}</div>;
}

/** Re-renders only when the history's version, the names or the view change. */
export const LabPlots = memo(LabPlotsInner);
