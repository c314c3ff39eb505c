/**
 * The first panel of a lab: the gradient norm per layer (weights or signal) of each network, with
 * its step-0 profile faint and dashed once training has begun. The lab draws it from its history
 * (LabPlots), and the lab's placeholder draws it from the precomputed step 0 before the lab has
 * mounted (LabPlaceholder): one component, so that the two look alike and sit in the same place.
 */
import { LayerProfilePlot } from '../plots';
import { longestLabels, profileSeries } from './page/labPlotSeries';
import type { RunSeries } from './run/runHistory';

// Sizes of the compact panel: two rows of about 330 px fit a 900 px screen with the lab's toolbar.
// On a phone the legends wrap to four lines inside the plot, so the plots get more height.
export const PANEL_PLOT_HEIGHT = 230;
export const PHONE_PLOT_HEIGHT = 320;

/**
 * What the panel says while it shows a precomputed step 0 (claims.json, precomputed.ts) rather
 * than the lab's own: in the placeholder, before the lab has loaded (the address may still change
 * the lab's settings, so it names the defaults); in the lab, while its worker builds the networks
 * (`building`) or before the lab has come near enough to start one (`idle`).
 */
export function precomputedNote(when: 'loading' | 'building' | 'idle'): string {
  switch (when) {
    case 'loading':
      return 'Step 0 of the lab’s defaults, precomputed; the lab is loading…';
    case 'building':
      return 'Step 0, precomputed; the network is being built…';
    case 'idle':
      return 'Step 0, precomputed; measured live once you reach the lab.';
  }
}

export interface ProfilePanelProps {
  runs: RunSeries[];
  names: string[];
  view: 'weights' | 'signal';
  /** Prefix of the plot's title, unique on the page. */
  labTitle: string;
  /** The step shown (for the accessible name). */
  step: number;
  height: number;
  /** A phone's narrow plot: shorter axis title. */
  phone: boolean;
  /** Where the values come from, when the lab did not measure them (see LayerProfilePlot). */
  note?: string;
  /** A width to draw at, scaled by CSS, instead of the measured one (see LayerProfilePlot). */
  fixedWidth?: number;
}

export function ProfilePanel({
  runs,
  names,
  view,
  labTitle,
  step,
  height,
  phone,
  note,
  fixedWidth,
}: ProfilePanelProps) {
  const weights = view === 'weights';
  // The long axis title is cut at both ends on a 375 px phone; its ticks name stem and head.
  const weightAxis = phone
    ? 'weight layer, stem → head'
    : 'weight layer, from the stem (first layer) to the head (classifier)';
  const what = weights ? 'Weight-gradient norm ‖∂L/∂W‖' : 'Signal-gradient norm ‖∂L/∂x‖';
  return (
    <div className="lab-plot" data-precomputed={note ? 'true' : undefined}>
      <LayerProfilePlot
        title={`${labTitle}: ${weights ? 'weight' : 'signal'} gradient per layer`}
        layerLabels={longestLabels(runs, view)}
        series={profileSeries(runs, names, (r) => (weights ? r.gradNorms : r.signalGradNorms))}
        yScale="log"
        height={height}
        yLabel={what}
        xLabel={weights ? weightAxis : 'block input xₗ (input side on the left)'}
        note={note}
        fixedWidth={fixedWidth}
        // Every lab's first panel has the same column: a lab mounting after another (or after
        // its placeholder, which measures without drawing again) draws its profile once.
        widthSharedAs="lab-profile"
        ariaLabel={`${what} per layer at step ${step}, log scale, input side on the left, for ${names.join(' and ')}; faint dashed lines show step 0.`}
      />
    </div>
  );
}
