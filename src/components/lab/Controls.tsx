/**
 * Every control of a lab's configuration: the shared settings (data, seed, batch, optimizer) and,
 * per network, its architecture. Twins get one fieldset per network ("Network A", "Network B"),
 * so that equal labels stay distinguishable by their group.
 */
import type { Dispatch } from 'react';
import {
  ACTIVATIONS,
  DATASETS,
  FIELD_RULES,
  INITS,
  OPTIMIZERS,
  ORDERS,
  type ExperimentConfig,
} from '../../model/config';
import type { LabAction } from '../../state/labReducer';
import { CheckField, IntField, RangeField, SelectField } from './fields';
import { OPTION_LABELS } from './labels';

const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] as const;
const BATCH_SIZES = [16, 32, 64, 128, 256] as const;
const WIDTHS = [8, 16, 32, 64, 128] as const;
const BRANCH_SCALES = [1, 0.5, 0.3, 0.2, 0.1, 0.05] as const;
const STEPS = [100, 300, 1000, 3000] as const;
const label = (field: string) => (v: string | number) =>
  OPTION_LABELS[field]?.[String(v)] ?? String(v);

/** The controls of network `index`. */
function NetControls(props: {
  config: ExperimentConfig;
  index: number;
  name: string;
  description: string;
  dispatch: Dispatch<LabAction>;
}) {
  const { config: c, index, dispatch } = props;
  const set = (field: Extract<LabAction, { type: 'net' }>['field'], value: string | number) =>
    dispatch({ type: 'net', index, field, value });
  const blocks = FIELD_RULES.blocks.kind === 'int' ? FIELD_RULES.blocks : { min: 1, max: 100 };
  return (
    <fieldset className={`lab-net lab-net-${index === 0 ? 'a' : 'b'}`}>
      <legend>
        {props.name} <span className="lab-net-desc">({props.description})</span>
      </legend>
      <CheckField
        label="Skip connections"
        checked={c.skip === 'identity'}
        onChange={(on) => set('skip', on ? 'identity' : 'none')}
      />
      <RangeField
        label="Depth"
        value={c.blocks}
        min={blocks.min}
        max={blocks.max}
        unit={c.blocks === 1 ? 'block' : 'blocks'}
        onChange={(v) => set('blocks', v)}
      />
      <SelectField
        label="Block order"
        value={c.order}
        values={ORDERS}
        format={label('order')}
        onChange={(v) => set('order', v)}
      />
      <CheckField
        label="Batch norm"
        checked={c.norm === 'batch'}
        onChange={(on) => set('norm', on ? 'batch' : 'none')}
      />
      <SelectField
        label="Activation"
        value={c.activation}
        values={ACTIVATIONS}
        format={label('activation')}
        onChange={(v) => set('activation', v)}
      />
      <SelectField
        label="Initialisation"
        value={c.init}
        values={INITS}
        format={label('init')}
        onChange={(v) => set('init', v)}
      />
      <SelectField
        label="Branch scale"
        value={c.branchScale}
        values={BRANCH_SCALES}
        format={(v) => `×${v}`}
        onChange={(v) => set('branchScale', v)}
        disabled={c.skip === 'none'}
      />
    </fieldset>
  );
}

/** The settings every network of the lab shares. */
function SharedControls({
  config: c,
  dispatch,
}: {
  config: ExperimentConfig;
  dispatch: Dispatch<LabAction>;
}) {
  const set = (field: Extract<LabAction, { type: 'shared' }>['field'], value: string | number) =>
    dispatch({ type: 'shared', field, value });
  return (
    <fieldset className="lab-shared">
      <legend>Data and training</legend>
      <SelectField
        label="Dataset"
        value={c.dataset}
        values={DATASETS}
        format={label('dataset')}
        onChange={(v) => set('dataset', v)}
      />
      <IntField
        label="Seed"
        value={c.seed}
        min={0}
        max={4_294_967_295}
        onChange={(v) => set('seed', v)}
      />
      <SelectField
        label="Width"
        value={c.width}
        values={WIDTHS}
        format={(v) => `${v} units`}
        onChange={(v) => set('width', v)}
      />
      <SelectField
        label="Batch size"
        value={c.batchSize}
        values={BATCH_SIZES}
        onChange={(v) => set('batchSize', v)}
      />
      <SelectField
        label="Optimizer"
        value={c.optimizer}
        values={OPTIMIZERS}
        format={label('optimizer')}
        onChange={(v) => set('optimizer', v)}
      />
      <SelectField
        label="Learning rate"
        value={c.learningRate}
        values={LEARNING_RATES}
        onChange={(v) => set('learningRate', v)}
      />
      <SelectField
        label="Training steps"
        value={c.steps}
        values={STEPS}
        onChange={(v) => set('steps', v)}
      />
    </fieldset>
  );
}

/** All controls of a lab. `descriptions` says in a few words what each network is. */
export function Controls(props: {
  nets: ExperimentConfig[];
  descriptions: string[];
  dispatch: Dispatch<LabAction>;
}) {
  const { nets, dispatch } = props;
  return (
    <div className="lab-controls">
      {nets.map((c, i) => (
        <NetControls
          key={i}
          config={c}
          index={i}
          name={`Network ${i === 0 ? 'A' : 'B'}`}
          description={props.descriptions[i] ?? ''}
          dispatch={dispatch}
        />
      ))}
      <SharedControls config={nets[0]!} dispatch={dispatch} />
    </div>
  );
}
