import { useId } from 'react';
import { Katex } from '../Katex';
import { blockGraph, type BlockShape } from './blockGraph';

const BOX_W = 112;
const BOX_H = 28;
const GAP = 14;
const CX = 90;
const TOP = 12;
const SKIP_X = CX + BOX_W / 2 + 30;

/** Props of {@link BlockDiagram}. */
export interface BlockDiagramProps {
  /** The block's fields of an ExperimentConfig: the same values the labs train with. */
  config: BlockShape;
  title: string;
}

/**
 * One block drawn top to bottom from {@link blockGraph}: weight layers, batch norm, activations,
 * the addition and the identity shortcut. Nodes after the addition (on the identity path) are
 * marked, because that is where the original and pre-activation blocks differ.
 */
export function BlockDiagram({ config, title }: BlockDiagramProps) {
  const g = blockGraph(config);
  const arrow = useId().replace(/:/g, '');
  const y = (i: number) => TOP + i * (BOX_H + GAP);
  const index = new Map(g.nodes.map((nd, i) => [nd.id, i]));
  const height = y(g.nodes.length) + 4;
  const add = g.nodes.findIndex((nd) => nd.kind === 'add');
  const label = `${title}: ${g.nodes.map((nd) => nd.description).join(', then ')}${
    add >= 0 ? '; the shortcut carries x l around the branch to the addition' : ''
  }.`;
  return (
    <figure className="block-diagram">
      <svg viewBox={`0 0 ${SKIP_X + 24} ${height}`} role="img" aria-label={label}>
        <defs>
          <marker
            id={arrow}
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L8,4 L0,8 z" className="arrowhead" />
          </marker>
        </defs>
        {g.edges.map((e) => {
          const a = index.get(e.from) ?? 0;
          const b = index.get(e.to) ?? 0;
          if (e.kind === 'main') {
            const to = g.nodes[b];
            const y2 = to?.kind === 'add' ? y(b) + BOX_H / 2 - 12 : y(b);
            return (
              <line
                key={`${e.from}-${e.to}`}
                className="edge"
                x1={CX}
                x2={CX}
                y1={y(a) + BOX_H}
                y2={y2}
                markerEnd={`url(#${arrow})`}
              />
            );
          }
          const ya = y(a) + BOX_H / 2;
          const yb = y(b) + BOX_H / 2;
          return (
            <path
              key="skip"
              className="edge skip"
              d={`M${CX + 16},${ya} H${SKIP_X} V${yb} H${CX + 13}`}
              markerEnd={`url(#${arrow})`}
            />
          );
        })}
        {g.nodes.map((nd, i) =>
          nd.kind === 'add' ? (
            <g key={nd.id} className="node add">
              <circle cx={CX} cy={y(i) + BOX_H / 2} r={12} />
              <text x={CX} y={y(i) + BOX_H / 2 + 5} textAnchor="middle">
                +
              </text>
            </g>
          ) : (
            <g key={nd.id} className={`node ${nd.kind}${nd.afterAdd ? ' after-add' : ''}`}>
              <rect x={CX - BOX_W / 2} y={y(i)} width={BOX_W} height={BOX_H} rx={5} />
              <text x={CX} y={y(i) + BOX_H / 2 + 5} textAnchor="middle">
                {nd.label.startsWith('x_') ? (
                  <>
                    x
                    <tspan className="sub" dy={4}>
                      {nd.label === 'x_l' ? 'l' : 'l+1'}
                    </tspan>
                  </>
                ) : (
                  nd.label
                )}
              </text>
            </g>
          ),
        )}
        {add >= 0 && (
          <text
            className="skip-label"
            x={SKIP_X + 6}
            y={(y(0) + y(add)) / 2 + BOX_H / 2}
            transform={`rotate(90 ${SKIP_X + 6} ${(y(0) + y(add)) / 2 + BOX_H / 2})`}
            textAnchor="middle"
          >
            identity
          </text>
        )}
      </svg>
      <figcaption>
        <strong>{title}.</strong>
        <Katex tex={g.formula} display className="block-formula" />
      </figcaption>
    </figure>
  );
}
