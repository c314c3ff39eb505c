import type { Highlight, PointerHandlers } from './highlight';
import { laneMatches, pointerProps, sameHighlight } from './highlight';

/** Props of {@link UnrolledDiagram}. */
export interface UnrolledDiagramProps extends PointerHandlers {
  /** Number of blocks. */
  n: number;
  /** What is lit: the hovered or focused element, else the pinned one. */
  highlight: Highlight;
  /** What the reader pinned by click, tap, Enter or Space. */
  pinned: Highlight;
}

const STAGE = 92;
const LEFT = 34;
const BASE_Y = 118;
const BOX_Y = 26;
const BOX_H = 40;
const BOX_W = 46;
const MID_Y = BOX_Y + BOX_H / 2;
/**
 * Side of each lane's invisible hit area. At n = 8 on a 375 px phone the diagram is drawn at
 * about 0.42 px per unit, so 64 units make a tap target of about 27 px (WCAG 2.5.8 asks for 24).
 */
const HIT = 64;

/** The arc from x_l up through the box of F_l and down to x_{l+1}, drawn in two halves. */
function arcPath(x0: number, x1: number): string {
  const mid = (x0 + x1) / 2;
  const left = mid - BOX_W / 2;
  const right = mid + BOX_W / 2;
  return (
    `M${x0},${BASE_Y} C${x0 + 8},${MID_Y} ${left - 10},${MID_Y} ${left},${MID_Y} ` +
    `M${right},${MID_Y} C${right + 10},${MID_Y} ${x1 - 8},${MID_Y} ${x1},${BASE_Y}`
  );
}

/**
 * n blocks unrolled: between x_l and x_{l+1} the signal either passes through F_l (the arc over
 * the box) or around it on the shortcut (the straight segment). Choosing one of the two lanes at
 * every block gives the 2^n paths of the expansion. Each lane is focusable; pointing at a lane
 * highlights every term that takes it, and pointing at a term highlights its whole path here.
 */
export function UnrolledDiagram({ n, highlight, pinned, onHover, onPin }: UnrolledDiagramProps) {
  const width = LEFT * 2 + n * STAGE;
  const nodeX = (l: number) => LEFT + l * STAGE;
  const half = 2 ** (n - 1);
  const handlers = { onHover, onPin };
  return (
    <svg
      className="unrolled"
      viewBox={`0 0 ${width} 160`}
      role="group"
      aria-label={`${n} residual blocks unrolled into ${2 ** n} paths from x 0 to x ${n}`}
      // Small n stays small on wide screens; large n keeps its labels legible on narrow ones.
      style={{ maxWidth: `${width * 1.25}px`, minWidth: `${n * 34 + 24}px` }}
      // The prerendered page carries this style as a stylesheet rule (the CSP allows no inline
      // style attribute; scripts/prerender.ts), so hydration sees no style attribute here.
      suppressHydrationWarning
    >
      {Array.from({ length: n }, (_, l) => {
        const x0 = nodeX(l);
        const x1 = nodeX(l + 1);
        const mid = (x0 + x1) / 2;
        const through: Highlight = { kind: 'lane', block: l, through: true };
        const around: Highlight = { kind: 'lane', block: l, through: false };
        return (
          <g key={l}>
            <g
              className={`lane lane-through${laneMatches(highlight, l, true) ? ' is-lit' : ''}`}
              data-block={l}
              data-lane="through"
              tabIndex={0}
              role="button"
              aria-label={`Through block F ${l}: the ${half} terms that contain F ${l}`}
              aria-pressed={sameHighlight(pinned, through)}
              {...pointerProps(through, handlers)}
            >
              <rect
                x={mid - HIT / 2}
                y={MID_Y - HIT / 2}
                width={HIT}
                height={HIT}
                className="hit"
              />
              <path d={arcPath(x0, x1)} className="wire" />
              <rect
                x={mid - BOX_W / 2}
                y={BOX_Y}
                width={BOX_W}
                height={BOX_H}
                rx={6}
                className="box"
              />
              <text x={mid} y={MID_Y + 5} textAnchor="middle" className="box-label">
                F
                <tspan className="sub" dy={5}>
                  {l}
                </tspan>
              </text>
            </g>
            <g
              className={`lane lane-around${laneMatches(highlight, l, false) ? ' is-lit' : ''}`}
              data-block={l}
              data-lane="around"
              tabIndex={0}
              role="button"
              aria-label={`Around block F ${l} on the shortcut: the ${half} terms without F ${l}`}
              aria-pressed={sameHighlight(pinned, around)}
              {...pointerProps(around, handlers)}
            >
              <rect
                x={x0 + 6}
                y={BASE_Y - HIT / 2}
                width={x1 - x0 - 12}
                height={HIT}
                className="hit"
              />
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
