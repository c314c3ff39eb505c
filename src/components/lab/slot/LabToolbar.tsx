/**
 * A lab's toolbar: Train / Pause / Step / Reset, the status line (step, backend, speed, what the
 * worker is busy with, a restart) and the choice of gradients shown.
 */
import type { Dispatch } from 'react';
import type { LabState } from '../../../state/labPresets';
import type { LabAction } from '../../../state/labReducer';
import { LabProgress } from '../LabProgress';
import type { LabRun } from '../useLabRun';

export function LabToolbar({
  run,
  state,
  near,
  dispatch,
  viewName,
}: {
  run: LabRun;
  state: LabState;
  /** Whether the lab is near the screen (its worker starts then). */
  near: boolean;
  dispatch: Dispatch<LabAction>;
  /** The name of the radio group of views (unique on the page). */
  viewName: string;
}) {
  const h = run.history;
  const running = h.running;
  const sps = h.stepsPerSecond;
  return (
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
              name={viewName}
              checked={state.view === v}
              onChange={() => dispatch({ type: 'view', view: v })}
            />
            {v === 'weights' ? 'Weight gradients ‖∂L/∂W‖' : 'Signal gradients ‖∂L/∂xₗ‖'}
          </label>
        ))}
      </div>
    </div>
  );
}
