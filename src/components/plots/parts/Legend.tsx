import { PLOT_COLORS } from '../geometry/colors';

/** One legend entry: a short line in the series style and its label. */
export interface LegendItem {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
  faint?: boolean;
  /** The line of a series drawn with markers (CurveSeries.markers): a circle on the swatch. */
  markers?: boolean;
  /** A marker's entry instead of a line's: 'cross' explains the × of a non-finite value. */
  marker?: 'cross';
}

const ROW = 18;
/** Radius of a series' markers (CurveSeries.markers), on the plot and in the legend. */
export const MARKER_R = 3;
const SWATCH = 22;
/** Rough width of a 12px system-ui character; measuring text would need layout (not in jsdom). */
const CHAR = 6.6;

/** Positions of legend items wrapped into rows that fit `width`, and the total height. */
export function legendLayout(
  items: readonly LegendItem[],
  width: number,
): { x: number; y: number }[] & { height: number } {
  const pos: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    const w = SWATCH + 6 + item.label.length * CHAR + 16;
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    pos.push({ x, y });
    x += w;
  }
  return Object.assign(pos, { height: items.length ? y + ROW : 0 });
}

/** Stroke props shared by a series' line and its legend swatch. */
export function strokeStyle(s: { dashed?: boolean; faint?: boolean; markers?: boolean }) {
  return {
    strokeWidth: s.faint || s.markers ? 1.5 : 2,
    strokeOpacity: s.faint ? 0.55 : 1,
    strokeDasharray: s.dashed ? '5 4' : undefined,
  };
}

/** Legend drawn inside the SVG so that exports keep it. */
export function Legend({ items, width }: { items: readonly LegendItem[]; width: number }) {
  const pos = legendLayout(items, width);
  return (
    <g className="plot-legend">
      {items.map((item, i) => {
        const p = pos[i] ?? { x: 0, y: 0 };
        return (
          <g key={item.id} transform={`translate(${p.x},${p.y + ROW / 2})`}>
            {item.marker === 'cross' ? (
              <path
                d={`M${SWATCH / 2 - 3},-3l6,6m-6,0l6,-6`}
                fill="none"
                stroke={item.color}
                strokeWidth={1.5}
              />
            ) : (
              <>
                <line x2={SWATCH} stroke={item.color} {...strokeStyle(item)} />
                {item.markers ? (
                  <circle
                    cx={SWATCH / 2}
                    r={MARKER_R}
                    fill="#ffffff"
                    stroke={item.color}
                    strokeWidth={1.5}
                  />
                ) : null}
              </>
            )}
            <text x={SWATCH + 6} dy="0.32em" fontSize={12} fill={PLOT_COLORS.ink}>
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
