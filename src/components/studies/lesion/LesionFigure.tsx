/**
 * The lesion figure: a trained plain and a trained residual net of 24 blocks, taken apart block
 * by block at test time (Veit et al. 2016). It opens from the study shipped with the app
 * (public/sweeps/, made by `npm run sweep -- --lesion`); the reader picks the seed, and the depth
 * of a live study, which is drawn beside the precomputed one and compared with it at its depth.
 */
import { useMemo, useState } from 'react';
import { LESION_FILE, type LesionFile } from '../../../model/studies/lesion/spec';
import { CurvePlot } from '../../plots';
import { SelectField } from '../../common/fields';
import { fetchShipped, useSeedFigure, type LiveFigureProps } from '../live/figureHooks';
import { comparisonText, depthNote } from '../live/liveComparison';
import { LesionRunner, lesionProgress, lesionStatusText } from './lesionRunner';
import { Katex } from '../../Katex';
import { Figure } from '../../article/Figure';
import { markPrecomputed, SeedRunPanel, withPrecomputed } from '../live/SeedRunPanel';
import { ShippedConfiguration } from '../live/ShippedConfiguration';
import { ShippedStatus } from '../live/ShippedStatus';
import {
  describeLesion,
  LIVE_LESION_DEPTHS,
  lesionComparison,
  lesionSpecAt,
  randomDeletions,
  singleDeletions,
} from './lesionData';

/** Reads the shipped study from the page's own origin. */
export const loadShippedLesion = () => fetchShipped<LesionFile>(LESION_FILE, 'the lesion study');

const ERROR_DOMAIN: [number, number] = [0, 1];

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function LesionFigure({
  load = loadShippedLesion,
  makeWorker,
  now,
  label,
}: LiveFigureProps<LesionFile>) {
  const figure = useSeedFigure(load, () => new LesionRunner(makeWorker, now));
  const { where, loaded, file, live, seed } = figure;
  // The depth of a live study: the precomputed one until the reader picks another.
  const [picked, setDepth] = useState<number | null>(null);
  const shippedBlocks = file?.spec.base.blocks ?? 0;
  const depth = picked ?? shippedBlocks;
  const plots = useMemo(() => {
    if (!file) return null;
    // The reader's run is drawn under the seed it was trained with, beside the precomputed one.
    const liveRuns = live.seed === seed ? live.runs : [];
    return {
      single: [...singleDeletions(file.runs, seed), ...singleDeletions(liveRuns, seed, true)],
      random: [...randomDeletions(file.runs, seed), ...randomDeletions(liveRuns, seed, true)],
      note: liveRuns.length ? depthNote(live.blocks, file.spec.base.blocks) : undefined,
    };
  }, [file, seed, live.seed, live.blocks, live.runs]);
  const ended = live.status === 'done' || live.status === 'cancelled';
  return (
    <Figure
      figureRef={where}
      wide
      id="lesion"
      label={label}
      caption={
        <>
          Deleting blocks of trained networks at test time, <Katex tex="x_{l+1} = x_l" punct=":" />{' '}
          one block at a time (first plot), and k blocks drawn at random (second plot, mean over the
          draws).
          <ShippedConfiguration file={file} describe={describeLesion}>
            Test error with batch norm in inference mode, using the intact network&apos;s
            statistics. Chance is 50%.
          </ShippedConfiguration>
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the lesion study" />
      {file && plots ? (
        <>
          <SeedRunPanel
            label="Run the lesion study yourself"
            figure={figure}
            verb="Run it yourself"
            detail={`${depth} blocks`}
            spec={lesionSpecAt(file.spec, depth)}
            fields={
              <SelectField
                label="Depth (blocks)"
                value={depth}
                values={withPrecomputed(shippedBlocks, LIVE_LESION_DEPTHS)}
                format={markPrecomputed(shippedBlocks)}
                onChange={setDepth}
              />
            }
            intro={
              <>
                Pick a seed to see its networks. &ldquo;Run it yourself&rdquo; trains both networks
                of that seed, at the depth picked, in your browser and takes them apart; your run is
                drawn with circles beside the precomputed one.
              </>
            }
            progress={{ value: lesionProgress(live), max: Math.max(1, live.total) }}
            progressLabel="Lesion study progress"
            status={
              lesionStatusText(live) +
              (ended && live.blocks
                ? comparisonText(lesionComparison(file, live.runs, live.blocks), 'test errors')
                : '')
            }
            statusTestId="lesion-status"
          />
          <div className="figure-plots">
            <CurvePlot
              title="Test error with one block deleted"
              xLabel="block deleted"
              yLabel="test error"
              yDomain={ERROR_DOMAIN}
              series={plots.single}
              note={plots.note}
            />
            <CurvePlot
              title="Test error with k random blocks deleted"
              xLabel="blocks deleted"
              yLabel="mean test error"
              yDomain={ERROR_DOMAIN}
              series={plots.random}
              note={plots.note}
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
