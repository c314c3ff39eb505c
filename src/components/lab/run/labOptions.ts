/**
 * What a lab controller (labController.ts) is made with: the page it belongs to, how it makes a
 * worker, and the choices that differ between the article's labs.
 */
import type { ExperimentConfig } from '../../../model/engine/config';
import type { LabPage } from '../page/labPage';
import type { Step0Seed } from '../page/precomputed';
import type { TransportFactory } from '../page/transport';

/** Delay before a changed configuration is sent (coalesces slider drags). */
export const CONFIGURE_DELAY_MS = 120;

export interface LabControllerOptions {
  /** The page's clock, training token, backend choice, watchdog timings and finished runs. */
  page: Pick<LabPage, 'clock' | 'training' | 'backend' | 'watchdog'> &
    Partial<Pick<LabPage, 'compareBackendsWhenIdle' | 'finishedRuns'>>;
  /** Makes a channel to a new worker (the app's module worker, or a test's fake). */
  makeTransport: TransportFactory;
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
