/**
 * The live-run panel of a figure that shows one seed of its shipped results at a time: what a run
 * does, the seed (and any other) fields, and the run controls, which run the seed picked. The
 * controls are busy while the run starts or runs, and show no progress bar before the first run.
 */
import type { ComponentProps, ReactNode } from 'react';
import { SelectField } from '../lab/fields';
import type { SeedFigure } from './figureHooks';
import { LiveActions } from './LiveActions';

/**
 * The panel of `figure` (useSeedFigure). Its Run button says "`verb` (seed 2, `detail`)" and runs
 * `spec` on that seed; progress and status pass through to LiveActions.
 */
export function SeedRunPanel<Spec extends { seeds: readonly number[] }>({
  label,
  figure,
  verb,
  detail,
  spec = figure.file?.spec,
  fields,
  intro,
  progress,
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
}) {
  const { runner, live, seed } = figure;
  // The figures draw the panel once their file is there.
  if (!spec) return null;
  return (
    <div className="live-sweep" role="group" aria-label={label}>
      <p className="live-sweep-intro">{intro}</p>
      <div className="live-sweep-fields">
        <SelectField label="Seed" value={seed} values={spec.seeds} onChange={figure.setSeed} />
        {fields}
      </div>
      <LiveActions
        {...shown}
        busy={live.status === 'starting' || live.status === 'running'}
        runLabel={`${verb} (seed ${seed}${detail ? `, ${detail}` : ''})`}
        onRun={() => runner.start({ ...spec, seeds: [seed] })}
        onCancel={() => runner.cancel()}
        progress={live.status === 'idle' ? null : progress}
      />
    </div>
  );
}
