import { useId, useMemo, useState } from 'react';
import { format, max, scaleBand, scaleLinear } from 'd3';
import {
  MAX_CHART_BLOCKS,
  pathLengthShares,
  shareBetween,
  type LengthShare,
} from '../../../math/pathLengths';

const W = 720;
const H = 300;
// Room above the bars for the band's label, which would cover the bars inside the plot.
const M = { top: 36, right: 16, bottom: 44, left: 56 };
/** The path lengths that carried almost all gradient in Veit et al.'s ResNet-110 (54 blocks). */
export const VEIT_EFFECTIVE = { lo: 5, hi: 17, blocks: 54 } as const;

/**
 * The band drawn at `n` blocks: Veit et al.'s measured 5–17 at 54 blocks; at other depths the same
 * fractions of the depth (5/54 to 17/54), which nobody measured: a guide, and labelled so.
 */
export function veitBand(n: number): { lo: number; hi: number; measured: boolean } {
  const { lo, hi, blocks } = VEIT_EFFECTIVE;
  if (n === blocks) return { lo, hi, measured: true };
  return {
    lo: Math.round((lo * n) / blocks),
    hi: Math.round((hi * n) / blocks),
    measured: false,
  };
}

const pct2 = format('.2~%');
/** A share as a percentage; shares that round to 0 say how small they are instead of "0%". */
const pct = (v: number) => (v > 0 && v < 5e-5 ? 'less than 0.01%' : pct2(v));

/** 2^n written out when small, as "m × 10^e" (with a real superscript) when large. */
function PathCount({ n }: { n: number }) {
  const count = 2 ** n;
  if (count < 1e6) return <>{count}</>;
  const exp = Math.floor(Math.log10(count));
  return (
    <>
      about {(count / 10 ** exp).toFixed(1)} × 10<sup>{exp}</sup>
    </>
  );
}

/** The narrowest range of lengths, symmetric about n/2, that holds at least `mass` of the paths. */
function centralRange(shares: LengthShare[], mass: number) {
  const n = shares.length - 1;
  for (let lo = Math.floor(n / 2); lo >= 0; lo--) {
    const share = shareBetween(shares, lo, n - lo);
    if (share >= mass) return { lo, hi: n - lo, share };
  }
  return { lo: 0, hi: n, share: 1 };
}

/**
 * Bar chart of the share of the 2^n paths by length (Binomial(n, 1/2)) for up to 110 blocks.
 * d3 computes the scales and ticks; React draws the SVG. The band of lengths 5–17 marks where
 * Veit et al. (2016) found almost all of the gradient of a 54-block ResNet-110; at other depths
 * it is scaled with the depth and says so (veitBand).
 */
export function PathLengthChart({ initialBlocks = 54 }: { initialBlocks?: number }) {
  const [n, setN] = useState(initialBlocks);
  const inputId = useId();
  const shares = useMemo(() => pathLengthShares(n), [n]);
  const x = scaleBand<number>()
    .domain(shares.map((s) => s.length))
    .range([M.left, W - M.right])
    .paddingInner(n > 40 ? 0.1 : 0.2);
  const y = scaleLinear()
    .domain([0, max(shares, (s) => s.share) ?? 1])
    .nice()
    .range([H - M.bottom, M.top]);
  const step = Math.max(1, Math.ceil((n + 1) / 12));
  const xTicks = shares.filter((s) => s.length % step === 0).map((s) => s.length);
  const band = veitBand(n);
  const effective = shareBetween(shares, band.lo, band.hi);
  const central = centralRange(shares, 0.98);
  const bandX0 = x(band.lo);
  const bandX1 = x(Math.min(band.hi, n));
  const showBand = n >= band.lo && bandX0 !== undefined && bandX1 !== undefined;
  const bandName = `${band.lo}–${band.hi} blocks`;
  /** Where the band comes from, when it is not Veit et al.'s measurement itself. */
  const scaled = band.measured
    ? ''
    : ` (Veit et al.'s ${VEIT_EFFECTIVE.lo}–${VEIT_EFFECTIVE.hi} of ${VEIT_EFFECTIVE.blocks}, scaled)`;
  const label = `Bar chart: share of the ${format(',')(2 ** n).replace(/,/g, ' ')} paths of a ${n}-block residual network by the number of blocks they pass through. The distribution peaks at ${Math.floor(n / 2)} blocks; paths of ${band.lo} to ${band.hi} blocks${scaled} make up ${pct(effective)} of all paths.`;

  return (
    <div className="path-chart">
      <div className="depth-control">
        <label htmlFor={inputId}>Blocks in the network</label>
        <input
          id={inputId}
          type="range"
          min={1}
          max={MAX_CHART_BLOCKS}
          value={n}
          onChange={(e) => setN(Number(e.currentTarget.value))}
        />
        <output htmlFor={inputId}>{n === 1 ? '1 block' : `${n} blocks`}</output>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="chart">
        {showBand && (
          <g className="band">
            <rect
              x={bandX0}
              y={M.top}
              width={bandX1 + x.bandwidth() - bandX0}
              height={H - M.bottom - M.top}
            />
            <text x={bandX0} y={M.top - 8}>
              {band.measured ? bandName : `${bandName}, scaled`}
            </text>
          </g>
        )}
        {y.ticks(5).map((t) => (
          <g key={t} className="tick">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t) + 4} textAnchor="end">
              {format('.0%')(t)}
            </text>
          </g>
        ))}
        {shares.map((s) => (
          <rect
            key={s.length}
            className={`bar${s.length >= band.lo && s.length <= band.hi ? ' in-band' : ''}`}
            x={x(s.length)}
            width={x.bandwidth()}
            y={y(s.share)}
            height={Math.max(0, H - M.bottom - y(s.share))}
          />
        ))}
        {xTicks.map((t) => (
          <text
            key={t}
            className="tick"
            x={(x(t) ?? 0) + x.bandwidth() / 2}
            y={H - M.bottom + 16}
            textAnchor="middle"
          >
            {t}
          </text>
        ))}
        <text className="axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          path length (blocks passed through)
        </text>
      </svg>
      <p className="chart-readout" aria-live="polite">
        {n === 1 ? '1 block' : `${n} blocks`}: <PathCount n={n} /> paths; {pct(central.share)} of
        them pass through{' '}
        {central.lo === central.hi ? central.lo : `${central.lo} to ${central.hi}`} blocks. Paths of{' '}
        {bandName}
        {scaled}: {pct(effective)} of all paths.
      </p>
      <details className="data-table">
        <summary>The numbers behind the chart</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">path length k</th>
              <th scope="col">share of paths C(n, k)/2^n</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.length}>
                <td>{s.length}</td>
                <td>{format('.3~g')(s.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
