/**
 * A scripted stand-in for the training worker, for component tests (fakeTransport.contract.test.ts
 * holds it to the real TrainerHost's answers): it answers `configure` and
 * `reset` with a ready message and a step-0 record, `step` with the next record, and while it
 * trains posts a step's record and a status every half second of its clock; it reports `idle`
 * after each message (like the real worker when it does not train), and records everything it
 * was sent. After `hang()` it answers nothing, like a worker stuck in a loop. A frozen run (one the
lab shows from the page's finished runs) gets null records, and a configuration whose runs are
all frozen is over at once, as with the real host. Records are synthetic: for plain networks the weight-gradient norms
 * fall by 10× per layer toward the input (the first layer is smallest), for residual ones they
 * stay near 1.
 */
import { noSkips, type ExperimentConfig } from '../../src/model/engine/config';
import { weightLayerNames } from '../../src/model/engine/layer-names';
import type { FromWorker, FrozenRun, RunRecord, ToWorker } from '../../src/model/worker/protocol';
import { systemClock, type Clock } from '../../src/components/lab/run/clock';
import type {
  TrainerTransport,
  WorkerFailureHandler,
} from '../../src/components/lab/page/transport';

export interface FakeTransport extends TrainerTransport {
  sent: ToWorker[];
  /** Delivers a message as if the worker had posted it. */
  emit(m: FromWorker): void;
  terminated: boolean;
  /** Stops answering, without any error. */
  hang(): void;
  /** Fails loudly, as a worker's uncaught error does. */
  fail(message: string): void;
}

/** How often a training fake takes a step (of its clock). */
export const BEAT_MS = 500;

function record(c: ExperimentConfig, step: number): RunRecord {
  const n = c.blocks;
  const g = Float32Array.from({ length: 2 * n + 2 }, (_, i) =>
    noSkips(c) ? 10 ** -(2 * n + 1 - i) : 1 + i / 100,
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

/** `backend`: the name the fake reports in `ready`; `clock`: the timers of its heartbeat. */
export function createFakeTransport(backend = 'fake', clock: Clock = systemClock): FakeTransport {
  let listener: ((m: FromWorker) => void) | null = null;
  let onFailure: WorkerFailureHandler | null = null;
  let configs: ExperimentConfig[] = [];
  let frozen: (FrozenRun | null)[] = [];
  let generation = 0;
  let step = 0;
  let running = false;
  let hung = false;
  // While "training" the fake takes a step and posts its record and a status every BEAT_MS, as
  // the real worker does (faster).
  let beat: unknown = null;
  const stopBeat = () => {
    if (beat !== null) clock.clearTimeout(beat);
    beat = null;
  };
  const tick = () => {
    if (!allFrozen()) {
      step += 1;
      fake.emit({ type: 'metrics', generation, records: records(step) });
    }
    fake.emit(status(true));
    beat = clock.setTimeout(tick, BEAT_MS);
  };
  /** A status message of the current configuration (the fake's runs never end by themselves). */
  const status = (isRunning: boolean, stepsPerSecond = 25): FromWorker => ({
    type: 'status',
    generation,
    running: isRunning,
    stepsPerSecond,
    step: allFrozen() ? Math.max(...frozen.map((f) => f!.step)) : step,
    done: allFrozen(),
  });
  const allFrozen = () => configs.length > 0 && configs.every((_, i) => frozen[i]);
  /** Records of every run at `at`, null for a frozen one. */
  const records = (at: number) => configs.map((c, i) => (frozen[i] ? null : record(c, at)));
  const fake: FakeTransport = {
    sent: [],
    terminated: false,
    emit: (m) => {
      // A test that plays a run's end stops the fake's run too, as the real worker's ends there
      // (else its heartbeat would say "running" again on the page's shared clock).
      if (m.type === 'status' && m.done && !m.running && m.generation === generation) {
        running = false;
        stopBeat();
      }
      listener?.(m);
    },
    hang() {
      hung = true;
      stopBeat();
    },
    fail(message) {
      hung = true;
      stopBeat();
      onFailure?.(message);
    },
    post(m) {
      fake.sent.push(m);
      if (hung || fake.terminated) return;
      if (m.type === 'configure') {
        configs = m.configs;
        generation = m.generation;
        frozen = m.frozen ?? [];
      }
      if (m.type === 'reset') frozen = [];
      if (m.type === 'configure' || m.type === 'reset') {
        step = 0;
        fake.emit({
          type: 'ready',
          generation,
          backend,
          layers: configs.map((c) => weightLayerNames(c.blocks)),
          points: configs.map(() => null),
        });
        if (!allFrozen()) fake.emit({ type: 'metrics', generation, records: records(0) });
        fake.emit(status(false, 0));
      }
      if (m.type === 'step') {
        step += 1;
        fake.emit({ type: 'metrics', generation, records: records(step) });
        fake.emit(status(false));
      }
      // Training goes on until a message that stops it; while it does, the worker is not idle.
      // Pause answers with a status only when it stopped a run (as TrainerHost does).
      const wasRunning = running;
      running = m.type === 'train' || (running && m.type === 'boundary');
      if (m.type === 'train') fake.emit(status(true));
      if (m.type === 'pause' && wasRunning) fake.emit(status(false));
      if (running && beat === null) beat = clock.setTimeout(tick, BEAT_MS);
      if (!running) {
        stopBeat();
        fake.emit({ type: 'idle', generation, handled: fake.sent.length });
      }
    },
    listen(onMessage, onError) {
      listener = onMessage;
      onFailure = onError;
      return () => {
        listener = null;
        onFailure = null;
      };
    },
    terminate() {
      fake.terminated = true;
      stopBeat();
    },
  };
  return fake;
}
