import { useId, useState, useSyncExternalStore } from 'react';
import { labHeading, presetState, presetSummary, presetTitle } from '../../state/labPresets';
import { preset as presetOf, type PresetId } from '../../model/labs/presets';
import { netNames } from '../common/configWords';
import { BoundariesWaiting } from './LabPlots';
import { useLabPage } from './page/labPage';
import { precomputedStep0 } from './page/precomputed';
import { PANEL_PLOT_HEIGHT, precomputedNote, ProfilePanel } from './ProfilePanel';
import { RunHistory, type RunSeries } from './run/runHistory';
import './lab.css';

/**
 * The width the placeholder's profile is drawn at: its column in a lab on a 1440 px screen. CSS
 * scales it to the column it gets; it is not measured, so that hydrating five placeholders costs
 * no second render of their plots (the lab replaces them within moments).
 */
const PLACEHOLDER_PLOT_WIDTH = 520;

const noSubscription = () => () => undefined;
const isClient = () => true;
const isServer = () => false;

/** The lab's networks at step 0 as precomputed (claims.json), as runs a plot can draw. */
function precomputedRuns(id: PresetId): RunSeries[] | null {
  const seeds = precomputedStep0(presetOf(id).nets);
  if (!seeds) return null;
  const h = new RunHistory();
  h.reset(0, seeds.length);
  h.seed(seeds);
  return h.runs;
}

/**
 * What a lab shows before it mounts: its title and summary in a region of the lab's name and
 * anchor, so that links to it land and the prerendered page says what will be there, and its
 * precomputed step-0 gradient profile where the lab will draw it (the space above it is held for
 * the lab's controls), marked as precomputed. The prerendered page shows it at its first paint,
 * before any script has run. With scripts off, it says that the lab needs them, and shows and
 * holds nothing more (lab.css).
 */
export function LabPlaceholder({ preset, label }: { preset: PresetId; label?: string }) {
  const headingId = useId();
  const page = useLabPage();
  const [runs] = useState(() => precomputedRuns(preset));
  // An address that sets this lab otherwise: the defaults' profile would be another network's.
  // Known only in the browser: hydration renders with the prerender's answer, then React renders
  // again with the browser's.
  const hydrated = useSyncExternalStore(noSubscription, isClient, isServer);
  const ownSettings = hydrated && page.initialState(preset) !== null;
  return (
    <section
      className="lab lab-placeholder"
      data-lab-placeholder={preset}
      id={`lab-${preset}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{labHeading(preset, label)}</h3>
      <p className="lab-summary">{presetSummary(preset)}</p>
      <div className="lab-placeholder-controls">
        <p className="lab-placeholder-loading">Loading the lab’s controls…</p>
        <noscript>
          <p className="lab-needs-js">
            This lab trains networks in your browser and needs JavaScript, which is off here. The
            rest of the article reads without it.
          </p>
        </noscript>
      </div>
      <div className="lab-placeholder-panel lab-plots" data-count={presetOf(preset).nets.length}>
        {runs && !ownSettings ? (
          <ProfilePanel
            runs={runs}
            names={netNames(presetState(preset).nets).names}
            view="weights"
            labTitle={presetTitle(preset)}
            step={0}
            height={PANEL_PLOT_HEIGHT}
            phone={false}
            note={precomputedNote('loading')}
            fixedWidth={PLACEHOLDER_PLOT_WIDTH}
          />
        ) : null}
        {presetOf(preset).nets.some((n) => n.dataset !== 'digits') ? (
          <BoundariesWaiting count={presetOf(preset).nets.length} />
        ) : null}
      </div>
    </section>
  );
}
