/**
 * A lab's state ↔ URL search parameters. Only the lab the reader last changed or shared writes the
 * URL (`lab=<preset id>`); fields equal to that preset's defaults are left out, so links stay short.
 *
 *   ?lab=vanishing&view=signal&twin=1&seed=3&a.blocks=40&b.skip=none
 *   ?lab=playground&twin=1&link=skip&a.blocks=50    (B follows A but for its skip connections)
 *   ?lab=playground&a.blocks=3&a.skip=identity,none,identity   (one shortcut per block, block 1 first)
 *
 * Shared fields (dataset, seed, …) are plain keys; each network's own fields are prefixed `a.` or
 * `b.`. Reading is defensive: anything unknown, repeated, malformed or out of range is dropped in
 * favour of the default, and a notice names what was ignored. Nothing here throws.
 */
import { isEnumField, parseConfig, type ExperimentConfig } from '../model/engine/config';
import { PRESET_IDS, type PresetId } from '../model/labs/presets';
import { twinOf, validValue, withShared } from './labReducer';
import { sameSkip, skipFromText, skipToText } from './skipMask';
import {
  NET_FIELDS,
  presetState,
  SHARED_FIELDS,
  type LabState,
  type NetField,
  type SharedField,
} from './labPresets';

const PREFIXES = ['a.', 'b.'] as const;

/** The search string (without '?') for `state`. */
export function encodeLabState(state: LabState): string {
  const base = presetState(state.preset);
  const p = new URLSearchParams();
  p.set('lab', state.preset);
  if (state.view !== base.view) p.set('view', state.view);
  if (state.nets.length !== base.nets.length) p.set('twin', state.nets.length > 1 ? '1' : '0');
  if (state.link) p.set('link', state.link);
  const a = state.nets[0]!;
  for (const f of SHARED_FIELDS) if (a[f] !== base.nets[0]![f]) p.set(f, String(a[f]));
  state.nets.forEach((n, i) => {
    const ref = base.nets[i] ?? base.nets[0]!;
    const compareTo = base.nets[i] ? ref : twinDefault(base.nets[0]!);
    for (const f of NET_FIELDS) {
      if (f === 'skip') {
        if (!sameSkip(n.skip, compareTo.skip)) p.set(PREFIXES[i]! + f, skipToText(n.skip));
      } else if (n[f] !== compareTo[f]) p.set(PREFIXES[i]! + f, String(n[f]));
    }
  });
  return p.toString();
}

/** Twin B when a preset has only A: the plain/residual counterpart of A (the reducer's rule). */
function twinDefault(a: ExperimentConfig): ExperimentConfig {
  return twinOf(a, 'skip');
}

/** What reading a URL found. */
export interface DecodedUrl {
  /** The lab the URL is about, or null when it names none (or an unknown one). */
  lab: PresetId | null;
  /** That lab's state, defaults filled in; null when `lab` is null. */
  state: LabState | null;
  /** One sentence per ignored parameter. Plain text: render it as text, never as HTML. */
  notices: string[];
}

/** Shows an untrusted string briefly and safely quoted. */
function quote(s: string): string {
  const short = s.length > 30 ? s.slice(0, 30) + '…' : s;
  return JSON.stringify(short);
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseValue(field: keyof ExperimentConfig, raw: string): string | number | undefined {
  const value: string | number = isEnumField(field) ? raw : NUMBER.test(raw) ? Number(raw) : NaN;
  return validValue(field, value) ? value : undefined;
}

/** Reads a search string (with or without '?'). Never throws. */
export function decodeLabUrl(search: string): DecodedUrl {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.length > 4000 ? search.slice(0, 4000) : search);
  } catch {
    return {
      lab: null,
      state: null,
      notices: ['The link could not be read; showing the defaults.'],
    };
  }
  const keys = [...params.keys()];
  if (keys.length === 0) return { lab: null, state: null, notices: [] };
  const notices: string[] = [];
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const single = (k: string): string | undefined => {
    if ((counts.get(k) ?? 0) > 1) {
      notices.push(`${quote(k)} appears more than once; used the default.`);
      counts.set(k, 0); // report once
      return undefined;
    }
    return params.get(k) ?? undefined;
  };

  const labRaw = single('lab');
  if (labRaw === undefined || !(PRESET_IDS as readonly string[]).includes(labRaw)) {
    if (labRaw !== undefined || counts.get('lab') === undefined)
      notices.push(
        labRaw === undefined
          ? 'The link names no lab; its settings were ignored.'
          : `The link names an unknown lab ${quote(labRaw)}; its settings were ignored.`,
      );
    return { lab: null, state: null, notices };
  }
  const lab = labRaw as PresetId;
  const state = presetState(lab);
  const known = new Set<string>(['lab']);

  known.add('view');
  const view = single('view');
  if (view !== undefined) {
    if (view === 'weights' || view === 'signal') state.view = view;
    else notices.push(`view ${quote(view)} is not "weights" or "signal"; used "${state.view}".`);
  }

  known.add('twin');
  const twin = single('twin');
  if (twin === '0') state.nets = [state.nets[0]!];
  else if (twin === '1' && state.nets.length === 1) state.nets.push(twinDefault(state.nets[0]!));
  else if (twin !== undefined && twin !== '1')
    notices.push(`twin ${quote(twin)} is not 0 or 1; ignored.`);

  known.add('link');
  const link = single('link');
  if (link !== undefined) {
    if ((link === 'skip' || link === 'order') && state.nets.length === 2) state.link = link;
    else notices.push(`link ${quote(link)} is not "skip" or "order" for two networks; ignored.`);
  }

  const shared: Partial<Record<SharedField, string | number>> = {};
  for (const f of SHARED_FIELDS) {
    known.add(f);
    const raw = single(f);
    if (raw === undefined) continue;
    const v = parseValue(f, raw);
    if (v === undefined) notices.push(`${f} ${quote(raw)} is not allowed; used the default.`);
    else shared[f] = v;
  }
  PREFIXES.forEach((prefix, i) => {
    // A list of shortcuts is checked against the net's depth, which may come later in the link.
    let skipRaw: string | undefined;
    for (const f of NET_FIELDS) {
      const key = prefix + f;
      known.add(key);
      const raw = single(key);
      if (raw === undefined) continue;
      const net = state.nets[i];
      if (!net) {
        notices.push(`${quote(key)} was ignored: this lab shows one network.`);
        continue;
      }
      if (f === 'skip') {
        skipRaw = raw;
        continue;
      }
      const v = parseValue(f as NetField, raw);
      if (v === undefined) notices.push(`${key} ${quote(raw)} is not allowed; used the default.`);
      else (net as unknown as Record<string, unknown>)[f] = v;
    }
    const net = state.nets[i];
    if (skipRaw === undefined || !net) return;
    const read = skipFromText(skipRaw, net.blocks);
    if ('skip' in read) net.skip = read.skip;
    else notices.push(`${prefix}skip ${quote(skipRaw)} ${read.problem}; used the default.`);
  });
  for (const k of counts.keys())
    if (!known.has(k)) notices.push(`Unknown setting ${quote(k)} ignored.`);

  const a = { ...state.nets[0]!, ...shared } as ExperimentConfig;
  state.nets = state.nets.map((n, i) => (i === 0 ? a : withShared(n, a)));
  try {
    state.nets = state.nets.map((n) => parseConfig(n));
  } catch {
    notices.push('The settings did not form a valid network; showing the defaults.');
    return { lab, state: presetState(lab), notices };
  }
  return { lab, state, notices };
}
