/**
 * What the labs of one page share, in one object that the app creates and provides (tests make
 * their own): the URL as read once at load, the backend the labs start on, the token that lets
 * one lab train at a time, and the runs that ended (a network finished in one lab is shown, not
 * trained again, in another). It replaces state that lived in modules, so that two pages (or two
 * tests) never share it.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { PresetId } from '../../../model/labs/presets';
import { presetState, type LabState } from '../../../state/labPresets';
import { decodeLabUrl, type DecodedUrl } from '../../../state/url';
import { BackendChoice, type ChoiceStorage } from '../run/backendChoice';
import { systemClock, type Clock } from '../run/clock';
import { FinishedRuns } from '../run/finishedRuns';
import { MountQueue } from './mountQueue';
import { compareWhenIdle } from '../run/idleComparison';
import type { TransportFactory } from './transport';
import { TrainingToken } from '../run/trainingToken';
import { DEFAULT_TIMINGS, type WatchdogTimings } from '../run/watchdog';

export class LabPage {
  /** The one clock of the page's labs: their timers, watchdogs and time stamps (clock.ts). */
  readonly clock: Clock;
  /** One lab trains at a time (see trainingToken.ts). */
  readonly training = new TrainingToken();
  /** The labs mount one per task, in document order (mountQueue.ts). */
  readonly mounts: MountQueue;
  /** Every network's run that ended on this page, for the labs that have it too. */
  readonly finishedRuns = new FinishedRuns();
  /** The backend every lab starts on, and the page's idle comparison (see backendChoice.ts). */
  readonly backend: BackendChoice;
  private stopComparison: (() => void) | null = null;
  /** How long a lab's watchdog lets a worker be silent (watchdog.ts). */
  readonly watchdog: Readonly<WatchdogTimings>;
  private decoded: DecodedUrl | null = null;

  /**
   * `search`: reads the page's query string (location.search in the app); `watchdog`: other
   * allowances than the app's (the browser tests of recovery shorten them, see `pageTimings`).
   */
  constructor(
    private readonly search: () => string = () => '',
    options: {
      watchdog?: Partial<WatchdogTimings>;
      /** Where the backend comparison's result is kept (localStorage in the app). */
      storage?: ChoiceStorage | null;
      /** Whether the page compares backends when idle (the app does; tests opt in). */
      compareBackends?: boolean;
      /** The labs' timers (the browser's in the app, a fake one in tests). */
      clock?: Clock;
      /** Runs a lab's mount in a task of its own (a 0 ms timeout in the app). */
      mountTask?: (run: () => void) => void;
    } = {},
  ) {
    this.mounts = new MountQueue(options.mountTask);
    this.clock = options.clock ?? systemClock;
    this.watchdog = { ...DEFAULT_TIMINGS, ...options.watchdog };
    this.backend = new BackendChoice(options.storage ?? null);
    this.comparing = options.compareBackends ?? false;
  }

  private readonly comparing: boolean;

  /**
   * Starts the page's backend comparison when the page is quiet (idleComparison.ts), once per
   * page and only if no earlier visit remembered a result.
   */
  compareBackendsWhenIdle(makeTransport: TransportFactory): void {
    if (!this.comparing || this.stopComparison || !this.backend.comparisonWanted) return;
    this.stopComparison = compareWhenIdle({
      backend: this.backend,
      training: this.training,
      makeTransport,
      clock: this.clock,
    });
  }

  /** The URL as read at first use. */
  url(): DecodedUrl {
    this.decoded ??= decodeLabUrl(this.search());
    return this.decoded;
  }

  /** The state lab `id` starts from when the URL names it, else null. */
  initialState(id: PresetId): LabState | null {
    const d = this.url();
    return d.lab === id ? d.state : null;
  }

  /** The state lab `id` opens with: the URL's when it names the lab, else its preset's. */
  startState(id: PresetId): LabState {
    return this.initialState(id) ?? presetState(id);
  }

  /**
   * Notices for lab `id`; `first` says whether it is the first lab on the page, which shows the
   * notices of a link that names no (known) lab.
   */
  notices(id: PresetId, first: boolean): string[] {
    const d = this.url();
    if (d.lab === id) return d.notices;
    return d.lab === null && first ? d.notices : [];
  }
}

/** The page the labs belong to; App provides it. */
export const LabPageContext = createContext<LabPage | null>(null);

/** This lab's page. */
export function useLabPage(): LabPage {
  const page = useContext(LabPageContext);
  if (!page) throw new Error('a lab needs a LabPageContext provider (App provides one)');
  return page;
}

/**
 * False on the server and in the first client render (so that hydration sees the same markup the
 * prerender wrote), true once this component's turn in the page's mount queue has come.
 */
export function useQueuedMount(): boolean {
  const { mounts } = useLabPage();
  const [mounted, setMounted] = useState(false);
  useEffect(() => mounts.add(() => setMounted(true)), [mounts]);
  return mounted;
}

/**
 * Watchdog allowances a browser test set on the page before the app loaded
 * (`globalThis.__residualWatchdog`, through Playwright's init script), so that its recovery tests
 * wait seconds instead of the 15 s floor. Only positive finite numbers of known fields count;
 * anything else is ignored, so a reader's page always has the app's allowances.
 */
export function pageTimings(scope: object = globalThis): Partial<WatchdogTimings> {
  const raw = (scope as { __residualWatchdog?: unknown }).__residualWatchdog;
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Partial<WatchdogTimings> = {};
  for (const key of Object.keys(DEFAULT_TIMINGS) as (keyof WatchdogTimings)[]) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}
