/**
 * The lab's state changes. Every value is checked against the engine's FIELD_RULES, so a control
 * (or a URL) can never put an invalid configuration into a lab; twins always share SHARED_FIELDS.
 */
import { fieldAccepts, noSkips, type ExperimentConfig, type Skip } from '../model/engine/config';
import type { PresetId } from '../model/labs/presets';
import {
  presetState,
  SHARED_FIELDS,
  type LabState,
  type NetField,
  type SharedField,
} from './labPresets';
import { skipForBlocks, spellSkip } from './skipMask';

/** How the playground's twin B is derived from A. */
export type CompareMode = 'none' | 'skip' | 'order';

export type LabAction =
  | { type: 'shared'; field: SharedField; value: string | number }
  /** A list value is for `skip` only: one shortcut per block, block 1 first. */
  | { type: 'net'; index: number; field: NetField; value: string | number | readonly Skip[] }
  | { type: 'view'; view: LabState['view'] }
  | { type: 'compare'; mode: CompareMode }
  | { type: 'preset'; id: PresetId }
  | { type: 'replace'; state: LabState };

/** True when `value` is allowed for `field`: parseConfig's own rule (config.fieldAccepts). */
export const validValue = fieldAccepts;

/** Copies the shared fields of `from` into `to`. */
export function withShared(to: ExperimentConfig, from: ExperimentConfig): ExperimentConfig {
  const out = { ...to } as Record<string, unknown>;
  for (const f of SHARED_FIELDS) out[f] = from[f];
  return out as unknown as ExperimentConfig;
}

/** Twin B for a compare mode: A with the skip or the block order flipped. */
export function twinOf(a: ExperimentConfig, mode: Exclude<CompareMode, 'none'>): ExperimentConfig {
  // A residual or partly residual A gets a plain twin; a plain A a residual one.
  if (mode === 'skip') return { ...a, skip: noSkips(a) ? 'identity' : 'none' };
  return { ...a, order: a.order === 'post' ? 'pre' : 'post' };
}

/** `state` with no link between its twins. */
function withoutLink(state: LabState): LabState {
  const rest = { ...state };
  delete rest.link;
  return rest;
}

/**
 * `net` with one field set, or null when the value does not fit it. A list of shortcuts must have
 * one entry per block and is spelled as parseConfig spells it; a new depth cuts a list or extends
 * it with shortcuts, so that a net never holds a list of the wrong length.
 */
function netWith(
  net: ExperimentConfig,
  field: NetField,
  value: string | number | readonly Skip[],
): ExperimentConfig | null {
  if (field === 'blocks' && typeof value === 'number')
    return { ...net, blocks: value, skip: skipForBlocks(net, value) };
  if (field === 'skip' && Array.isArray(value)) {
    const list = value as readonly Skip[];
    return list.length === net.blocks ? { ...net, skip: spellSkip(list) } : null;
  }
  return { ...net, [field]: value };
}

/** The reducer of one lab. Invalid values leave the state as it was. */
export function labReducer(state: LabState, action: LabAction): LabState {
  switch (action.type) {
    case 'shared': {
      if (!validValue(action.field, action.value)) return state;
      return { ...state, nets: state.nets.map((n) => ({ ...n, [action.field]: action.value })) };
    }
    case 'net': {
      const net = state.nets[action.index];
      if (!validValue(action.field, action.value) || !net) return state;
      const changed = netWith(net, action.field, action.value);
      if (!changed) return state;
      const nets = state.nets.map((n, i) => (i === action.index ? changed : n));
      // A linked twin follows A's every change but the compared one; a change to B unlinks it.
      if (action.index === 1) return withoutLink({ ...state, nets });
      if (state.link && nets.length === 2) nets[1] = twinOf(nets[0]!, state.link);
      return { ...state, nets };
    }
    case 'view':
      return action.view === 'weights' || action.view === 'signal'
        ? { ...state, view: action.view }
        : state;
    case 'compare': {
      const a = state.nets[0]!;
      if (action.mode === 'none') return withoutLink({ ...state, nets: [a] });
      return { ...state, nets: [a, twinOf(a, action.mode)], link: action.mode };
    }
    case 'preset':
      return { ...presetState(action.id), preset: state.preset, view: state.view };
    case 'replace':
      return action.state;
  }
}
