/**
 * The thousand-layer figure: residual nets of 500 blocks, original against pre-activation blocks,
 * trained side by side. It opens from the results shipped with the app (public/sweeps/, made by
 * `npm run sweep -- --thousand-layers`): the training curves of both orders and the gradient
 * reaching each block, under the optimizer and seed the reader picks. "Train it live" trains the
 * same pair in a worker, step by step, and draws it over the shipped curves.
 */
import { useMemo, useState, useRef } from 'react';
import {
  DEEP_LEARNING_RATE,
  DEEP_OPTIMIZERS,
  deepPair,
  findTrace,
  THOUSAND_LAYERS_FILE,
  type DeepFile,
  type DeepOptimizer,
} from '../../model/deep-spec';
import { SelectField } from '../lab/fields';
import { CurvePlot, LayerProfilePlot } from '../plots';
import { DeepRunner, deepStatusText } from './deepRunner';
import { fetchShipped, useRunner, useShipped } from './figureHooks';
import { Figure } from './Figure';
import { LiveActions } from './LiveActions';
import { Precomputed, ShippedStatus } from './ShippedStatus';
import { signalLabels } from '../lab/labels';
import type { SweepWorkerFactory } from './sweepRunner';
import { deepCurves, deepProfiles, describeDeep, OPTIMIZER_LABEL } from './thousandLayersData';

/** Reads the shipped comparison from the page's own origin. */
export async function loadShippedDeep(): Promise<DeepFile> {
  return fetchShipped<DeepFile>(THOUSAND_LAYERS_FILE, "the comparison's results");
}

const fixed = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

/** `load` and `makeWorker` replace the fetch and the worker in tests. */
export function ThousandLayersFigure({
  load = loadShippedDeep,
  makeWorker,
}: {
  load?: () => Promise<DeepFile>;
  makeWorker?: SweepWorkerFactory;
}) {
  const where = useRef<HTMLElement>(null);
  const loaded = useShipped(load, where);
  const [optimizer, setOptimizer] = useState<DeepOptimizer>('momentum');
  const [seed, setSeed] = useState(1);
  const [runner, live] = useRunner(() => new DeepRunner(makeWorker));

  const file = loaded && 'file' in loaded ? loaded.file : null;
  // The live run is drawn only under the optimizer and seed it was trained with.
  const liveShown = live.optimizer === optimizer && live.seed === seed;
  const plots = useMemo(() => {
    if (!file) return null;
    const liveTraces = liveShown && live.traces ? live.traces : null;
    return {
      curves: deepCurves(file.traces, optimizer, seed, liveShown ? live.losses : []),
      profiles: deepProfiles(liveTraces ?? file.traces, optimizer, seed),
      profileSource: liveTraces ? 'your run' : 'precomputed run',
    };
  }, [file, optimizer, seed, live, liveShown]);

  const busy = !['idle', 'done', 'cancelled', 'failed'].includes(live.status);
  const train = () => {
    if (file) runner.start(deepPair(file.spec, optimizer, seed), file.spec.base.steps);
  };
  const post = file ? findTrace(file.traces, optimizer, seed, 'post') : undefined;
  const pre = file ? findTrace(file.traces, optimizer, seed, 'pre') : undefined;
  return (
    <Figure
      figureRef={where}
      wide
      id="thousand-layers"
      caption={
        <>
          A thousand layers on a toy task: original blocks (blue) against pre-activation blocks
          (orange), same weights, data and batches.{' '}
          {file ? (
            <>
              Configuration: {describeDeep(file.spec, optimizer, DEEP_LEARNING_RATE[optimizer])},{' '}
              {file.spec.seeds.length === 1 ? 'seed' : 'seeds'} {file.spec.seeds.join(', ')}. The
              curves are single-batch losses (log scale); the profile is the gradient reaching each
              block&apos;s input, at step 0 (dashed) and at the last step.{' '}
              <Precomputed backend={file.backend} />
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
              Pick an optimiser and a seed to see its runs. &ldquo;Train it live&rdquo; trains the
              same pair in your browser, a step of both nets at a time: at {file.spec.base.blocks}{' '}
              blocks that takes minutes, and you can cancel at any point.
            </p>
            <div className="live-sweep-fields">
              <SelectField
                label="Optimiser"
                value={optimizer}
                values={DEEP_OPTIMIZERS}
                format={(o) => `${OPTIMIZER_LABEL[o]} (${DEEP_LEARNING_RATE[o]})`}
                onChange={setOptimizer}
              />
              <SelectField label="Seed" value={seed} values={file.spec.seeds} onChange={setSeed} />
            </div>
            <p className="deep-readout" data-testid="deep-readout">
              After {file.spec.base.steps} steps, training loss on the whole training set (batch
              norm in inference mode): original {fixed(post?.final.trainLoss)}, pre-activation{' '}
              {fixed(pre?.final.trainLoss)}. Chance is 0.693.
            </p>
            <LiveActions
              busy={busy}
              runLabel={`Train it live (${file.spec.base.steps} steps)`}
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
                (live.status !== 'idle' && !liveShown
                  ? ` (trained with ${OPTIMIZER_LABEL[live.optimizer!]}, seed ${live.seed}: pick them to see it)`
                  : '')
              }
              statusTestId="deep-status"
            />
          </div>
          <div className="figure-plots">
            <CurvePlot
              title={`Training loss at ${file.spec.base.blocks} blocks`}
              xLabel="step"
              yLabel="batch loss"
              yScale="log"
              series={plots.curves}
            />
            <LayerProfilePlot
              title={`Gradient reaching each block (${plots.profileSource})`}
              layerLabels={signalLabels(file.spec.base.blocks + 1)}
              series={plots.profiles}
              yLabel="‖∂L/∂xₗ‖"
              xLabel="block input xₗ (input → output)"
            />
          </div>
        </>
      ) : null}
    </Figure>
  );
}
