/**
 * A live lab where the article places it: a region with its own heading, controls, Train / Pause
 * / Step / Reset, the backend and speed readout, the plots, exports and a shareable link. One
 * network or a twin pair, configured by the preset the article names (see presets.ts). The parts
 * are in slot/: its place among the page's labs (placement.ts), its address (useLabAddress.ts),
 * and what it renders.
 */
import { useId, useMemo, useReducer, useRef, useState } from 'react';
import { labReducer } from '../../state/labReducer';
import {
  labHeading,
  presetState,
  presetSummary,
  presetTitle,
  type LabState,
} from '../../state/labPresets';
import { Controls } from './Controls';
import { LabPlots } from './LabPlots';
import { LabVerdict, LookFor, claimFor, runVerdict } from './LabVerdict';
import { LabPrediction, TryThis } from './LabPrediction';
import { presetText } from '../../model/labs/preset-texts';
import { netNames } from '../common/configWords';
import { preset as presetOf, type PresetId } from '../../model/labs/presets';
import { TwinReadout } from './TwinReadout';
import { useLabPage, type LabPage } from './page/labPage';
import { LabDownloads } from './slot/LabDownloads';
import { LinkNotices, RunMessages } from './slot/LabMessages';
import { LabToolbar } from './slot/LabToolbar';
import { PlaygroundPicker } from './slot/PlaygroundPicker';
import { useLabPlacement } from './slot/placement';
import { useLabAddress } from './slot/useLabAddress';
import { useLabRun } from './useLabRun';
import { useNearScreen } from './useNearScreen';
import './lab.css';

function initState([page, preset]: [LabPage, PresetId]): LabState {
  return page.startState(preset);
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

/**
 * Where the article places a live lab; `preset` picks its networks, `copy` says which placement
 * of that preset it is (0: the first; later copies get anchors of their own, lab-exploding-2).
 */
export function LabSlot({
  preset,
  label,
  copy = 0,
}: {
  preset: PresetId;
  label?: string;
  copy?: number;
}) {
  const page = useLabPage();
  const [state, rawDispatch] = useReducer(labReducer, [page, preset], initState);
  const section = useRef<HTMLElement>(null);
  const placement = useLabPlacement(preset, copy);
  const address = useLabAddress(page, preset, placement, state, section);
  const dispatch: typeof rawDispatch = (a) => {
    address.readerChanged();
    rawDispatch(a);
  };
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

  // A twin's two networks are named by what tells them apart; a single one by its whole setting.
  const { names, descriptions } = useMemo(() => netNames(state.nets), [state.nets]);

  const h = run.history;
  const keyFields = presetOf(preset).keyFields;
  // Closed, unless the lab opens with settings of its own there (a shared link): a reader must
  // see what differs from the lab's defaults. Decided once, at mount.
  const [openSettings] = useState(() => hiddenChanges(state, keyFields));
  const v = runVerdict(preset, state.nets, h);

  return (
    <section
      className="lab"
      data-lab={preset}
      id={placement.anchor}
      ref={section}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{labHeading(preset, label)}</h3>
      <p className="lab-summary">{presetSummary(preset)}</p>
      <LinkNotices notices={address.notices} dismiss={address.dismiss} />
      {preset === 'playground' ? <PlaygroundPicker state={state} dispatch={dispatch} /> : null}

      {/* The controls the lab's claim is about come first; the rest wait under All settings. */}
      <Controls
        nets={state.nets}
        descriptions={descriptions}
        dispatch={dispatch}
        filter={{ only: keyFields }}
      />
      <LookFor id={preset} />
      <LabPrediction id={preset} verdict={v} />
      <LabToolbar
        run={run}
        state={state}
        near={near}
        dispatch={dispatch}
        viewName={`${headingId}-view`}
      />
      <RunMessages
        history={h}
        names={names}
        twin={state.nets.length > 1}
        expectsDivergence={claimFor(preset, state.nets) === 'diverges-vs-learns'}
      />
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
        labTitle={presetTitle(preset)}
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
      <LabDownloads preset={preset} state={state} history={h} />
    </section>
  );
}
