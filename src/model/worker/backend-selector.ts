/**
 * The worker's choice of tfjs backend, kept apart from the worker's globals so that it can be
 * tested in Node: the first configuration starts the backend the page names, or, when it names
 * none, ranks the backends by measurement (backend.ts) and activates the best one that starts;
 * when that backend fails later, `fallback` moves to the next one in the ranking. One per worker.
 */
import { BACKENDS, rankBackends, type Measure } from './backend';

/** What the selector needs from tfjs (the worker passes the real calls; tests pass fakes). */
export interface SelectorDeps {
  /** Milliseconds per probe step on a backend, or null when it cannot train. */
  measure: Measure;
  /** Makes `name` the active backend: setBackend and ready. False when it cannot start. */
  activate(name: string): Promise<boolean>;
  /** Called with each backend that becomes active (the worker watches webgl's context). */
  onActive?(name: string): void;
}

export class BackendSelector {
  /** The backends fastest first, once chosen; the failed ones drop out. */
  private ranking: string[] | null = null;

  constructor(private readonly deps: SelectorDeps) {}

  /**
   * Chooses once per worker; later calls return at once. `preferred` (the page's earlier choice)
   * is tried first; `heartbeat` goes before each candidate, since starting webgl compiles shaders
   * for seconds without posting anything.
   * @throws Error when no backend starts.
   */
  async choose(preferred: string | undefined, heartbeat: () => void): Promise<void> {
    if (this.ranking) return;
    // The page names the backend it wants (backendChoice.ts): start it without measuring, and
    // keep the others, in their usual order, to fall back on.
    if (preferred) {
      heartbeat();
      if (await this.deps.activate(preferred)) {
        this.ranking = [preferred, ...BACKENDS.filter((b) => b !== preferred)];
        this.deps.onActive?.(preferred);
        return;
      }
    }
    const ranked = await rankBackends(
      (name) => {
        heartbeat();
        return this.deps.measure(name);
      },
      undefined,
      preferred,
    );
    this.ranking = ranked.map((r) => r.name);
    for (const name of this.ranking) {
      if (await this.deps.activate(name)) {
        this.deps.onActive?.(name);
        return;
      }
    }
    this.ranking = null;
    throw new Error('no tfjs backend could start (tried wasm, webgl and cpu)');
  }

  /** After `failed` broke: activates the next backend of the ranking and returns it, or null. */
  async fallback(failed: string): Promise<string | null> {
    for (const name of (this.ranking ?? []).filter((n) => n !== failed)) {
      if (await this.deps.activate(name)) {
        this.ranking = (this.ranking ?? []).filter((n) => n !== failed);
        this.deps.onActive?.(name);
        return name;
      }
    }
    return null;
  }
}
