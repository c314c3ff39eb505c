/**
 * The block diagrams are drawn from the same `ExperimentConfig` that the labs train, so the
 * picture always shows the network the engine builds (docs/design.md, "The engine contract"):
 * - post (He et al. 2015): x_{l+1} = act(x_l + s·BN(W_2·act(BN(W_1·x_l))))
 * - pre (He et al. 2016):  x_{l+1} = x_l + s·W_2·act(BN(W_1·act(BN(x_l))))
 * - plain (skip 'none'): the same layers without "x_l +"; BN only when norm is 'batch';
 *   the branch scale s only appears when it is not 1 and there is a shortcut.
 * This module is pure: config in, nodes and edges out; the SVG lives in BlockDiagram.tsx.
 */
import { activationSpec } from '../../model/engine/activations';
import { someSkips, type ExperimentConfig } from '../../model/engine/config';

/** What a node of the block diagram stands for. */
export type BlockNodeKind = 'signal' | 'weight' | 'norm' | 'act' | 'scale' | 'add';

/** One box (or the addition circle) of the diagram, in the order the signal meets it. */
export interface BlockNode {
  id: string;
  kind: BlockNodeKind;
  /** Short plain-text label drawn in the box. */
  label: string;
  /** A longer name for screen readers. */
  description: string;
  /** True for nodes between the addition and the block output: they sit on the identity path. */
  afterAdd: boolean;
}

/** An arrow: `main` along the column, `skip` for the identity shortcut. */
export interface BlockEdge {
  from: string;
  to: string;
  kind: 'main' | 'skip';
}

/** Everything the SVG needs to draw one block. */
export interface BlockGraph {
  nodes: BlockNode[];
  edges: BlockEdge[];
  /** The block as one TeX formula, e.g. "x_{l+1} = x_l + W_2\\,\\mathrm{ReLU}(…)". */
  formula: string;
  /** Whether some nonlinearity acts on the signal after the shortcut rejoins it. */
  actOnIdentityPath: boolean;
}

/** The fields of the config that shape a block. */
export type BlockShape = Pick<ExperimentConfig, 'skip' | 'order' | 'norm' | 'activation'> &
  Partial<Pick<ExperimentConfig, 'branchScale'>>;

/** Builds the diagram of one block for the given configuration. */
export function blockGraph(config: BlockShape): BlockGraph {
  // One block's diagram: a net with some shortcuts cut draws its residual block.
  const residual = someSkips(config);
  const bn = config.norm === 'batch';
  const act = activationSpec(config.activation).label;
  const scale = residual && config.branchScale !== undefined && config.branchScale !== 1;
  const nodes: BlockNode[] = [];
  let afterAdd = false;
  let count = 0;
  const push = (kind: BlockNodeKind, label: string, description: string) => {
    nodes.push({ id: `${kind}${count++}`, kind, label, description, afterAdd });
  };
  const norm = () => bn && push('norm', 'BN', 'batch norm');
  const activation = () => push('act', act, `${act} activation`);
  const weight = (i: 1 | 2) => push('weight', `W${i}`, `weight layer ${i}`);

  push('signal', 'x_l', 'block input x l');
  if (config.order === 'pre') {
    norm();
    activation();
    weight(1);
    norm();
    activation();
    weight(2);
  } else {
    weight(1);
    norm();
    activation();
    weight(2);
    norm();
  }
  if (scale) push('scale', `× ${config.branchScale}`, `branch scaled by ${config.branchScale}`);
  if (residual) {
    push('add', '+', 'addition of the shortcut and the branch');
    afterAdd = true;
  }
  if (config.order === 'post') activation();
  push('signal', 'x_l+1', 'block output x l plus 1');

  const edges: BlockEdge[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const from = nodes[i - 1];
    const to = nodes[i];
    if (from && to) edges.push({ from: from.id, to: to.id, kind: 'main' });
  }
  const add = nodes.find((n) => n.kind === 'add');
  const input = nodes[0];
  if (add && input) edges.push({ from: input.id, to: add.id, kind: 'skip' });

  return {
    nodes,
    edges,
    formula: formulaOf(config, act, bn, scale),
    actOnIdentityPath: nodes.some((n) => n.afterAdd && n.kind === 'act'),
  };
}

/** The block as TeX, e.g. x_{l+1} = \mathrm{ReLU}(x_l + \mathrm{BN}(W_2 …)). */
function formulaOf(config: BlockShape, act: string, bn: boolean, scale: boolean): string {
  const f = (name: string, arg: string) => `\\mathrm{${name}}(${arg})`;
  const n = (arg: string) => (bn ? f('BN', arg) : arg);
  const s = scale ? `${config.branchScale}\\,` : '';
  const shortcut = someSkips(config) ? 'x_l + ' : '';
  if (config.order === 'pre') {
    const branch = `W_2\\,${f(act, n(`W_1\\,${f(act, n('x_l'))}`))}`;
    return `x_{l+1} = ${shortcut}${s}${branch}`;
  }
  const branch = n(`W_2\\,${f(act, n('W_1 x_l'))}`);
  return `x_{l+1} = ${f(act, `${shortcut}${s}${branch}`)}`;
}
