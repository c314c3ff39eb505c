/**
 * A lab's training for React: a thin adapter over its LabController (labController.ts), which
 * holds all the logic. The component passes its networks and whether it is near or on screen;
 * it gets the run history back, with a version that changes when the history did.
 *
 * Why not useSyncExternalStore: React renders a store's updates synchronously and never as a
 * transition, and a lab's update re-renders up to eight plots. Applied inside `startTransition`,
 * React renders it in slices of a few milliseconds that yield to input and paint, which keeps the
 * page within its 50 ms long-task budget (docs/design.md). The subscription below is the same
 * pattern with that one difference.
 */
import { startTransition, useContext, useEffect, useState } from 'react';
import type { ExperimentConfig } from '../../model/engine/config';
import { LabController } from './run/labController';
import { useLabPage } from './page/labPage';
import { precomputedStep0 } from './page/precomputed';
import type { RunHistory } from './run/runHistory';
import { TransportContext } from './page/transport';

export interface LabRun {
  history: RunHistory;
  /** Bumps on every notice from the controller; plots memoise on it. */
  version: number;
  /** The networks `history` belongs to (the configuration last sent; none before the first). */
  configs: readonly ExperimentConfig[];
  train(): void;
  pause(): void;
  step(): void;
  reset(): void;
}

/**
 * `near`: the lab is within reach (start the worker, keep training); `visible`: on screen (the
 * first configuration starts training by itself once it is).
 */
export function useLabRun(
  nets: ExperimentConfig[],
  near: boolean,
  visible: boolean,
  options: {
    autoTrain?: boolean;
    precomputed?: typeof precomputedStep0;
    /** What the page calls the lab ("Lab 1"): other labs name it when they show its runs. */
    name?: string;
    configureDelayMs?: number;
  } = {},
): LabRun {
  const makeTransport = useContext(TransportContext);
  const page = useLabPage();
  const [lab] = useState(
    () =>
      new LabController({
        page,
        makeTransport,
        precomputed: options.precomputed ?? precomputedStep0,
        nets,
        autoTrain: options.autoTrain,
        name: options.name,
        configureDelayMs: options.configureDelayMs,
      }),
  );
  const [version, setVersion] = useState(lab.version);

  useEffect(() => lab.subscribe(() => startTransition(() => setVersion(lab.version))), [lab]);
  // Declared before the effects that start the worker, so that a remount (StrictMode) detaches
  // the old worker before a new one starts.
  useEffect(() => () => lab.detach(), [lab]);
  useEffect(() => lab.setNets(nets), [lab, nets]);
  useEffect(() => lab.setPresence(near, visible), [lab, near, visible]);

  return {
    history: lab.history,
    version,
    configs: lab.configs,
    train: lab.train,
    pause: lab.pause,
    step: lab.step,
    reset: lab.reset,
  };
}
