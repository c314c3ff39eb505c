/**
 * The thousand-layer figure: residual nets of 500 blocks, original against pre-activation blocks,
 * trained side by side at a range of learning rates. It opens from the results shipped with the
 * app (public/sweeps/, made by `npm run sweep -- --thousand-layers`): each order's final training
 * loss against the learning rate, and for the optimizer, rate and seed the reader picks the
 * training curves of both orders and the gradient reaching each block. "Train it live" trains
 * that pair in a worker, step by step, at the shipped depth or at a smaller one that finishes
 * sooner, and draws it in darker lines beside the shipped curves.
 */
import { useMemo, useState, useRef } from 'react';
import {
  DEEP_FITS,
  DEEP_OPTIMIZERS,
  allSeeds,
  deepPair,
  findTrace,
  fittingRates,
  profileBlocks,
  THOUSAND_LAYERS_FILE,
  type DeepFile,
  type DeepOptimizer,
  type DeepRun,
} from '../../../model/studies/thousand-layers/spec';
import { SelectField } from '../../common/fields';
import { CurvePlot, DepthPlot, LayerProfilePlot } from '../../plots';
import { DeepRunner, deepStatusText } from './thousandLayersRunner';
import { fetchShipped, useRunner, useShipped, type LiveFigureProps } from '../live/figureHooks';
import { Figure } from '../../article/Figure';
import { LiveActions } from '../live/LiveActions';
import { Precomputed, ShippedStatus } from '../live/ShippedStatus';
import {
  deepCurves,
  deepProfiles,
  describeDeep,
  fittingInWords,
  listInWords,
  OPTIMIZER_LABEL,
  rateGroups,
} from './thousandLayersData';
import { liveDepths, liveRunText, openingDepth, profileAxis } from './thousandLayersLive';

/** Reads the shipped comparison from the page's own origin. */
export async function loadShippedDeep(): Promise<DeepFile> {
  return fetchShipped<DeepFile>(THOUSAND_LAYERS_FILE, "the comparison's results");
}

const fixed = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
/** The rate axis stops above chance: a run that learned nothing sits near its top. */
const LOSS_DOMAIN: [number, number] = [0, 0.8];

/**
 * The learning rate of SGD with momentum the figure opens at: the highest at which the
 * pre-activation net fits on every reported seed and the original does not (where the two
 * orders part), else the spec's middle rate.
 */
export function openingRate(file: Pick<DeepFile, 'spec' | 'traces'>): number {
  const pre = fittingRates(file, 'momentum', 'pre');
  const post = fittingRates(file, 'momentum', 'post');
  const parted = pre.filter((r) => !post.includes(r));
  const rates = file.spec.learningRates.momentum;
  return parted.at(-1) ?? rates[Math.floor(rates.length / 2)] ?? 0.01;
}

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function ThousandLayersFigure({
  load = loadShippedDeep,
  makeWorker,
  label,
}: LiveFigureProps<DeepFile>) {
  const where = useRef<HTMLElement>(null);
  const loaded = useShipped(load, where);
  const [optimizer, setOptimizer] = useState<DeepOptimizer>('momentum');
  // The rate picked for each optimizer (null: the figure's opening rate, once the file is in).
  const [picked, setPicked] = useState<Partial<Record<DeepOptimizer, number>>>({});
  const [seed, setSeed] = useState(1);
  // The depth of the next live run (null: the smallest offered, once the file is in).
  const [depthPicked, setDepth] = useState<number | null>(null);
  const [runner, live] = useRunner(() => new DeepRunner(makeWorker));

  const file = loaded && 'file' in loaded ? loaded.file : null;
  const blocks = file?.spec.base.blocks ?? 0;
  const depth = depthPicked ?? openingDepth(blocks);
  const rates = file ? file.spec.learningRates[optimizer] : [];
  const learningRate =
    picked[optimizer] ?? (optimizer === 'momentum' && file ? openingRate(file) : rates[0]) ?? 0;
  const run: DeepRun = useMemo(
    () => ({ optimizer, learningRate, seed }),
    [optimizer, learningRate, seed],
  );
  // The live run is drawn only under the optimizer, rate and seed it was trained with, at the
  // depth it was trained at (the depth field sets the next run's).
  const liveShown =
    live.optimizer === optimizer && live.learningRate === learningRate && live.seed === seed;
  const plots = useMemo(() => {
    if (!file) return null;
    const drawn = liveShown && live.stepsDone > 0;
    // The reader's profiles are drawn once the run is done, if they share the shipped axis.
    const axis = (drawn && live.traces && profileAxis(blocks, live.blocks)) || null;
    return {
      rates: rateGroups(file, 'momentum'),
      curves: deepCurves(file.traces, run, drawn ? live.losses : []),
      profiles: deepProfiles(file.traces, run, axis ? live.traces! : []),
      axis: axis ?? profileAxis(blocks, null)!,
      // Where the reader's run is at another depth than the shipped one, the plots say so.
      curvesNote: drawn ? depthNote(blocks, live.blocks) : '',
      profilesNote: axis ? depthNote(blocks, live.blocks) : '',
      profilesMine: axis !== null,
    };
  }, [file, run, live, liveShown, blocks]);

  const busy = !['idle', 'done', 'cancelled', 'failed'].includes(live.status);
  const train = () => {
    if (!file) return;
    const spec = { ...file.spec, base: { ...file.spec.base, blocks: depth } };
    runner.start(deepPair(spec, run), file.spec.base.steps);
  };
  const post = file ? findTrace(file.traces, run, 'post') : undefined;
  const pre = file ? findTrace(file.traces, run, 'pre') : undefined;
  const heldOut = (s: number) => file?.spec.heldOutSeeds.includes(s) ?? false;
  return (
    <Figure
      figureRef={where}
      wide
      id="thousand-layers"
      label={label}
      caption={
        <>
          A thousand layers on a toy task: original blocks (blue) against pre-activation blocks
          (orange), same weights, data and batches, over a range of learning rates.{' '}
          {file ? (
            <>
              Configuration: {describeDeep(file.spec)}. The first plot shows each run&apos;s loss on
              the whole training set after the last step (batch norm in inference mode) under SGD
              with momentum, a dot per seed ({listInWords(file.spec.seeds)}) and a line through the
              medians. The other two show the run picked above: single-batch losses (log scale), and
              the gradient reaching the input of every {everyBlock(file.spec.base.blocks)} at step 0
              (dashed) and at the last step. <Precomputed backend={file.backend} />
            </>
          ) : null}
        </>
      }
    >
      <ShippedStatus loaded={loaded} what="the comparison's results" />
      {file && plots ? (
        <>
          <div className="live-sweep" role="group" aria-label="Choose and train the comparison">
            <p className="live-sweep-intro">
              Pick an optimiser, a learning rate and a seed to see its runs. &ldquo;Train it
              live&rdquo; trains the same pair in your browser, a step of both nets at a time: at{' '}
              {blocks} blocks it repeats the precomputed run, at a smaller depth it trains a new
              configuration sooner. Once the first steps are timed it says how long is left, and you
              can cancel at any point.
            </p>
            <div className="live-sweep-fields">
              <SelectField
                label="Optimiser"
                value={optimizer}
                values={DEEP_OPTIMIZERS.filter((o) => file.spec.optimizers.includes(o))}
                format={(o) => OPTIMIZER_LABEL[o]}
                onChange={setOptimizer}
              />
              <SelectField
                label="Learning rate"
                value={learningRate}
                values={rates}
                onChange={(r) => setPicked({ ...picked, [optimizer]: r })}
                disabled={rates.length < 2}
              />
              <SelectField
                label="Seed"
                value={seed}
                values={allSeeds(file.spec)}
                format={(s) => (heldOut(s) ? `${s} (held out)` : String(s))}
                onChange={setSeed}
              />
              <SelectField
                label="Depth of your run"
                value={depth}
                values={liveDepths(blocks)}
                format={(d) => `${d} blocks${d === blocks ? ' (precomputed)' : ''}`}
                onChange={setDepth}
                disabled={liveDepths(blocks).length < 2}
              />
            </div>
            <p className="deep-readout" data-testid="deep-readout">
              After {file.spec.base.steps} steps, training loss on the whole training set (batch
              norm in inference mode): original {fixed(post?.final.trainLoss)}, pre-activation{' '}
              {fixed(pre?.final.trainLoss)}. Chance is 0.693.
            </p>
            <p className="deep-readout" data-testid="deep-range">
              Under SGD with momentum, the rates at which a net fits the spiral (final training loss
              below {DEEP_FITS}) on seeds {listInWords(file.spec.seeds)}:{' '}
              {fittingInWords(file, 'momentum')}.
            </p>
            <LiveActions
              busy={busy}
              runLabel={`Train it live (${depth} blocks, ${file.spec.base.steps} steps)`}
              onRun={train}
              onCancel={() => runner.cancel()}
              progress={
                live.status === 'idle'
                  ? null
                  : live.stepsDone > 0 || !busy
                    ? { value: live.stepsDone, max: Math.max(1, live.steps) }
                    : 'indeterminate'
              }
              progressLabel="Training progress"
              status={
                deepStatusText(live) +
                (liveShown && live.status !== 'idle' ? liveRunText(file, run, live) : '') +
                (live.status !== 'idle' && !liveShown
                  ? ` (trained with ${OPTIMIZER_LABEL[live.optimizer!]} at ${live.learningRate}, seed ${live.seed}: pick them to see it)`
                  : '')
              }
              statusTestId="deep-status"
            />
          </div>
          <div className="figure-plots">
            <DepthPlot
              title="Final training loss against learning rate"
              xLabel="learning rate"
              yLabel="training loss"
              groups={plots.rates}
              yDomain={LOSS_DOMAIN}
              note={`SGD with momentum. Chance is 0.69; a net below ${DEEP_FITS} fits the spiral.`}
              runsLabel="by seed"
            />
            <CurvePlot
              title={`Training loss at ${blocks} blocks${plots.curvesNote}`}
              xLabel="step"
              yLabel="batch loss"
              yScale="log"
              series={plots.curves}
            />
            <LayerProfilePlot
              title={`Gradient reaching each block${plots.profilesNote}`}
              layerLabels={plots.axis.labels}
              series={plots.profiles}
              yLabel="‖∂L/∂xₗ‖"
              xLabel={plots.axis.xLabel}
              // The reader's two lines add a row or two to the legend: the plot keeps its height.
              height={plots.profilesMine ? 350 : undefined}
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}

/** " (your run: 100 blocks)" where the reader's run is not at the shipped depth, else "". */
const depthNote = (shipped: number, yours: number) =>
  yours === shipped ? '' : ` (your run: ${yours} blocks)`;

/** "block" or "fifth block": which block inputs the profile records. */
function everyBlock(blocks: number): string {
  const [first = 0, second = 1] = profileBlocks(blocks);
  const stride = second - first;
  return stride === 1 ? 'block' : `${ORDINAL[stride] ?? `${stride}th`} block`;
}
const ORDINAL: Record<number, string> = { 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth' };
