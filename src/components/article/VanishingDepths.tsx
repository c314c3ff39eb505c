/**
 * The strip under the vanishing lab: the lab's plain and residual sigmoid nets trained at each depth of
 * VANISHING_DEPTHS on seeds 1–6 (`npm run claims`, claims.json), their final loss on the whole
 * training set. It answers the question the lab leaves open: at what depth does the plain net
 * stop fitting? (At 24 blocks it never does; a reader looking for the depth where it breaks
 * would otherwise find none.)
 */
import claimsJson from '../../model/labs/claims.json';
import type { ClaimsData, DepthRuns } from '../../model/labs/claims';
import { DepthPlot, PLOT_COLORS, type DepthGroup } from '../plots';

const CLAIMS = claimsJson as unknown as ClaimsData;

const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One arm of the strip: a dot per seed, the median over seeds per depth. */
export function vanishingGroup(
  id: 'plain' | 'residual',
  runs: DepthRuns,
  blocks: readonly number[],
  seeds: readonly number[],
  heldOut: readonly number[],
): DepthGroup {
  // A diverged run has no finite loss: it is listed, not drawn (DepthPlot), and counts as chance.
  const loss = (v: number | null) => (v === null ? Math.log(2) : v);
  return {
    id,
    label: id === 'plain' ? 'plain (A)' : 'residual (B)',
    color: id === 'plain' ? PLOT_COLORS.a : PLOT_COLORS.b,
    points: blocks.flatMap((b, d) =>
      seeds.map((seed, s) => ({
        x: b,
        y: runs.trainLoss[d]![s] ?? NaN,
        label: `${seed}${heldOut.includes(seed) ? ' (held out)' : ''}`,
      })),
    ),
    medians: blocks.map((b, d) => ({ x: b, y: median(runs.trainLoss[d]!.map(loss)) })),
  };
}

/** The strip's two groups, from claims.json. */
export function vanishingGroups(data = CLAIMS.vanishingDepths, heldOut = CLAIMS.heldOutSeeds) {
  return (['plain', 'residual'] as const).map((arm) =>
    vanishingGroup(arm, data[arm], data.blocks, data.seeds, heldOut),
  );
}

const LOSS_DOMAIN: [number, number] = [0, 0.8];

/** `lab`: the lab's name as the article numbers it ("Lab 1"). */
export function VanishingDepths({ lab }: { lab: string }) {
  const { seeds } = CLAIMS.vanishingDepths;
  return (
    <div className="lab-strip" id="vanishing-depths">
      <DepthPlot
        title={`Where the plain network stops fitting: ${lab}'s networks at other depths`}
        xLabel="blocks"
        yLabel="training loss"
        groups={vanishingGroups()}
        yDomain={LOSS_DOMAIN}
        note={`Final loss on the whole training set, seeds ${seeds[0]}–${seeds.at(-1)}; chance is 0.69. Precomputed for this page by the same engine as the lab.`}
        height={200}
        runsLabel="by seed"
      />
    </div>
  );
}
