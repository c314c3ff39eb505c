/**
 * The loss-landscape figure (Li et al. 2018): the training loss on a plane through the weights of
 * a trained plain and a trained residual net of 16 blocks, side by side on one colour scale. It
 * opens from the slices shipped with the app (public/sweeps/, made by
 * `npm run sweep -- --landscape`); the reader picks the seed and can make them again live.
 */
import { useMemo, useState, useRef } from 'react';
import { LANDSCAPE_FILE, type LandscapeFile } from '../../model/landscape-spec';
import { SelectField } from '../lab/fields';
import { LandscapePlot } from '../plots';
import { fetchShipped, useRunner, useShipped } from './figureHooks';
import { LandscapeRunner, landscapeProgress, landscapeStatusText } from './landscapeRunner';
import type { SweepWorkerFactory } from './workerRunner';
import { Figure } from './Figure';
import { LiveActions } from './LiveActions';
import { Precomputed, ShippedStatus } from './ShippedStatus';
import { describeLandscape, describeSlice, landscapeOf, sharedScale } from './landscapeData';

/** Reads the shipped slices from the page's own origin. */
export async function loadShippedLandscape(): Promise<LandscapeFile> {
  return fetchShipped<LandscapeFile>(LANDSCAPE_FILE, 'the loss landscapes');
}

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function LandscapeFigure({
  load = loadShippedLandscape,
  makeWorker,
}: {
  load?: () => Promise<LandscapeFile>;
  makeWorker?: SweepWorkerFactory;
}) {
  const where = useRef<HTMLElement>(null);
  const loaded = useShipped(load, where);
  const [seed, setSeed] = useState(1);
  const [runner, live] = useRunner(() => new LandscapeRunner(makeWorker));
  const file = loaded && 'file' in loaded ? loaded.file : null;
  const view = useMemo(() => {
    if (!file) return null;
    // The reader's slices replace the shipped ones of the seed they were made on.
    const mine = live.seed === seed ? live.runs : [];
    const runs = (['plain', 'residual'] as const).flatMap((arm) => {
      const r = landscapeOf(mine, seed, arm) ?? landscapeOf(file.runs, seed, arm);
      return r ? [{ run: r, live: mine.includes(r) }] : [];
    });
    return { runs, ...sharedScale(runs.map((r) => r.run)) };
  }, [file, seed, live.seed, live.runs]);
  const busy = live.status === 'starting' || live.status === 'running';
  return (
    <Figure
      figureRef={where}
      wide
      id="landscape"
      caption={
        <>
          The training loss on a plane through a trained network&apos;s weights: at (a, b) the net
          has weights θ* + a·δ + b·η, with δ and η random directions, each output unit&apos;s part
          scaled to the length of that unit&apos;s trained weights (filter normalisation, Li et al.
          2018); biases and batch-norm parameters stay as trained. The cross marks the trained net.
          Both plots share one log colour scale and the same contour levels. Batch norm uses each
          point&apos;s own statistics over the points evaluated.
          {file ? (
            <>
              {' '}
              Configuration: {describeLandscape(file.spec)}; seeds {file.spec.seeds.join(', ')}.{' '}
              <Precomputed backend={file.backend} />
            </>
          ) : null}
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the loss landscapes" />
      {file && view ? (
        <>
          <div className="live-sweep" role="group" aria-label="Slice the landscapes yourself">
            <p className="live-sweep-intro">
              Pick a seed to see its two networks. &ldquo;Run it yourself&rdquo; trains both in your
              browser and evaluates the loss at all {file.spec.grid * file.spec.grid} points of each
              plane, in about fifteen seconds.
            </p>
            <div className="live-sweep-fields">
              <SelectField label="Seed" value={seed} values={file.spec.seeds} onChange={setSeed} />
            </div>
            <LiveActions
              busy={busy}
              runLabel={`Run it yourself (seed ${seed})`}
              onRun={() => runner.start({ ...file.spec, seeds: [seed] })}
              onCancel={() => runner.cancel()}
              progress={
                live.status === 'idle'
                  ? null
                  : { value: landscapeProgress(live), max: Math.max(1, live.netsTotal) }
              }
              progressLabel="Loss-landscape progress"
              status={landscapeStatusText(live)}
              statusTestId="landscape-status"
            />
          </div>
          <ul className="deep-readout" data-testid="landscape-readout">
            {view.runs.map(({ run, live: mine }) => (
              <li key={run.arm}>
                {describeSlice(run)}
                {mine ? ' (your run)' : ''}.
              </li>
            ))}
          </ul>
          <div className="figure-plots">
            {view.runs.map(({ run, live: mine }) => (
              <LandscapePlot
                key={run.arm}
                title={`${run.arm === 'plain' ? 'Plain' : 'Residual'} net, seed ${run.seed}${mine ? ', your run' : ''}`}
                losses={run.result.losses}
                grid={run.result.grid}
                span={run.result.span}
                scale={view.scale}
                levels={view.levels}
              />
            ))}
          </div>
        </>
      ) : null}
    </Figure>
  );
}
