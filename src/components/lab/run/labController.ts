/**
 * One lab's training, without React: starts the worker when the lab first comes near the
 * viewport, sends the configuration (debounced, so dragging the depth slider rebuilds once it
 * settles) and the Train/Pause/Step/Reset commands, trains on its own while on screen and pauses
 * when far off-screen, takes turns with the page's other labs (trainingToken.ts) and replaces a
 * failed worker (recovery.ts). Worker messages go into a RunHistory; listeners hear of it on a
 * throttle (at most one notice per RENDER_INTERVAL_MS), never once per message. Timers come from
 * an injectable clock, so the tests drive it on fake time (labController.test.ts). A network that
 * already ran to its end on the page is shown from there and not trained again (finishedRuns.ts).
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { FromWorker, FrozenRun, ToWorker } from '../../../model/worker/protocol';
import { systemClock, type Clock } from './clock';
import { keepFinished, showFinished } from './finishedRuns';
import type { LabPage } from '../page/labPage';
import { recoveryFor, watched } from './recovery';
import { RunHistory } from './runHistory';
import type { Step0Seed } from '../page/precomputed';
import type { TrainerTransport, TransportFactory, WorkerFailureHandler } from '../page/transport';

/** Minimum milliseconds between two notices to listeners (renders) caused by worker messages. */
export const RENDER_INTERVAL_MS = 100;
/** Delay before a changed configuration is sent (coalesces slider drags). */
export const CONFIGURE_DELAY_MS = 120;

const FRAME_QUEUED = Symbol('frame queued');

export interface LabControllerOptions {
  /** The page's training token, backend choice, watchdog timings and finished runs. */
  page: Pick<LabPage, 'training' | 'backend' | 'watchdog'> &
    Partial<Pick<LabPage, 'compareBackendsWhenIdle' | 'finishedRuns'>>;
  /** Makes a channel to a new worker (the app's module worker, or a test's fake). */
  makeTransport: TransportFactory;
  clock?: Clock;
  /** Precomputed step-0 records for a configuration, drawn until the worker's arrive. */
  precomputed?: (configs: readonly ExperimentConfig[]) => Step0Seed[] | null;
  /**
   * The networks the lab opens with. What is known of them (their precomputed step 0, runs
   * finished elsewhere on the page) is in the history from the start, so that the lab's first
   * render draws it: a lab never shows "Building the network…" for a step 0 the page ships.
   */
  nets?: readonly ExperimentConfig[];
  /**
   * Whether the lab starts training by itself once on screen (default true). The opening figure
   * waits for the reader's Train instead: its first screen is a comparison to look at.
   */
  autoTrain?: boolean;
  /** What the page calls this lab ("Lab 1"), for a lab that shows a run it finished. */
  name?: string;
  /**
   * Delay before a changed configuration is sent (default CONFIGURE_DELAY_MS, which coalesces a
   * slider's drag). The opening figure's controls are clicks, and a cut shortcut's profile must
   * follow within 300 ms, so it sends at once.
   */
  configureDelayMs?: number;
}

export class LabController {
  /** Everything the worker reported, mutated in place; read it after each notice. */
  readonly history = new RunHistory();
  private versionCount = 0;
  private readonly listeners = new Set<() => void>();
  private readonly me = Symbol('lab');
  private readonly page: LabControllerOptions['page'];
  private readonly makeTransport: TransportFactory;
  private readonly clock: Clock;
  private readonly precomputed: NonNullable<LabControllerOptions['precomputed']>;
  private readonly name: string;
  private readonly configureDelayMs: number;

  private transport: TrainerTransport | null = null;
  private stopListening: (() => void) | null = null;
  private generation = 0;
  /**
   * Whether the lab should train while on screen: true until the reader acts (Pause, Step,
   * Reset, a new configuration) and again after Train.
   */
  private wantRunning = true;
  /** Whether the current run started on its own (not by the reader's Train). */
  private autoRunning = false;
  /** Whether this worker has been sent a configuration (later ones are debounced). */
  private configuredOnce = false;
  /** The networks as JSON: the last ones given, and the last ones sent or scheduled. */
  private netsKey = '';
  private scheduledKey = '';
  /** The configuration last sent, to rebuild it in a replacement worker. */
  private lastConfigs: ExperimentConfig[] = [];
  private configureTimer: unknown = null;
  private configureTicket = { cancelled: false };
  private pendingFlush: unknown = null;
  private lastFlush = -Infinity;
  private near = false;
  private visible = false;

  constructor(options: LabControllerOptions) {
    this.page = options.page;
    this.makeTransport = options.makeTransport;
    this.clock = options.clock ?? systemClock;
    this.precomputed = options.precomputed ?? (() => null);
    this.wantRunning = options.autoTrain ?? true;
    this.name = options.name ?? 'another lab';
    this.configureDelayMs = options.configureDelayMs ?? CONFIGURE_DELAY_MS;
    if (options.nets) {
      this.showKnown(options.nets);
      this.netsKey = JSON.stringify(options.nets);
    }
  }

  /** The networks the history belongs to: the configuration last sent (none before the first). */
  get configs(): readonly ExperimentConfig[] {
    return this.lastConfigs;
  }

  /** Bumps with every notice; React memoises plots on it. */
  get version(): number {
    return this.versionCount;
  }

  /** Adds a listener, called (throttled) after the history changed; returns its removal. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The networks to train; a change rebuilds them (debounced after the first). */
  setNets(nets: readonly ExperimentConfig[]): void {
    const key = JSON.stringify(nets);
    // Before the worker has measured anything, draw what is known of these networks at once.
    if (key !== this.netsKey && !this.configuredOnce) this.showPrecomputed(nets);
    this.netsKey = key;
    if (this.transport && this.netsKey !== this.scheduledKey) this.scheduleConfigure();
  }

  /** Shows what is known of `nets` (see `showKnown`) and tells the listeners. */
  private showPrecomputed(nets: readonly ExperimentConfig[]): void {
    if (this.showKnown(nets)) this.scheduleFlush();
  }

  /**
   * Puts the precomputed step 0 of `nets`, if there is one (see precomputed.ts), and the
   * finished run of each network that already ran to its end on the page into the history;
   * returns whether there was any.
   */
  private showKnown(nets: readonly ExperimentConfig[]): boolean {
    const seeds = this.precomputed(nets);
    const finished = this.page.finishedRuns;
    const reused = nets.some((c) => finished?.has(c));
    if (!seeds && !reused) return false;
    if (this.history.runs.length !== nets.length || reused)
      this.history.reset(this.generation, nets.length);
    if (seeds) this.history.seed(seeds);
    showFinished(this.history, finished, nets, this.me);
    return true;
  }

  /**
   * `near`: the lab is within reach (start the worker, keep training); `visible`: on screen (the
   * lab starts training on its own once it is, until the reader takes over).
   */
  setPresence(near: boolean, visible: boolean): void {
    this.near = near;
    this.visible = visible;
    if (near && !this.transport) {
      // The worker starts the first time the lab is near. It stays when the lab scrolls away
      // (the run only pauses) and goes at `detach`.
      this.attach(this.newTransport());
      this.scheduleConfigure();
      this.page.compareBackendsWhenIdle?.(this.makeTransport, this.clock);
    }
    this.followPresence();
  }

  readonly train = (): void => {
    this.wantRunning = true;
    this.autoRunning = false;
    this.send({ type: 'train' });
  };

  readonly pause = (): void => this.readerTakesOver({ type: 'pause' });
  readonly step = (): void => this.readerTakesOver({ type: 'step' });
  /** Reset trains every network from step 0, those shown from the page's finished runs too. */
  readonly reset = (): void => {
    this.history.forgetReused();
    this.readerTakesOver({ type: 'reset' });
  };

  /**
   * Terminates the worker and forgets it (the lab unmounted). The history stays, and a later
   * `setPresence` near starts a new worker with the current networks (React's StrictMode
   * unmounts and remounts every component once in development).
   */
  detach(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.page.training.release(this.me);
    this.transport?.terminate();
    this.transport = null;
    this.cancelConfigure();
    this.configuredOnce = false;
    this.scheduledKey = '';
    if (this.pendingFlush !== null && this.pendingFlush !== FRAME_QUEUED)
      this.clock.clearTimeout(this.pendingFlush);
    this.pendingFlush = null;
  }

  private readerTakesOver(m: ToWorker): void {
    this.wantRunning = false;
    this.autoRunning = false;
    this.send(m);
  }

  private newTransport(): TrainerTransport {
    return watched(this.makeTransport(), { clock: this.clock, timings: this.page.watchdog });
  }

  private attach(t: TrainerTransport): void {
    this.transport = t;
    this.stopListening = t.listen(this.onMessage, this.onError);
  }

  /** Posts `m`; Train claims the page's training token, other commands give it back. */
  private send(m: ToWorker): void {
    const t = this.transport;
    if (!t) return;
    const { training } = this.page;
    if (m.type === 'train')
      training.claim(this.me, () => {
        t.post({ type: 'pause' });
        // Another lab took over. A run the reader started stays paused until they start it
        // again; one that started on its own queues to go on once the token is free.
        if (this.autoRunning) training.request(this.me, this.autoStart);
        else this.wantRunning = false;
      });
    else if (m.type !== 'boundary') training.release(this.me);
    t.post(m);
  }

  /** Starts training on the lab's own initiative, if it still wants to. */
  private readonly autoStart = (): void => {
    if (!this.wantRunning) return;
    this.autoRunning = true;
    this.send({ type: 'train' });
  };

  /** Trains while on screen until the reader takes over; pauses when far off-screen. */
  private followPresence(): void {
    if (!this.transport || !this.configuredOnce) return;
    const { training } = this.page;
    if (!this.near || !this.visible) {
      training.cancel(this.me);
      if (this.autoRunning || (!this.near && this.history.running)) {
        this.autoRunning = false;
        this.transport.post({ type: 'pause' });
        training.release(this.me);
      }
      return;
    }
    if (this.wantRunning && !this.history.running) training.request(this.me, this.autoStart);
  }

  /**
   * Sends the current networks: the first configuration of a worker at once, on the page's
   * backend (backendChoice.ts: no lab waits for another); later ones after CONFIGURE_DELAY_MS
   * without a newer change.
   */
  private scheduleConfigure(): void {
    if (!this.transport || this.netsKey === '') return;
    this.cancelConfigure();
    const ticket = { cancelled: false };
    this.configureTicket = ticket;
    this.scheduledKey = this.netsKey;
    const configs = JSON.parse(this.netsKey) as ExperimentConfig[];
    const run = () => {
      this.configureTimer = null;
      this.configure(configs, ticket).catch((e: unknown) => {
        this.history.error = `The lab could not start: ${e instanceof Error ? e.message : String(e)}`;
        this.scheduleFlush();
      });
    };
    // A change with no delay goes out now, not after a timer's turn in a busy main thread.
    if (this.configuredOnce && this.configureDelayMs === 0) run();
    else
      this.configureTimer = this.clock.setTimeout(
        run,
        this.configuredOnce ? this.configureDelayMs : 0,
      );
  }

  private cancelConfigure(): void {
    this.configureTicket.cancelled = true;
    if (this.configureTimer !== null) this.clock.clearTimeout(this.configureTimer);
    this.configureTimer = null;
  }

  private async configure(configs: ExperimentConfig[], ticket: { cancelled: boolean }) {
    if (ticket.cancelled || !this.transport) return;
    this.generation += 1;
    this.history.reset(this.generation, configs.length);
    const seeds = this.precomputed(configs);
    if (seeds) this.history.seed(seeds);
    this.history.requestedBackend = this.page.backend.name;
    this.lastConfigs = configs;
    const frozen = showFinished(this.history, this.page.finishedRuns, configs, this.me);
    this.send(this.configureMessage(configs, this.page.backend.name, frozen));
    // After the first configuration the lab waits for Train: the reader sees the new step 0. A
    // lab whose every network is shown finished is over at once.
    if (this.configuredOnce || frozen.every((f) => f)) this.wantRunning = false;
    this.configuredOnce = true;
    this.scheduleFlush();
    this.followPresence();
  }

  /** A configuration, with the networks the worker leaves alone (shown from finished runs). */
  private configureMessage(
    configs: ExperimentConfig[],
    backend: string | undefined,
    frozen: (FrozenRun | null)[],
  ): ToWorker {
    const m = { type: 'configure', generation: this.generation, configs, backend } as const;
    return frozen.some((f) => f) ? { ...m, frozen } : m;
  }

  private readonly onMessage = (m: FromWorker): void => {
    const { training } = this.page;
    const h = this.history;
    if (h.apply(m)) {
      // Step 0 is what the reader waits for after a change: drawn at the next frame, unthrottled.
      if (m.type === 'metrics' && m.records.some((r) => r?.step === 0)) this.flushAtNextFrame();
      else this.scheduleFlush();
    }
    // A finished run goes to the page for other labs (a boundary or evaluation may follow the
    // status that ended it: they refresh the copy).
    if (h.done && m.generation === h.generation && /^(status|evaluation|boundary)$/.test(m.type))
      keepFinished(h, this.page.finishedRuns, this.lastConfigs, this.name, this.me);
    // A run that is over (every net at its limit or diverged) frees the page's training token
    // for another lab, and stays over: scrolling back to it must not train it again (only
    // Train does). Other stops release the token when they are sent (see `send`); a status
    // that merely answers a configuration must not, or a lab that asked to train in the
    // meantime would hand its token to another and never get it back.
    if (m.type === 'status' && m.done && m.generation === this.history.generation) {
      training.release(this.me);
      this.wantRunning = false;
      this.autoRunning = false;
    }
  };

  /** A worker failed loudly or went silent: recovery.ts decides, this carries it out. */
  private readonly onError: WorkerFailureHandler = (message, silentMs) => {
    const { training } = this.page;
    const h = this.history;
    const r = recoveryFor(message, silentMs, h.backend, this.lastConfigs.length > 0);
    if (r.kind === 'report') {
      h.error = r.error;
      if (r.stop) {
        this.transport?.terminate();
        h.running = false;
      }
      this.scheduleFlush();
      return;
    }
    this.stopListening?.();
    this.transport?.terminate();
    training.release(this.me);
    this.attach(this.newTransport());
    h.restart = r.notice;
    // Counted as this backend from now on, so that a second failure moves further along.
    h.backend = r.backend;
    this.generation += 1;
    h.reset(this.generation, this.lastConfigs.length);
    const frozen = showFinished(h, this.page.finishedRuns, this.lastConfigs, this.me);
    this.send(this.configureMessage(this.lastConfigs, r.backend, frozen));
    this.scheduleFlush();
    this.followPresence();
  };

  // An arrow, so that the backend wait can call it (backendChoice.ts).
  private readonly scheduleFlush = (): void => {
    if (this.pendingFlush !== null) return;
    const wait = Math.max(0, RENDER_INTERVAL_MS - (this.clock.now() - this.lastFlush));
    this.pendingFlush = this.clock.setTimeout(() => this.clock.frame(this.flush), wait);
  };

  /** Like scheduleFlush, without waiting out the throttle (a notice already on its way stays). */
  private flushAtNextFrame(): void {
    // Already on its way: the mark is no timer (clearTimeout throws on a Symbol in a browser).
    if (this.pendingFlush === FRAME_QUEUED) return;
    if (this.pendingFlush !== null) this.clock.clearTimeout(this.pendingFlush);
    // Marks the notice as on its way; `flush` clears the mark (there is no timer left to cancel).
    this.pendingFlush = FRAME_QUEUED;
    this.clock.frame(this.flush);
  }

  private readonly flush = (): void => {
    this.pendingFlush = null;
    this.lastFlush = this.clock.now();
    this.versionCount += 1;
    for (const listener of [...this.listeners]) listener();
  };
}
