import type { Highlight } from './highlight';
import { laneMatches } from './highlight';

/** Props of {@link UnrolledDiagram}. */
export interface UnrolledDiagramProps {
  /** Number of blocks. */
  n: number;
  highlight: Highlight;
  onHighlight: (h: Highlight) => void;
}

const STAGE = 92;
const LEFT = 34;
const BASE_Y = 118;
const BOX_Y = 26;
const BOX_H = 40;
const BOX_W = 46;

/**
 * n blocks unrolled: between x_l and x_{l+1} the signal either passes through F_l (the arc over
 * the box) or around it on the shortcut (the straight segment). Choosing one of the two lanes at
 * every block gives the 2^n paths of the expansion. Each lane is focusable; pointing at a lane
 * highlights every term that takes it, and pointing at a term highlights its whole path here.
 */
export function UnrolledDiagram({ n, highlight, onHighlight }: UnrolledDiagramProps) {
  const width = LEFT * 2 + n * STAGE;
  const nodeX = (l: number) => LEFT + l * STAGE;
  const lanes = Array.from({ length: n }, (_, l) => l);
  const clear = () => onHighlight(null);
  return (
    <svg
      className="unrolled"
      viewBox={`0 0 ${width} 160`}
      role="group"
      aria-label={`${n} residual blocks unrolled into ${2 ** n} paths from x 0 to x ${n}`}
      data-highlighted={highlight ? 'true' : 'false'}
      // Small n stays small on wide screens; large n keeps its labels legible on narrow ones.
      style={{ maxWidth: `${width * 1.25}px`, minWidth: `${n * 34 + 24}px` }}
    >
      {lanes.map((l) => {
        const x0 = nodeX(l);
        const x1 = nodeX(l + 1);
        const mid = (x0 + x1) / 2;
        const through = laneMatches(highlight, l, true);
        const around = laneMatches(highlight, l, false);
        const arc = `M${x0},${BASE_Y} C${x0 + 8},${BOX_Y + BOX_H / 2} ${mid - BOX_W / 2 - 10},${
          BOX_Y + BOX_H / 2
        } ${mid - BOX_W / 2},${BOX_Y + BOX_H / 2} M${mid + BOX_W / 2},${BOX_Y + BOX_H / 2} C${
          mid + BOX_W / 2 + 10
        },${BOX_Y + BOX_H / 2} ${x1 - 8},${BOX_Y + BOX_H / 2} ${x1},${BASE_Y}`;
        return (
          <g key={l}>
            <g
              className={`lane lane-through${through ? ' is-lit' : ''}`}
              data-block={l}
              data-lane="through"
              tabIndex={0}
              role="button"
              aria-label={`Through block F ${l}: highlights the ${2 ** (n - 1)} terms that contain F ${l}`}
              aria-pressed={through}
              onMouseEnter={() => onHighlight({ kind: 'lane', block: l, through: true })}
              onMouseLeave={clear}
              onFocus={() => onHighlight({ kind: 'lane', block: l, through: true })}
              onBlur={clear}
            >
              <path d={arc} className="wire" />
              <rect
                x={mid - BOX_W / 2}
                y={BOX_Y}
                width={BOX_W}
                height={BOX_H}
                rx={6}
                className="box"
              />
              <text x={mid} y={BOX_Y + BOX_H / 2 + 5} textAnchor="middle" className="box-label">
                F
                <tspan className="sub" dy={5}>
                  {l}
                </tspan>
              </text>
            </g>
            <g
              className={`lane lane-around${around ? ' is-lit' : ''}`}
              data-block={l}
              data-lane="around"
              tabIndex={0}
              role="button"
              aria-label={`Around block F ${l} on the shortcut: highlights the ${2 ** (n - 1)} terms without F ${l}`}
              aria-pressed={around}
              onMouseEnter={() => onHighlight({ kind: 'lane', block: l, through: false })}
              onMouseLeave={clear}
              onFocus={() => onHighlight({ kind: 'lane', block: l, through: false })}
              onBlur={clear}
            >
              <rect x={x0 + 6} y={BASE_Y - 12} width={x1 - x0 - 12} height={24} className="hit" />
              <line x1={x0} y1={BASE_Y} x2={x1} y2={BASE_Y} className="wire" />
            </g>
          </g>
        );
      })}
      {Array.from({ length: n + 1 }, (_, l) => (
        <g key={`x${l}`} className="node" aria-hidden="true">
          <circle cx={nodeX(l)} cy={BASE_Y} r={6} />
          <text x={nodeX(l)} y={BASE_Y + 26} textAnchor="middle">
            x
            <tspan className="sub" dy={5}>
              {l}
            </tspan>
          </text>
        </g>
      ))}
    </svg>
  );
}
