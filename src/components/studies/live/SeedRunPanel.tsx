/**
 * The live-run panel of a figure that shows one seed of its shipped results at a time: what a run
 * does, the seed (and any other) fields, and the run controls, which run the seed picked. The
 * controls are busy while the run starts or runs, and show no progress bar before the first run.
 * While a run runs, its status ends with the time left at the pace measured so far (timeLeft.ts).
 */
import type { ComponentProps, ReactNode } from 'react';
import { SelectField } from '../../common/fields';
import type { SeedFigure } from './figureHooks';
import { LiveActions } from './LiveActions';
import { secondsLeft, timeLeftWords } from './timeLeft';

/** The values a live run can take: `others` and the precomputed one, ascending. */
export const withPrecomputed = (shipped: number, others: readonly number[]): number[] =>
  [...new Set([...others, shipped])].sort((a, b) => a - b);

/** A field's format that marks the precomputed value: "24 (precomputed)". */
export const markPrecomputed =
  <T extends string | number>(shipped: T) =>
  (v: T): string =>
    v === shipped ? `${v} (precomputed)` : String(v);

/**
 * The panel of `figure` (useSeedFigure). Its seed field offers the spec's seeds and then its
 * held-out seeds, if it has any, marked as such. Its Run button says "`verb` (seed 2, `detail`)"
 * and runs `spec` on that seed alone; progress and status pass through to LiveActions.
 */
export function SeedRunPanel<
  Spec extends { seeds: readonly number[]; heldOutSeeds?: readonly number[] },
>({
  label,
  figure,
  verb,
  detail,
  spec = figure.file?.spec,
  fields,
  intro,
  progress,
  atMost = false,
  status,
  ...shown
}: Pick<ComponentProps<typeof LiveActions>, 'progressLabel' | 'status' | 'statusTestId'> & {
  /** The panel's accessible name. */
  label: string;
  figure: SeedFigure<Spec>;
  /** The Run button's words ("Run it yourself"), before the seed. */
  verb: string;
  /** What else the Run button names after the seed ("8 blocks"). */
  detail?: string;
  /** What a run runs, on the seed picked: the shipped spec unless given. */
  spec?: Spec;
  /** Fields after the seed's. */
  fields?: ReactNode;
  /** What a run does, above the fields. */
  intro: ReactNode;
  /** How far the run is, once there is one. */
  progress: { value: number; max: number } | 'indeterminate';
  /** Whether the work left is at most what progress says (a cap the run may stop short of). */
  atMost?: boolean;
}) {
  const { runner, live, seed } = figure;
  // The figures draw the panel once their file is there.
  if (!spec) return null;
  const left =
    live.status === 'running' && progress !== 'indeterminate'
      ? timeLeftWords(secondsLeft(live.clock, progress.max), { atMost })
      : '';
  const heldOut = spec.heldOutSeeds ?? [];
  // One seed, and no held-out seeds to run after it.
  const run = { ...spec, seeds: [seed], ...(spec.heldOutSeeds ? { heldOutSeeds: [] } : {}) };
  return (
    <div className="live-sweep" role="group" aria-label={label}>
      <p className="live-sweep-intro">{intro}</p>
      <div className="live-sweep-fields">
        <SelectField
          label="Seed"
          value={seed}
          values={[...spec.seeds, ...heldOut]}
          format={(s) => (heldOut.includes(s) ? `${s} (held out)` : String(s))}
          onChange={figure.setSeed}
        />
        {fields}
      </div>
      <LiveActions
        {...shown}
        status={left ? `${status} · ${left}` : status}
        busy={live.status === 'starting' || live.status === 'running'}
        runLabel={`${verb} (seed ${seed}${detail ? `, ${detail}` : ''})`}
        onRun={() => runner.start(run)}
        onCancel={() => runner.cancel()}
        progress={live.status === 'idle' ? null : progress}
      />
    </div>
  );
}
