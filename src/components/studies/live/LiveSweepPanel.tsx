/**
 * "Run it yourself" for the degradation figure: the settings a reader may change (data,
 * optimizer, activation, batch norm, steps; each optimizer at the shipped sweep's rate for it), a Run/Cancel button, and while a sweep trains a
 * progress bar naming the run in training and the time left. The sweep itself runs in its own
 * worker (sweepRunner.ts); the figure draws its points next to the shipped ones.
 */
import {
  ACTIVATIONS,
  DATASETS,
  NORMS,
  OPTIMIZERS,
  parseConfig,
  type ExperimentConfig,
  type OptimizerName,
} from '../../../model/engine/config';
import type { SweepSpec } from '../../../model/studies/degradation/spec';
import { SelectField } from '../../common/fields';
import { activationName, OPTION_LABELS } from '../../common/configWords';
import type { SweepState } from '../degradation/degradationRunner';
import { LiveActions } from './LiveActions';
import { timeLeftWords } from './timeLeft';

/** Depths of a live sweep: few enough to finish in well under a minute on wasm, one seed. */
export const LIVE_DEPTHS = [1, 4, 16, 32];
export const LIVE_SEEDS = [1];
const STEP_CHOICES = [100, 200, 400];

/**
 * The learning rate of each optimizer in a live sweep: the shipped sweep's for the optimizers it
 * ran (so that a live run repeats a shipped one), else one that suits these nets.
 */
export function liveLearningRate(shipped: SweepSpec, optimizer: OptimizerName): number {
  const ran = shipped.optimizers.find((o) => o.optimizer === optimizer);
  return ran?.learningRate ?? FALLBACK_LEARNING_RATE[optimizer];
}
const FALLBACK_LEARNING_RATE: Record<OptimizerName, number> = {
  adam: 0.003,
  momentum: 0.01,
  sgd: 0.1,
};

/** What the reader may change. */
export interface LiveSettings {
  dataset: ExperimentConfig['dataset'];
  optimizer: ExperimentConfig['optimizer'];
  activation: ExperimentConfig['activation'];
  norm: ExperimentConfig['norm'];
  steps: number;
}

export function settingsOf(base: ExperimentConfig): LiveSettings {
  const { dataset, optimizer, activation, norm, steps } = base;
  return { dataset, optimizer, activation, norm, steps };
}

/** The live sweep for `settings` on top of the shipped spec: one optimizer, no held-out seeds. */
export function liveSpec(shipped: SweepSpec, settings: LiveSettings): SweepSpec {
  const learningRate = liveLearningRate(shipped, settings.optimizer);
  return {
    ...shipped,
    depths: LIVE_DEPTHS,
    seeds: LIVE_SEEDS,
    heldOutSeeds: [],
    optimizers: [{ optimizer: settings.optimizer, learningRate }],
    base: parseConfig({ ...shipped.base, ...settings, learningRate }),
  };
}

const OPTIMIZER_NAME: Record<ExperimentConfig['optimizer'], string> = {
  adam: 'Adam',
  momentum: 'SGD + momentum',
  sgd: 'SGD',
};

/** The status line under the controls. */
export function statusText(s: SweepState): string {
  const runs = `${s.done} of ${s.total} runs done`;
  if (s.status === 'starting') return 'Starting the sweep worker…';
  if (s.status === 'running' && s.current) {
    const c = s.current;
    // In the words of the other live figures' time left.
    const words = timeLeftWords(s.secondsLeft);
    const left = words ? ` · ${words}` : '';
    return `Training ${c.blocks} block${c.blocks === 1 ? '' : 's'}, ${c.arm}, seed ${c.seed}: step ${c.step} of ${c.steps} · ${runs}${left}`;
  }
  if (s.status === 'running') return `Training · ${runs}`;
  if (s.status === 'done')
    return `Done: ${runs} on ${s.backend ?? 'an unknown backend'}. Your runs are the hollow dots.`;
  if (s.status === 'cancelled') return `Cancelled: ${runs}; their points stay.`;
  if (s.status === 'failed') return `The sweep failed: ${s.error ?? 'unknown error'}.`;
  return '';
}

export function LiveSweepPanel({
  shipped,
  settings,
  onSettings,
  state,
  onRun,
  onCancel,
}: {
  /** The shipped sweep's spec, whose learning rates the live one takes. */
  shipped: SweepSpec;
  settings: LiveSettings;
  onSettings: (s: LiveSettings) => void;
  state: SweepState;
  onRun: () => void;
  onCancel: () => void;
}) {
  const busy = state.status === 'starting' || state.status === 'running';
  const set = (patch: Partial<LiveSettings>) => onSettings({ ...settings, ...patch });
  return (
    <div className="live-sweep" role="group" aria-label="Run the sweep yourself">
      <p className="live-sweep-intro">
        The plots show the sweep made for this page. To train a smaller one in your browser (
        {LIVE_DEPTHS.join(', ')} blocks, plain and residual, seed {LIVE_SEEDS.join(', ')}), pick the
        settings and press &ldquo;Run it yourself&rdquo;. Your runs are added to the first two
        plots, with their optimiser in the legend; change a setting afterwards and the sweep runs
        again with it.
      </p>
      <div className="live-sweep-fields">
        <SelectField
          label="Data"
          value={settings.dataset}
          values={DATASETS}
          format={(d) => OPTION_LABELS.dataset![d] ?? d}
          onChange={(dataset) => set({ dataset })}
        />
        <SelectField
          label="Optimiser"
          value={settings.optimizer}
          values={OPTIMIZERS}
          format={(o) => `${OPTIMIZER_NAME[o]} (${liveLearningRate(shipped, o)})`}
          onChange={(optimizer) => set({ optimizer })}
        />
        <SelectField
          label="Activation"
          value={settings.activation}
          values={ACTIVATIONS}
          format={activationName}
          onChange={(activation) => set({ activation })}
        />
        <SelectField
          label="Normalisation"
          value={settings.norm}
          values={NORMS}
          format={(n) => (n === 'batch' ? 'batch norm' : 'none')}
          onChange={(norm) => set({ norm })}
        />
        <SelectField
          label="Steps"
          value={settings.steps}
          values={STEP_CHOICES}
          onChange={(steps) => set({ steps })}
        />
      </div>
      <LiveActions
        busy={busy}
        runLabel="Run it yourself"
        onRun={onRun}
        onCancel={onCancel}
        progress={state.status === 'idle' ? null : { value: state.fraction, max: 1 }}
        progressLabel="Sweep progress"
        status={statusText(state)}
        statusTestId="sweep-status"
      />
    </div>
  );
}
