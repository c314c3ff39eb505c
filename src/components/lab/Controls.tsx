/**
 * Every control of a lab's configuration: the shared settings (data, seed, batch, optimizer) and,
 * per network, its architecture. Twins get one fieldset per network ("Network A", "Network B"),
 * so that equal labels stay distinguishable by their group.
 */
import type { Dispatch } from 'react';
import {
  ACTIVATIONS,
  allSkips,
  DATASETS,
  fieldRange,
  INITS,
  noSkips,
  OPTIMIZERS,
  ORDERS,
  type ExperimentConfig,
} from '../../model/engine/config';
import type { LabAction } from '../../state/labReducer';
import { NET_FIELDS, SHARED_FIELDS, type NetField, type SharedField } from '../../state/labPresets';
import { CheckField, IntField, RangeField, SelectField } from '../common/fields';
import { controlHint, type HintField } from './page/hints';
import { OPTION_LABELS } from '../common/configWords';

// The lists reach the ends of FIELD_RULES (width 2–256, batch 1–1024, learning rate up to 10):
// the extremes are part of the story (too narrow, too noisy, too fast), and hints flag their cost.
const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;
const WIDTHS = [2, 4, 8, 16, 32, 64, 128, 256] as const;
const BRANCH_SCALES = [1, 0.5, 0.3, 0.2, 0.15, 0.1, 0.05] as const;
const STEPS = [100, 300, 400, 1000, 3000] as const;

type Value = string | number;
const label = (field: string) => (v: Value) => OPTION_LABELS[field]?.[String(v)] ?? String(v);
const isHintField = (f: string): f is HintField =>
  f === 'blocks' || f === 'width' || f === 'batchSize' || f === 'learningRate';

/**
 * A factory of selects bound to fields of `c`: each shows the field's value, offers `values`
 * (worded by OPTION_LABELS unless `format` says otherwise), dispatches changes through `set` and
 * carries the field's hint for `nets[index]`.
 */
function selectsFor<F extends Exclude<NetField, 'skip'> | SharedField>(
  c: ExperimentConfig,
  nets: readonly ExperimentConfig[],
  index: number,
  set: (field: F, value: Value) => void,
) {
  return (
    field: F,
    text: string,
    values: readonly Value[],
    opts: { format?: (v: Value) => string; disabled?: boolean; note?: string; wide?: boolean } = {},
  ) => (
    <SelectField<Value>
      label={text}
      value={c[field]}
      values={values}
      format={opts.format ?? label(field)}
      onChange={(v) => set(field, v)}
      wide={opts.wide}
      disabled={opts.disabled}
      hint={isHintField(field) ? controlHint(field, nets, index) : null}
      note={opts.note}
    />
  );
}

/** Where the depth slider ends (the engine's limit is higher: see NetControls). */
export const DEPTH_SLIDER_MAX = 100;

/** Which fields a group of controls shows: those listed, or all but those listed. */
export type FieldFilter = { only: readonly string[] } | { except: readonly string[] };

const shows = (filter: FieldFilter | undefined, field: string) =>
  !filter || ('only' in filter ? filter.only.includes(field) : !filter.except.includes(field));

/** The controls of network `index` (those `filter` lets through). */
function NetControls(props: {
  nets: ExperimentConfig[];
  index: number;
  name: string;
  description: string;
  dispatch: Dispatch<LabAction>;
  filter?: FieldFilter;
}) {
  const { nets, index, dispatch, filter } = props;
  const c = nets[index]!;
  const set = (field: NetField, value: Value) => dispatch({ type: 'net', index, field, value });
  const select = selectsFor<Exclude<NetField, 'skip'>>(c, nets, index, set);
  const [minBlocks] = fieldRange('blocks');
  // The engine takes up to 500 blocks, but a slider to 500 would make the slowest nets the
  // easiest pick in every lab: it reaches 100, or further only for a net already deeper (from a
  // link or the CLI's config), so that its value is never shown clamped.
  const maxBlocks = Math.max(DEPTH_SLIDER_MAX, c.blocks);
  const show = (field: NetField) => shows(filter, field);
  const switches = [
    show('skip') && (
      <CheckField
        key="skip"
        label="Skip connections"
        checked={allSkips(c)}
        mixed={!allSkips(c) && !noSkips(c)}
        onChange={(on) => set('skip', on ? 'identity' : 'none')}
      />
    ),
    show('norm') && (
      <CheckField
        key="norm"
        label="Batch norm"
        checked={c.norm === 'batch'}
        onChange={(on) => set('norm', on ? 'batch' : 'none')}
      />
    ),
  ].filter(Boolean);
  return (
    <fieldset className={`lab-net lab-net-${index === 0 ? 'a' : 'b'}`}>
      <legend>
        {props.name} <span className="lab-net-desc">({props.description})</span>
      </legend>
      {/* The two switches share one row wherever both fit. */}
      {switches.length > 0 ? <div className="lab-switches">{switches}</div> : null}
      {show('blocks') ? (
        <RangeField
          label="Depth"
          value={c.blocks}
          min={minBlocks}
          max={maxBlocks}
          unit={c.blocks === 1 ? 'block' : 'blocks'}
          onChange={(v) => set('blocks', v)}
          hint={controlHint('blocks', nets, index)}
        />
      ) : null}
      {show('order') ? select('order', 'Block order', ORDERS) : null}
      {show('activation') ? select('activation', 'Activation', ACTIVATIONS) : null}
      {show('init') ? select('init', 'Initialisation', INITS) : null}
      {show('branchScale')
        ? select('branchScale', 'Branch scale', BRANCH_SCALES, {
            format: (v) => `×${v}`,
            disabled: noSkips(c),
            // A plain block has no branch beside a shortcut to scale: say so instead of greying.
            note: noSkips(c)
              ? 'Applies to residual blocks only: switch skip connections on.'
              : undefined,
          })
        : null}
    </fieldset>
  );
}

/** Whether a network's group would show any field under `filter`. */
function anyNetField(filter: FieldFilter | undefined): boolean {
  return NET_FIELDS.some((f) => shows(filter, f));
}

/** The settings every network of the lab shares (read from network A), those `filter` lets through. */
function SharedControls({
  nets,
  dispatch,
  filter,
}: {
  nets: ExperimentConfig[];
  dispatch: Dispatch<LabAction>;
  filter?: FieldFilter;
}) {
  const c = nets[0]!;
  const set = (field: SharedField, value: Value) => dispatch({ type: 'shared', field, value });
  const select = selectsFor(c, nets, 0, set);
  const show = (field: SharedField) => shows(filter, field);
  return (
    <fieldset className="lab-shared">
      <legend>Data and training</legend>
      {/* The two selects with long options first, each on its row; the short ones pair up. */}
      {show('dataset') ? select('dataset', 'Dataset', DATASETS) : null}
      {show('optimizer') ? select('optimizer', 'Optimiser', OPTIMIZERS) : null}
      {show('seed') ? (
        <IntField
          label="Seed"
          value={c.seed}
          min={fieldRange('seed')[0]}
          max={fieldRange('seed')[1]}
          onChange={(v) => set('seed', v)}
        />
      ) : null}
      {show('width') ? select('width', 'Width', WIDTHS, { format: (v) => `${v} units` }) : null}
      {show('batchSize') ? select('batchSize', 'Batch size', BATCH_SIZES) : null}
      {show('learningRate') ? select('learningRate', 'Learning rate', LEARNING_RATES) : null}
      {show('steps') ? select('steps', 'Training steps', STEPS) : null}
    </fieldset>
  );
}

/**
 * A lab's controls: a fieldset per network and one for the shared settings, each with the fields
 * `filter` lets through (a group with none is left out). `descriptions` says in a few words what
 * each network is.
 */
export function Controls(props: {
  nets: ExperimentConfig[];
  descriptions: string[];
  dispatch: Dispatch<LabAction>;
  filter?: FieldFilter;
}) {
  const { nets, dispatch, filter } = props;
  return (
    <div className="lab-controls">
      {anyNetField(filter)
        ? nets.map((_, i) => (
            <NetControls
              key={i}
              nets={nets}
              index={i}
              name={`Network ${i === 0 ? 'A' : 'B'}`}
              description={props.descriptions[i] ?? ''}
              dispatch={dispatch}
              filter={filter}
            />
          ))
        : null}
      {SHARED_FIELDS.some((f) => shows(filter, f)) ? (
        <SharedControls nets={nets} dispatch={dispatch} filter={filter} />
      ) : null}
    </div>
  );
}
