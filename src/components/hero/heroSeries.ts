/**
 * What the opening figure's plots draw, from its settings and what its worker has measured for
 * them (`live`, null until the worker has answered for exactly these settings). Where the two
 * meet: a uniform net's step 0 is always the precomputed profile (the worker's would be the same
 * numbers), a net with single shortcuts cut has only the worker's, and once the net has trained
 * the worker's latest profile is drawn over its step 0.
 */
import { PLOT_COLORS, type CurveSeries, type Series } from '../plots';
import type { RunSeries } from '../lab/run/runHistory';
import { precomputedProfile } from './heroData';
import { cutCount, uniformSkip, type HeroState } from './heroState';

/** Residual nets in the vanishing lab's colour for B, plain ones in A's; a mixed net apart. */
export const HERO_COLORS = {
  identity: PLOT_COLORS.b,
  none: PLOT_COLORS.a,
  mixed: '#6a3d9a',
} as const;

const NAMES = { identity: 'with shortcuts', none: 'without shortcuts' } as const;

/** The net in a few words, as the legend names it: "with shortcuts", "3 of 24 shortcuts cut". */
export function netName(state: HeroState): string {
  const u = uniformSkip(state);
  return u ? NAMES[u] : `${cutCount(state)} of ${state.blocks} shortcuts cut`;
}

export interface HeroProfile {
  series: Series[];
  /** The net's own step-0 profile is not known yet: the worker is computing it. */
  pending: boolean;
  /** The step of the solid profile (0 until the net has trained). */
  step: number;
}

/** The gradient profile plot's series; see the module comment. */
export function heroProfile(state: HeroState, live: RunSeries | null): HeroProfile {
  const u = uniformSkip(state);
  const color = HERO_COLORS[u ?? 'mixed'];
  const name = netName(state);
  const latest = live?.latest;
  if (latest && live.step0 && latest.step > 0)
    return {
      series: [
        { id: 'now', label: `${name}, step ${latest.step}`, color, values: latest.gradNorms },
        {
          id: 'init',
          label: `${name}, step 0`,
          color,
          values: live.step0.gradNorms,
          dashed: true,
          faint: true,
        },
      ],
      pending: false,
      step: latest.step,
    };

  const own = u ? precomputedProfile(u, state.blocks) : (live?.step0?.gradNorms ?? null);
  const series: Series[] = own ? [{ id: 'now', label: name, color, values: own }] : [];
  // The other switch position (both, for a mixed net) faint behind it, so that a reader without
  // scripts sees the comparison too.
  for (const other of ['identity', 'none'] as const) {
    if (other === u) continue;
    const values = precomputedProfile(other, state.blocks);
    if (values)
      series.push({
        id: other,
        label: NAMES[other],
        color: HERO_COLORS[other],
        values,
        faint: true,
      });
  }
  return { series, pending: own === null, step: 0 };
}

/**
 * The loss curves once the net has trained (before, a lone step-0 point says nothing): every
 * step's batch, and the whole training set every EVAL_EVERY steps.
 */
export function heroLoss(live: RunSeries | null, color: string): CurveSeries[] {
  if (!live || (live.latest?.step ?? 0) === 0) return [];
  const out: CurveSeries[] = [
    {
      id: 'batch',
      label: "the step's batch",
      color: PLOT_COLORS.reference,
      x: live.loss.steps,
      y: live.loss.rows,
    },
  ];
  if (live.evals.length > 0)
    out.push({
      id: 'train',
      label: 'whole training set',
      color,
      x: live.evals.map((e) => e.step),
      y: live.evals.map((e) => e.value.trainLoss),
    });
  return out;
}
