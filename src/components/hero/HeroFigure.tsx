/**
 * The opening figure (Figure 1), the page's promise: one residual net (24 blocks by default) with
 * its shortcuts, and the gradient that reaches each of its weight layers at initialisation. The
 * switch and the depth redraw from precomputed profiles at once, with or without the engine;
 * cutting single shortcuts in the diagram and Train need the engine, which this figure's worker
 * (the labs' LabController, started when the figure comes near) provides. heroSeries.ts says
 * how precomputed and live data meet.
 */
import { useMemo, useReducer, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { CurvePlot, LayerProfilePlot } from '../plots';
import { shortLayerName } from '../common/layerNames';
import { weightLayerNames } from '../../model/engine/layer-names';
import type { ExperimentConfig } from '../../model/engine/config';
import { useLabRun } from '../lab/useLabRun';
import { useNearScreen } from '../lab/useNearScreen';
import { useLandedHere } from './useLandedHere';
import type { RunHistory, RunSeries } from '../lab/run/runHistory';
import { HeroControls, type HeroRunStatus } from './HeroControls';
import { HeroDiagram } from './HeroDiagram';
import { heroNet } from './heroData';
import { HeroCaption, HeroLookFor } from './heroText';
import { HERO_COLORS, heroLoss, heroProfile } from './heroSeries';
import { heroReducer, INITIAL_HERO, uniformSkip } from './heroState';
import './hero.css';

/** The profile plot's title (its data table is named after it). */
export const PROFILE_TITLE = 'Gradient reaching each weight layer';
export const LOSS_TITLE = 'Loss while training';

// The figure waits for the reader's Train; a shortcut's click is sent at once (no slider to
// coalesce); nothing is precomputed for the controller, since heroSeries draws the known profiles.
const RUN_OPTIONS = { autoTrain: false, configureDelayMs: 0, precomputed: () => null };

const noSubscription = () => () => undefined;
const isClient = () => true;
const isServer = () => false;

/** What the status line says. */
function statusOf(
  h: RunHistory,
  live: RunSeries | null,
  pending: boolean,
  near: boolean,
  net: ExperimentConfig,
): HeroRunStatus {
  const step = live?.latest?.step ?? 0;
  const running = live !== null && h.running;
  const trained = step > 0;
  const base = { running, trained };
  if (h.error) return { ...base, text: h.error };
  if (pending)
    return {
      ...base,
      text: h.backend || !near ? 'Computing this net’s profile…' : 'Loading the engine…',
    };
  if (running) return { ...base, text: `Training: step ${step} of ${net.steps}` };
  if (trained)
    return { ...base, text: `${h.done ? 'Trained' : 'Paused at'} step ${step} of ${net.steps}` };
  return { ...base, text: 'Step 0: the net as initialised.' };
}

export function HeroFigure({
  id,
  label,
  labRef,
}: {
  /** The figure's anchor (the article's numbering id). */
  id: string;
  /** Its number as the text cites it: "Figure 1". */
  label: string;
  /** A link to the lab that explains the figure ("Lab 1"), from the article's numbering. */
  labRef: ReactNode;
}) {
  const [state, dispatch] = useReducer(heroReducer, INITIAL_HERO);
  const ref = useRef<HTMLElement>(null);
  const { near, visible } = useNearScreen(ref);
  // The controls work once React owns the page: disabled in the prerendered HTML (and with
  // scripts off); hydration renders with the server's answer, then React renders again with ours.
  const hydrated = useSyncExternalStore(noSubscription, isClient, isServer);
  const net = useMemo(() => heroNet(state.skip, state.blocks), [state]);
  const nets = useMemo(() => [net], [net]);
  // A link that lands elsewhere passes the figure on its way: it starts only once the page settles.
  const landed = useLandedHere();
  const run = useLabRun(nets, near && landed, visible, RUN_OPTIONS);
  const h = run.history;
  // The worker's measurements count only when they are of exactly this net.
  const sent = run.configs[0];
  const live = sent && JSON.stringify(sent) === JSON.stringify(net) ? (h.runs[0] ?? null) : null;

  const profile = useMemo(
    () => heroProfile(state, live),
    // `live` is mutated in place; the version says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, live, run.version],
  );
  const color = HERO_COLORS[uniformSkip(state) ?? 'mixed'];
  const loss = useMemo(
    () => heroLoss(live, color),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live, color, run.version],
  );
  const labels = useMemo(() => weightLayerNames(state.blocks).map(shortLayerName), [state.blocks]);
  const status = statusOf(h, live, profile.pending, near, net);

  return (
    <figure
      className="hero figure-wide"
      id={id}
      ref={ref}
      aria-labelledby={`${id}-caption`}
      data-step={profile.step}
      data-pending={profile.pending ? 'true' : 'false'}
      // The worker: not loaded yet, at work on this net (building it, measuring step 0, then the
      // whole sets, which end its work on a new net), or ready for the next click. Tests wait for
      // `ready` before timing a cut. Not from `near`: the server counts every element as near.
      data-engine={!h.backend ? 'waiting' : h.phase || !live?.evals.length ? 'busy' : 'ready'}
    >
      <div className="hero-side">
        <p className="hero-look">
          <HeroLookFor blocks={state.blocks} />
        </p>
        <HeroControls
          state={state}
          dispatch={dispatch}
          status={status}
          enabled={hydrated}
          onTrain={run.train}
          onPause={run.pause}
          onReset={run.reset}
        />
        <div className="hero-loss">
          {loss.length > 0 ? (
            <LossPlot series={loss} />
          ) : (
            <p className="hero-loss-empty">
              Press Train to train this net here, in your browser: its loss will appear here, and
              the profile will follow its gradients as they change.
            </p>
          )}
        </div>
      </div>
      <div className="hero-stage">
        {/* The plot's own title (kept for its table and screen readers) is hidden here: the net
            sits between this one and the plot, over the layers it drew. */}
        <p className="hero-plot-title" aria-hidden="true">
          {PROFILE_TITLE}
          {profile.step > 0 ? `, step ${profile.step}` : ', at initialisation'}
        </p>
        <p className="hero-hint">Click an arc to cut or restore that block’s shortcut.</p>
        <HeroDiagram
          enabled={hydrated}
          state={state}
          onShortcut={(block, on) => dispatch({ type: 'shortcut', block, on })}
        />
        <LayerProfilePlot
          title={PROFILE_TITLE}
          layerLabels={labels}
          series={profile.series}
          yLabel="‖∂L/∂W‖ (log scale)"
          xLabel="weight layer, stem → head"
          height={300}
        />
      </div>
      <figcaption id={`${id}-caption`} className="hero-caption">
        <strong className="figure-label">{label}.</strong> <HeroCaption net={net} labRef={labRef} />
      </figcaption>
    </figure>
  );
}

function LossPlot({ series }: { series: ReturnType<typeof heroLoss> }) {
  return <CurvePlot title={LOSS_TITLE} xLabel="step" yLabel="loss" series={series} height={200} />;
}
