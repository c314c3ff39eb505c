/**
 * The lesion figure: a trained plain and a trained residual net of 24 blocks, taken apart block
 * by block at test time (Veit et al. 2016). It opens from the study shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --lesion`); the reader picks the seed.
 */
import { useMemo, useState, useRef } from 'react';
import { LESION_FILE, type LesionFile } from '../../model/lesion-spec';
import { SelectField } from '../lab/fields';
import { CurvePlot } from '../plots';
import { fetchShipped, useRunner, useShipped } from './figureHooks';
import { LesionRunner, lesionStatusText } from './lesionRunner';
import type { SweepWorkerFactory } from './workerRunner';
import { Katex } from '../Katex';
import { Figure } from './Figure';
import { LiveActions } from './LiveActions';
import { Precomputed, ShippedStatus } from './ShippedStatus';
import { describeLesion, randomDeletions, singleDeletions } from './lesionData';

/** Reads the shipped study from the page's own origin. */
export async function loadShippedLesion(): Promise<LesionFile> {
  return fetchShipped<LesionFile>(LESION_FILE, 'the lesion study');
}

const ERROR_DOMAIN: [number, number] = [0, 1];

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function LesionFigure({
  load = loadShippedLesion,
  makeWorker,
}: {
  load?: () => Promise<LesionFile>;
  makeWorker?: SweepWorkerFactory;
}) {
  const where = useRef<HTMLElement>(null);
  const loaded = useShipped(load, where);
  const [seed, setSeed] = useState(1);
  const [runner, live] = useRunner(() => new LesionRunner(makeWorker));
  const file = loaded && 'file' in loaded ? loaded.file : null;
  const plots = useMemo(() => {
    // The reader's run is drawn under the seed it was trained with.
    const liveRuns = live.seed === seed ? live.runs : [];
    return (
      file && {
        single: [...singleDeletions(file.runs, seed), ...singleDeletions(liveRuns, seed, true)],
        random: [...randomDeletions(file.runs, seed), ...randomDeletions(liveRuns, seed, true)],
      }
    );
  }, [file, seed, live.seed, live.runs]);
  const busy = live.status === 'starting' || live.status === 'running';
  return (
    <Figure
      figureRef={where}
      wide
      id="lesion"
      caption={
        <>
          Deleting blocks of trained networks at test time, <Katex tex="x_{l+1} = x_l" />: one block
          at a time (first plot), and k blocks drawn at random (second plot, mean over the draws).
          {file ? (
            <>
              {' '}
              Configuration: {describeLesion(file.spec)}; seeds {file.spec.seeds.join(', ')}. Test
              error with batch norm in inference mode, using the intact network&apos;s statistics.
              Chance is 50%. <Precomputed backend={file.backend} />
            </>
          ) : null}
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the lesion study" />
      {file && plots ? (
        <>
          <div className="live-sweep" role="group" aria-label="Run the lesion study yourself">
            <p className="live-sweep-intro">
              Pick a seed to see its networks. &ldquo;Run it yourself&rdquo; trains both networks of
              that seed in your browser and takes them apart, in seconds.
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
                  : {
                      value:
                        live.done + (live.current ? live.current.step / live.current.steps : 0),
                      max: Math.max(1, live.total),
                    }
              }
              progressLabel="Lesion study progress"
              status={lesionStatusText(live)}
              statusTestId="lesion-status"
            />
          </div>
          <div className="figure-plots">
            <CurvePlot
              title="Test error with one block deleted"
              xLabel="block deleted"
              yLabel="test error"
              yDomain={ERROR_DOMAIN}
              series={plots.single}
            />
            <CurvePlot
              title="Test error with k random blocks deleted"
              xLabel="blocks deleted"
              yLabel="mean test error"
              yDomain={ERROR_DOMAIN}
              series={plots.random}
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
