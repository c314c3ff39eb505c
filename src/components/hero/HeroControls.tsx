/**
 * The opening figure's controls: the "Skip connections" switch (a checkbox, "mixed" while some
 * shortcuts are cut), the depth (HERO_DEPTHS as a row of radio buttons) and Train / Pause /
 * Reset with one line of status.
 */
import { useId } from 'react';
import { HERO_DEPTHS } from './heroData';
import { cutCount, uniformSkip, type HeroAction, type HeroState } from './heroState';

export interface HeroRunStatus {
  /** Says what the figure waits for or does; empty when there is nothing to say. */
  text: string;
  running: boolean;
  /** The net has taken training steps (Reset has something to undo). */
  trained: boolean;
}

export function HeroControls({
  state,
  dispatch,
  status,
  onTrain,
  onPause,
  onReset,
  enabled = true,
}: {
  state: HeroState;
  /** False in the prerendered page, until scripts can act on the controls. */
  enabled?: boolean;
  dispatch: (a: HeroAction) => void;
  status: HeroRunStatus;
  onTrain: () => void;
  onPause: () => void;
  onReset: () => void;
}) {
  const id = useId();
  const u = uniformSkip(state);
  const cut = cutCount(state);
  return (
    <div className="hero-controls">
      <div className="hero-switch">
        <input
          id={`${id}-skip`}
          type="checkbox"
          checked={u === 'identity'}
          disabled={!enabled}
          aria-describedby={u ? undefined : `${id}-mixed`}
          ref={(el) => {
            if (el) el.indeterminate = u === null;
          }}
          onChange={(e) => dispatch({ type: 'switch', on: e.target.checked })}
        />
        <label htmlFor={`${id}-skip`}>Skip connections</label>
        {u ? null : (
          <span className="hero-mixed" id={`${id}-mixed`}>
            mixed: {cut} of {state.blocks} cut
          </span>
        )}
      </div>
      <fieldset className="hero-depth">
        <legend>Depth</legend>
        {HERO_DEPTHS.map((d) => (
          <label key={d}>
            <input
              type="radio"
              name={`${id}-depth`}
              value={d}
              checked={state.blocks === d}
              disabled={!enabled}
              onChange={() => dispatch({ type: 'depth', blocks: d })}
            />
            <span>{d}</span>
          </label>
        ))}
      </fieldset>
      <div className="hero-buttons" role="group" aria-label="Training">
        <button type="button" onClick={onTrain} disabled={!enabled || status.running}>
          Train
        </button>
        <button type="button" onClick={onPause} disabled={!status.running}>
          Pause
        </button>
        <button type="button" onClick={onReset} disabled={!status.trained}>
          Reset
        </button>
      </div>
      <p className="hero-status" role="status">
        {enabled ? status.text : ''}
      </p>
      <noscript>
        <p className="hero-noscript">
          With JavaScript off the figure shows its net with every shortcut and the profiles computed
          ahead; the switch, the depth and Train need JavaScript.
        </p>
      </noscript>
    </div>
  );
}
