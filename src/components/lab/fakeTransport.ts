/**
 * A scripted stand-in for the training worker, for component tests: it answers `configure` and
 * `reset` with a ready message and a step-0 record, `step` with the next record, and records
 * everything it was sent. Records are synthetic: for plain networks the weight-gradient norms
 * fall by 10× per layer toward the input (the first layer is smallest), for residual ones they
 * stay near 1.
 */
import type { ExperimentConfig } from '../../model/config';
import type { FromWorker, RunRecord, ToWorker } from '../../model/worker/protocol';
import type { TrainerTransport } from './transport';

export interface FakeTransport extends TrainerTransport {
  sent: ToWorker[];
  /** Delivers a message as if the worker had posted it. */
  emit(m: FromWorker): void;
  terminated: boolean;
}

function record(c: ExperimentConfig, step: number): RunRecord {
  const n = c.blocks;
  const g = Float32Array.from({ length: 2 * n + 2 }, (_, i) =>
    c.skip === 'none' ? 10 ** -(2 * n + 1 - i) : 1 + i / 100,
  );
  return {
    step,
    loss: 0.7 / (1 + step),
    accuracy: 0.5,
    gradNorms: g,
    signalGradNorms: Float32Array.from({ length: n + 1 }, (_, i) => g[2 * i]!),
    activationNorms: new Float32Array(n + 1).fill(1),
    finite: true,
  };
}

export function createFakeTransport(): FakeTransport {
  let listener: ((m: FromWorker) => void) | null = null;
  let configs: ExperimentConfig[] = [];
  let generation = 0;
  let step = 0;
  const fake: FakeTransport = {
    sent: [],
    terminated: false,
    emit: (m) => listener?.(m),
    post(m) {
      fake.sent.push(m);
      if (m.type === 'configure') {
        configs = m.configs;
        generation = m.generation;
      }
      if (m.type === 'configure' || m.type === 'reset') {
        step = 0;
        fake.emit({
          type: 'ready',
          generation,
          backend: 'fake',
          layers: configs.map((c) => [
            'stem/kernel',
            ...Array.from({ length: c.blocks }, (_, b) => [
              `block${b + 1}/dense1/kernel`,
              `block${b + 1}/dense2/kernel`,
            ]).flat(),
            'head/kernel',
          ]),
          points: configs.map(() => null),
        });
        fake.emit({ type: 'metrics', generation, records: configs.map((c) => record(c, 0)) });
        fake.emit({ type: 'status', generation, running: false, stepsPerSecond: 0, step: 0 });
      }
      if (m.type === 'step') {
        step += 1;
        fake.emit({ type: 'metrics', generation, records: configs.map((c) => record(c, step)) });
        fake.emit({ type: 'status', generation, running: false, stepsPerSecond: 25, step });
      }
      if (m.type === 'train')
        fake.emit({ type: 'status', generation, running: true, stepsPerSecond: 25, step });
      if (m.type === 'pause')
        fake.emit({ type: 'status', generation, running: false, stepsPerSecond: 25, step });
    },
    listen(onMessage) {
      listener = onMessage;
      return () => {
        listener = null;
      };
    },
    terminate() {
      fake.terminated = true;
    },
  };
  return fake;
}
