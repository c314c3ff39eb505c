/**
 * The hooks a figure with shipped results and a live run needs: the shipped file, loaded once
 * (with a message if it cannot be), and the state of its live runner, which is released when the
 * figure unmounts. useLiveFigure puts the two together as every such figure starts, and
 * useSeedFigure adds the seed for the figures that show one seed at a time.
 */
import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import type { Clock, RunState, StudyWorkerFactory } from './workerRunner';

/** What a figure needs of its runner (a WorkerRunner). */
interface LiveRunner {
  readonly state: unknown;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** A runner of one seed of a spec: it runs the spec's first seed. */
interface SeedRunner<Spec> extends LiveRunner {
  readonly state: RunState;
  start(spec: Spec): void;
  cancel(): void;
}

/** A shipped file: null while loading, then the file or the reason it could not load. */
export type Loaded<F> = { file: F } | { error: string } | null;

/**
 * Loads `load()` once per `load` (a stable function) when the figure `where` comes within a
 * screen's height of the viewport, and applies it in a transition; ignores a result after
 * unmount. Why wait: six figures drawing their shipped results at once made the page's load one
 * run of long tasks (contours, hundreds of SVG marks) for figures far below the fold. Without
 * IntersectionObserver (jsdom) it loads at once.
 */
export function useShipped<F>(load: () => Promise<F>, where: RefObject<Element | null>): Loaded<F> {
  const [loaded, setLoaded] = useState<Loaded<F>>(null);
  useEffect(() => {
    let mounted = true;
    const apply = (value: Loaded<F>) => mounted && startTransition(() => setLoaded(value));
    const start = () =>
      load().then(
        (file) => apply({ file }),
        (e: unknown) => apply({ error: e instanceof Error ? e.message : String(e) }),
      );
    const el = where.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      void start();
      return () => {
        mounted = false;
      };
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        void start();
      },
      { rootMargin: '100% 0px 100% 0px' },
    );
    observer.observe(el);
    return () => {
      mounted = false;
      observer.disconnect();
    };
  }, [load, where]);
  return loaded;
}

/** A runner made once for the figure, and its state, re-rendered on every change. */
export function useRunner<R extends LiveRunner>(make: () => R): [R, R['state']] {
  const [runner] = useState(make);
  const [state, setState] = useState<R['state']>(runner.state);
  useEffect(() => {
    const stop = runner.subscribe(() => setState(runner.state));
    return () => {
      stop();
      runner.dispose();
    };
  }, [runner]);
  return [runner, state];
}

/**
 * Fetches a shipped result file (`file`, relative to the app's base URL, under public/) from the
 * page's own origin; a failed response becomes an error that names `what` could not be loaded.
 */
export async function fetchShipped<F>(file: string, what: string): Promise<F> {
  const res = await fetch(`${import.meta.env.BASE_URL}${file}`);
  if (!res.ok) throw new Error(`${what} could not be loaded (HTTP ${res.status})`);
  return (await res.json()) as F;
}

/** A live figure's props: tests replace the fetch of its shipped file, and its worker. */
export interface LiveFigureProps<F> {
  load?: () => Promise<F>;
  makeWorker?: StudyWorkerFactory;
  /** The clock its runner times progress by (for the time left). */
  now?: Clock;
  /** The figure's number as the article cites it ("Figure 9"), set before its caption. */
  label?: string;
}

/**
 * What a figure with shipped results and a live run starts with: its element (`where`, for
 * Figure's figureRef), the shipped file as it loads (`loaded`, for ShippedStatus) and once it is
 * there (`file`), and the runner `make` makes once, with its state (`live`).
 */
export function useLiveFigure<F, R extends LiveRunner>(load: () => Promise<F>, make: () => R) {
  const where = useRef<HTMLElement>(null);
  const loaded = useShipped(load, where);
  const [runner, live] = useRunner(make);
  const file = loaded && 'file' in loaded ? loaded.file : null;
  return { where, loaded, file, runner, live };
}

/** What useSeedFigure gives a figure's SeedRunPanel. */
export interface SeedFigure<Spec> {
  file: { spec: Spec } | null;
  runner: SeedRunner<Spec>;
  live: RunState;
  seed: number;
  setSeed: (seed: number) => void;
}

/**
 * useLiveFigure for a figure that shows one seed of its shipped results at a time (seed 1 until
 * the reader picks another) and runs that seed live.
 */
export function useSeedFigure<F extends { spec: unknown }, R extends SeedRunner<F['spec']>>(
  load: () => Promise<F>,
  make: () => R,
) {
  const figure = useLiveFigure(load, make);
  const [seed, setSeed] = useState(1);
  return { ...figure, seed, setSeed };
}
