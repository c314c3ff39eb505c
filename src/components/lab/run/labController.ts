/**
 * One lab's training, without React: starts the worker when the lab first comes near the
 * viewport, sends the configuration (debounced, so dragging the depth slider rebuilds once it
 * settles) and the Train/Pause/Step/Reset commands, trains on its own while on screen and pauses
 * when far off-screen, takes turns with the page's other labs (trainingToken.ts) and replaces a
 * failed worker (recovery.ts). What the lab is doing is one value (labState.ts), changed only by
 * its pure transition function; this class feeds it events and carries out its commands. Worker
 * messages go into a RunHistory; listeners hear of it on a throttle (notices.ts), never once per
 * message. Every timer comes from the page's clock, so the tests drive it on fake time
 * (labController.test.ts). A network that already ran to its end on the page is shown from there
 * and not trained again (finishedRuns.ts).
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { FromWorker, FrozenRun, ToWorker } from '../../../model/worker/protocol';
import { sameNets } from './configKey';
import { keepFinished, showFinished } from './finishedRuns';
import {
  initialLabState,
  labTransition,
  type LabCommand,
  type LabEvent,
  type LabState,
} from './labState';
import { CONFIGURE_DELAY_MS, type LabControllerOptions } from './labOptions';
import { Notices } from './notices';
import { recoveryFor, watched } from './recovery';
import { RunHistory } from './runHistory';
import type { TrainerTransport, TransportFactory, WorkerFailureHandler } from '../page/transport';

export { RENDER_INTERVAL_MS } from './notices';
export { CONFIGURE_DELAY_MS, type LabControllerOptions } from './labOptions';
export class LabController {
  /** Everything the worker reported, mutated in place; read it after each notice. */
  readonly history = new RunHistory();
  private readonly me = Symbol('lab');
  private readonly page: LabControllerOptions['page'];
  private readonly makeTransport: TransportFactory;
  private readonly precomputed: NonNullable<LabControllerOptions['precomputed']>;
  private readonly name: string;
  private readonly configureDelayMs: number;
  private readonly notices: Notices;

  private labState: LabState;
  /** The worker: there in every state but `detached`. */
  private transport: TrainerTransport | null = null;
  private stopListening: (() => void) | null = null;
  private generation = 0;
  /** The networks last given, and the last ones sent or scheduled (null: none since attach). */
  private nets: readonly ExperimentConfig[] | null = null;
  private scheduled: readonly ExperimentConfig[] | null = null;
  /** The configuration last sent, to rebuild it in a replacement worker. */
  private lastConfigs: readonly ExperimentConfig[] = [];
  private configureTimer: unknown = null;

  constructor(options: LabControllerOptions) {
    this.page = options.page;
    this.makeTransport = options.makeTransport;
    this.precomputed = options.precomputed ?? (() => null);
    this.labState = initialLabState(options.autoTrain ?? true);
    this.name = options.name ?? 'another lab';
    this.configureDelayMs = options.configureDelayMs ?? CONFIGURE_DELAY_MS;
    this.notices = new Notices(this.page.clock);
    if (options.nets) {
      this.showKnown(options.nets);
      this.nets = options.nets;
    }
  }

  /** What the lab is doing (labState.ts). */
  get state(): LabState {
    return this.labState;
  }

  /** The networks the history belongs to: the configuration last sent (none before the first). */
  get configs(): readonly ExperimentConfig[] {
    return this.lastConfigs;
  }

  /** Bumps with every notice; React memoises plots on it. */
  get version(): number {
    return this.notices.version;
  }

  /** Adds a listener, called (throttled) after the history changed; returns its removal. */
  get subscribe(): Notices['subscribe'] {
    return this.notices.subscribe;
  }

  /** The networks to train; a change rebuilds them (debounced after the first). */
  setNets(nets: readonly ExperimentConfig[]): void {
    const changed = !this.nets || !sameNets(nets, this.nets);
    // Before the worker has measured anything, draw what is known of these networks at once.
    if (changed && !this.configured && this.showKnown(nets)) this.notices.schedule();
    this.nets = nets;
    if (this.transport && !(this.scheduled && sameNets(nets, this.scheduled)))
      this.scheduleConfigure();
  }

  /**
   * `near`: the lab is within reach (start the worker, keep training); `visible`: on screen (the
   * lab starts training on its own once it is, until the reader takes over).
   */
  setPresence(near: boolean, visible: boolean): void {
    this.dispatch({ type: 'presence', near, visible });
  }

  readonly train = (): void => this.dispatch({ type: 'train' });
  readonly pause = (): void => this.dispatch({ type: 'take-over', command: 'pause' });
  readonly step = (): void => this.dispatch({ type: 'take-over', command: 'step' });
  /** Reset trains every network from step 0, those shown from the page's finished runs too. */
  readonly reset = (): void => {
    this.history.forgetReused();
    this.dispatch({ type: 'take-over', command: 'reset' });
  };

  /**
   * Terminates the worker and forgets it (the lab unmounted). The history stays, and a later
   * `setPresence` near starts a new worker with the current networks (React's StrictMode
   * unmounts and remounts every component once in development).
   */
  detach(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.transport?.terminate();
    this.transport = null;
    this.cancelConfigure();
    this.scheduled = null;
    this.notices.cancel();
    this.dispatch({ type: 'detach' });
  }

  /** Whether the worker has been sent a configuration (later ones are debounced). */
  private get configured(): boolean {
    const { kind } = this.labState;
    return kind === 'stopped' || kind === 'training' || kind === 'failed';
  }

  /** Moves the lab's state on by `event` and carries out what the transition asks. */
  private dispatch(event: LabEvent): void {
    const { state, commands } = labTransition(this.labState, event);
    this.labState = state;
    for (const c of commands) this.carryOut(c);
  }

  private carryOut(c: LabCommand): void {
    const { training } = this.page;
    switch (c.do) {
      case 'start':
        // The worker starts the first time the lab is near. It stays when the lab scrolls away
        // (the run only pauses) and goes at `detach`.
        this.attach(this.newTransport());
        this.scheduleConfigure();
        this.page.compareBackendsWhenIdle?.(this.makeTransport);
        return;
      case 'train': {
        const t = this.transport;
        training.claim(this.me, () => this.dispatch({ type: 'displaced' }));
        // The lab's own start never extends a finished run (CI saw a run end while the lab's
        // resume was on its way, and go on for another `steps`); the reader's Train does.
        t?.post(c.by === 'lab' ? { type: 'train', resume: true } : { type: 'train' });
        return;
      }
      case 'post':
        this.transport?.post({ type: c.message });
        return;
      case 'request':
        training.request(this.me, () => this.dispatch({ type: 'granted' }));
        return;
      case 'cancel':
        training.cancel(this.me);
        return;
      case 'release':
        training.release(this.me);
        return;
    }
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

  private newTransport(): TrainerTransport {
    return watched(this.makeTransport(), {
      clock: this.page.clock,
      timings: this.page.watchdog,
    });
  }

  private attach(t: TrainerTransport): void {
    this.transport = t;
    this.stopListening = t.listen(this.onMessage, this.onError);
  }

  /**
   * Sends the current networks: the first configuration of a worker at once, on the page's
   * backend (backendChoice.ts: no lab waits for another); later ones after CONFIGURE_DELAY_MS
   * without a newer change.
   */
  private scheduleConfigure(): void {
    const configs = this.nets;
    if (!this.transport || !configs) return;
    this.cancelConfigure();
    this.scheduled = configs;
    const run = () => {
      this.configureTimer = null;
      this.configure(configs);
    };
    // A change with no delay goes out now, not after a timer's turn in a busy main thread.
    if (this.configured && this.configureDelayMs === 0) run();
    else
      this.configureTimer = this.page.clock.setTimeout(
        run,
        this.configured ? this.configureDelayMs : 0,
      );
  }

  private cancelConfigure(): void {
    if (this.configureTimer !== null) this.page.clock.clearTimeout(this.configureTimer);
    this.configureTimer = null;
  }

  private configure(configs: readonly ExperimentConfig[]): void {
    if (!this.transport) return;
    try {
      this.generation += 1;
      this.history.reset(this.generation, configs.length);
      const seeds = this.precomputed(configs);
      if (seeds) this.history.seed(seeds);
      this.history.requestedBackend = this.page.backend.name;
      this.lastConfigs = configs;
      const frozen = this.sendConfiguration(this.page.backend.name);
      this.dispatch({ type: 'configured', allFinished: frozen.every((f) => f) });
    } catch (e) {
      this.history.error = `The lab could not start: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.notices.schedule();
  }

  /**
   * Posts the last configuration, with the networks the worker leaves alone (shown from
   * finished runs); returns which those are.
   */
  private sendConfiguration(backend: string | undefined): (FrozenRun | null)[] {
    const configs = [...this.lastConfigs];
    const frozen = showFinished(this.history, this.page.finishedRuns, configs, this.me);
    const m = { type: 'configure', generation: this.generation, configs, backend } as const;
    const message: ToWorker = frozen.some((f) => f) ? { ...m, frozen } : m;
    this.transport?.post(message);
    return frozen;
  }

  private readonly onMessage = (m: FromWorker): void => {
    const h = this.history;
    if (h.apply(m, this.page.clock.now())) {
      // Step 0 is what the reader waits for after a change: drawn at the next frame, unthrottled.
      if (m.type === 'metrics' && m.records.some((r) => r?.step === 0)) this.notices.atNextFrame();
      else this.notices.schedule();
    }
    // A finished run goes to the page for other labs (a boundary or evaluation may follow the
    // status that ended it: they refresh the copy).
    if (h.done && m.generation === h.generation && /^(status|evaluation|boundary)$/.test(m.type))
      keepFinished(h, this.page.finishedRuns, [...this.lastConfigs], this.name, this.me);
    // A run that is over (every net at its limit or diverged) frees the page's training token
    // for another lab. Other stops release the token when they are sent; a status that merely
    // answers a configuration must not, or a lab that asked to train in the meantime would hand
    // its token to another and never get it back.
    if (m.type === 'status' && m.done && m.generation === h.generation)
      this.dispatch({ type: 'done' });
  };

  /** A worker failed loudly or went silent: recovery.ts decides, this carries it out. */
  private readonly onError: WorkerFailureHandler = (message, silentMs) => {
    const h = this.history;
    const r = recoveryFor(message, silentMs, h.backend, this.lastConfigs.length > 0);
    if (r.kind === 'report') {
      h.error = r.error;
      if (r.stop) {
        this.transport?.terminate();
        h.running = false;
        this.dispatch({ type: 'failed' });
      }
      this.notices.schedule();
      return;
    }
    this.stopListening?.();
    this.transport?.terminate();
    this.attach(this.newTransport());
    h.restart = r.notice;
    // Counted as this backend from now on, so that a second failure moves further along.
    h.backend = r.backend;
    this.generation += 1;
    h.reset(this.generation, this.lastConfigs.length);
    this.sendConfiguration(r.backend);
    this.dispatch({ type: 'restarted' });
    this.notices.schedule();
  };
}
