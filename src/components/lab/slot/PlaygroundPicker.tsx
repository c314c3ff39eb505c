/**
 * The playground's own controls above its networks: load another lab's preset, and compare the
 * network with a twin (skip connections or block order flipped, or a second network of its own).
 */
import type { Dispatch } from 'react';
import { noSkips } from '../../../model/engine/config';
import { PRESET_IDS } from '../../../model/labs/presets';
import { presetTitle, type LabState } from '../../../state/labPresets';
import type { CompareMode, LabAction } from '../../../state/labReducer';

export function PlaygroundPicker({
  state,
  dispatch,
}: {
  state: LabState;
  dispatch: Dispatch<LabAction>;
}) {
  return (
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
  );
}
