/**
 * A live lab where the article places it: a region with its own heading, controls, Train / Pause
 * / Step / Reset, the backend and speed readout, the plots, exports and a shareable link. One
 * network or a twin pair, configured by the preset the article names (see presets.ts).
 */
import { useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import { labReducer, type CompareMode } from '../../state/labReducer';
import {
  labHeading,
  presetState,
  presetSummary,
  presetTitle,
  type LabState,
} from '../../state/labPresets';
import { Controls } from './Controls';
import { historyCsv, historyJson, downloadText } from './page/exportRun';
import { downloadPytorchScript } from './page/pytorchDownload';
import { LabPlots } from './LabPlots';
import { LabProgress } from './LabProgress';
import { LabVerdict, LookFor, claimFor, runVerdict } from './LabVerdict';
import { LabPrediction, TryThis } from './LabPrediction';
import { presetText } from '../../model/labs/preset-texts';
import { netNames, reusedText } from '../shared/labels';
import { noSkips } from '../../model/engine/config';
import { preset as presetOf, PRESET_IDS, type PresetId } from '../../model/labs/presets';
import { ShareLink } from './ShareLink';
import { TwinReadout } from './TwinReadout';
import { useLabPage, type LabPage } from './page/labPage';
import { writeUrl } from './page/urlSync';
import { holdInView } from '../anchorKeeper';
import { useLabRun } from './useLabRun';
import { useNearScreen } from './useNearScreen';
import './lab.css';

function initState([page, preset]: [LabPage, PresetId]): LabState {
  return page.initialState(preset) ?? presetState(preset);
}

/** Whether `state` differs from its preset in a setting outside the lab's key fields. */
function hiddenChanges(state: LabState, keyFields: readonly string[]): boolean {
  const base = presetState(state.preset);
  if (state.nets.length !== base.nets.length) return true;
  return state.nets.some((n, i) =>
    (Object.keys(n) as (keyof typeof n)[]).some(
      (f) => !keyFields.includes(f) && JSON.stringify(n[f]) !== JSON.stringify(base.nets[i]![f]),
    ),
  );
}

/** Where the article places a live lab; `preset` picks its networks. */
export function LabSlot({ preset, label }: { preset: PresetId; label?: string }) {
  const page = useLabPage();
  const [state, rawDispatch] = useReducer(labReducer, [page, preset], initState);
  const changed = useRef(false);
  const dispatch: typeof rawDispatch = (a) => {
    changed.current = true;
    rawDispatch(a);
  };
  const section = useRef<HTMLElement>(null);
  const { near, visible } = useNearScreen(section);
  // A lab that asks for a prediction waits for the reader's Train: it must not answer first.
  const run = useLabRun(state.nets, near, visible, {
    autoTrain: presetText(preset).prediction === undefined,
    name: label ?? presetTitle(preset),
  });
  // True while the networks are the ones the lab opened with: nothing to reset.
  const atPreset = useMemo(
    () => JSON.stringify(state.nets) === JSON.stringify(presetState(preset).nets),
    [state.nets, preset],
  );
  const headingId = useId();
  const [notices, setNotices] = useState<string[]>([]);
  const title = presetTitle(preset);

  // The reader's changes go into the address bar (only this lab's state, see urlSync.ts).
  useEffect(() => {
    if (changed.current) writeUrl(state, section.current?.id);
  }, [state]);

  // The article may place a preset twice: later copies get their own anchor (lab-exploding-2).
  const [copy, setCopy] = useState(0);
  // URL notices: the named lab shows its own; notices of a link naming no lab go to the first lab.
  useEffect(() => {
    const same = [...document.querySelectorAll(`[data-lab="${preset}"]`)];
    setCopy(Math.max(0, same.indexOf(section.current as Element)));
    const first = document.querySelector('[data-lab]') === section.current;
    const notices = page.notices(preset, first);
    setNotices(notices);
    // A link that sets this lab, or whose notice this lab shows, opens at the lab and stays there
    // while the page above it mounts (src/components/anchorKeeper.ts does the holding).
    if (
      (page.initialState(preset) || notices.length > 0) &&
      location.hash === '' &&
      section.current
    )
      holdInView(section.current);
  }, [page, preset]);

  // A twin's two networks are named by what tells them apart; a single one by its whole setting.
  const { names, descriptions } = useMemo(() => netNames(state.nets), [state.nets]);

  const h = run.history;
  const running = h.running;
  const keyFields = presetOf(preset).keyFields;
  // Closed, unless the lab opens with settings of its own there (a shared link): a reader must
  // see what differs from the lab's defaults. Decided once, at mount.
  const [openSettings] = useState(() => hiddenChanges(state, keyFields));
  const v = runVerdict(preset, state.nets, h);
  const expectsDivergence = claimFor(preset, state.nets) === 'diverges-vs-learns';
  const sps = h.stepsPerSecond;
  // Networks shown from a run that ended earlier on the page, in a sentence each.
  const reused = h.reused.flatMap((r, i) =>
    r ? [reusedText(state.nets.length > 1 ? (i === 0 ? 'A' : 'B') : 'The network', r)] : [],
  );

  return (
    <section
      className="lab"
      data-lab={preset}
      id={copy === 0 ? `lab-${preset}` : `lab-${preset}-${copy + 1}`}
      ref={section}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{labHeading(preset, label)}</h3>
      <p className="lab-summary">{presetSummary(preset)}</p>
      {notices.length > 0 ? (
        <div className="lab-notice" role="status" aria-label="Notice about the link">
          <p>Some settings in the link were not used:</p>
          <ul>
            {notices.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setNotices([])}>
            Dismiss
          </button>
        </div>
      ) : null}
      {preset === 'playground' ? (
        <div className="lab-presets" role="group" aria-label="Presets">
          <span>Load a preset:</span>
          {PRESET_IDS.filter((p) => p !== 'playground').map((p) => (
            <button key={p} type="button" onClick={() => dispatch({ type: 'preset', id: p })}>
              {presetTitle(p)}
            </button>
          ))}
          <label className="lab-field">
            Compare with…
            <select
              value={state.link ?? (state.nets.length === 1 ? 'none' : 'custom')}
              onChange={(e) => {
                const mode = e.target.value as CompareMode | 'custom';
                if (mode !== 'custom') dispatch({ type: 'compare', mode });
              }}
            >
              <option value="none">nothing (one network)</option>
              <option value="skip">the same net with skip connections flipped</option>
              {/* A plain net has no shortcut to put the activation before or after. */}
              <option value="order" disabled={noSkips(state.nets[0]!)}>
                the same net with the other block order
                {noSkips(state.nets[0]!) ? ' (residual nets only)' : ''}
              </option>
              {state.nets.length > 1 && !state.link ? (
                <option value="custom">a second network (B), set on its own</option>
              ) : null}
            </select>
          </label>
          {state.nets.length > 1 ? (
            <p className="lab-link-note" data-testid="twin-link">
              {state.link
                ? `B follows every change you make to A except its ${state.link === 'skip' ? 'skip connections' : 'block order'}, until you change B itself.`
                : 'B is set on its own: changes to A no longer reach it.'}
            </p>
          ) : null}
        </div>
      ) : null}

      {/* The controls the lab's claim is about come first; the rest wait under All settings. */}
      <Controls
        nets={state.nets}
        descriptions={descriptions}
        dispatch={dispatch}
        filter={{ only: keyFields }}
      />
      <LookFor id={preset} />
      <LabPrediction id={preset} verdict={v} />

      <div className="lab-toolbar">
        <div className="lab-buttons" role="group" aria-label="Training">
          <button type="button" onClick={run.train} disabled={running}>
            Train
          </button>
          <button type="button" onClick={run.pause} disabled={!running}>
            Pause
          </button>
          <button type="button" onClick={run.step}>
            Step
          </button>
          <button type="button" onClick={run.reset}>
            Reset
          </button>
        </div>
        <p className="lab-status" data-testid="lab-status">
          <span>
            Step <span data-step={h.step}>{Math.max(0, h.step)}</span>
            {running ? ' (training)' : ''}
          </span>{' '}
          {/* Spaces between the parts keep the line readable as text (screen readers, tests). */}
          <span>Backend: {h.backend || (near ? 'starting…' : 'not started')}</span>{' '}
          {/* A rate only while it is being earned: a paused lab has none. */}
          <span>
            {running && sps > 0 && h.step > 0 ? `${sps.toFixed(sps < 10 ? 1 : 0)} steps/s` : ''}
          </span>{' '}
          {/* A finished run that Train extends: say so, or the verdict's "After 800 training steps"
              would surprise a reader whose lab is set to 400 (Reset starts over). */}
          {h.done && !running ? (
            <span className="lab-finished">
              Finished. Train goes on for {state.nets[0]!.steps} more steps; Reset starts over.
            </span>
          ) : null}{' '}
          <LabProgress phase={h.phase} nets={state.nets} backend={h.requestedBackend} />
          {h.restart ? <span className="lab-restart">{h.restart}</span> : null}
        </p>
        <div className="lab-views" role="radiogroup" aria-label="Gradients shown">
          {(['weights', 'signal'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name={`${headingId}-view`}
                checked={state.view === v}
                onChange={() => dispatch({ type: 'view', view: v })}
              />
              {v === 'weights' ? 'Weight gradients ‖∂L/∂W‖' : 'Signal gradients ‖∂L/∂xₗ‖'}
            </label>
          ))}
        </div>
      </div>

      {reused.length > 0 ? (
        <p className="lab-reused" data-testid="lab-reused">
          {reused.join(' ')}
        </p>
      ) : null}
      {h.error ? (
        <p className="lab-error" role="alert">
          {h.error}
        </p>
      ) : null}
      {h.runs.map((r, i) =>
        !r.diverged ? null : expectsDivergence && i === 0 ? (
          // The lab's claim is that A diverges: that is its result, not a fault to fix.
          <p key={i} className="lab-result-diverged" data-testid="lab-expected-divergence">
            {names[0]} diverged at step {r.diverged.step}, as this lab expects: its loss or its
            gradients are no longer finite, so its training stopped there.
          </p>
        ) : (
          <p key={i} className="lab-diverged" role="alert">
            {r.diverged.message}
          </p>
        ),
      )}
      <div className="lab-guide">
        <LabVerdict id={preset} nets={state.nets} history={h} />
        {v ? <TryThis id={preset} /> : null}
      </div>
      <TwinReadout history={h} names={names} view={state.view} />
      <LabPlots
        history={h}
        version={run.version}
        names={names}
        view={state.view}
        labTitle={title}
        boundaries={state.nets.some((n) => n.dataset !== 'digits')}
        near={near}
      />

      <details className="lab-all-settings" open={openSettings}>
        <summary>All settings</summary>
        <Controls
          nets={state.nets}
          descriptions={descriptions}
          dispatch={dispatch}
          filter={{ except: keyFields }}
        />
        {/* Every change persists in the address; this is the way back to what the lab opened with. */}
        <p className="lab-reset-preset">
          <button
            type="button"
            disabled={atPreset}
            onClick={() => dispatch({ type: 'preset', id: preset })}
          >
            Reset to the lab&apos;s settings
          </button>
        </p>
      </details>

      <div className="lab-share">
        <button
          type="button"
          onClick={() => downloadText(historyCsv(h), `residual-${preset}.csv`, 'text/csv')}
        >
          Download history (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(historyJson(h, state.nets), `residual-${preset}.json`, 'application/json')
          }
        >
          Download history (JSON)
        </button>
        {/* Each network as a PyTorch script that trains it exactly as here, at any scale. */}
        {state.nets.map((net, i) => {
          const which = i === 0 ? 'A' : 'B';
          return (
            <button
              key={`pytorch${which}`}
              type="button"
              onClick={() => void downloadPytorchScript(net, preset, which)}
            >
              Download PyTorch script{state.nets.length > 1 ? ` (${which})` : ''}
            </button>
          );
        })}
        <ShareLink state={state} />
      </div>
    </section>
  );
}
