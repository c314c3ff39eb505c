/**
 * The page's tfjs backend. Every lab starts at once on the backend remembered from an earlier
 * visit, or on WebAssembly, the fastest for these small dense nets on most machines (BENCHMARKS.md);
 * no lab measures backends before it trains, and none waits for another. Measuring used to come
 * first: on a busy two-core machine the first lab showed "Choosing the fastest backend…" for up
 * to 17 s and the others waited for it over blank space.
 *
 * Whether another backend (WebGL) would be faster here is still worth knowing, so the page
 * measures it once when nothing else is going on (`compareWhenIdle`) and remembers the winner in
 * localStorage for the next visit. One per page (labPage.ts).
 */

/** Where the comparison's result is kept between visits. */
export const BACKEND_STORAGE_KEY = 'residual.backend';
/** The backend labs start on when nothing is remembered. */
export const DEFAULT_BACKEND = 'wasm';
/** Backends the page may remember (a stored value outside these is ignored). */
const KNOWN = ['wasm', 'webgl', 'cpu'];

/** What the comparison found, as stored. */
export interface StoredChoice {
  name: string;
  /** Milliseconds per probe step of each backend measured (Infinity: failed or not measured). */
  ms: Record<string, number>;
}

/** The part of Storage the choice uses (localStorage in the app; a map in tests). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or nothing where it is unavailable (a sandboxed frame, privacy settings). */
export function pageStorage(): ChoiceStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Reads a stored choice; anything malformed counts as nothing stored. */
export function readChoice(storage: ChoiceStorage | null): StoredChoice | null {
  try {
    const raw = storage?.getItem(BACKEND_STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredChoice>;
    if (typeof v.name !== 'string' || !KNOWN.includes(v.name)) return null;
    return { name: v.name, ms: typeof v.ms === 'object' && v.ms ? v.ms : {} };
  } catch {
    return null;
  }
}

export class BackendChoice {
  /** The backend labs start on. */
  readonly name: string;
  /** What an earlier visit measured, if anything. */
  readonly remembered: StoredChoice | null;
  private compared = false;

  constructor(private readonly storage: ChoiceStorage | null = null) {
    this.remembered = readChoice(storage);
    this.name = this.remembered?.name ?? DEFAULT_BACKEND;
  }

  /** Whether the page should still compare backends (nothing remembered, not yet done). */
  get comparisonWanted(): boolean {
    return this.remembered === null && !this.compared;
  }

  /** Records a finished comparison: the fastest backend is remembered for the next visit. */
  recordComparison(ranking: readonly { name: string; ms: number }[]): void {
    this.compared = true;
    const best = ranking.find((r) => Number.isFinite(r.ms));
    if (!best) return;
    const choice: StoredChoice = {
      name: best.name,
      ms: Object.fromEntries(ranking.map((r) => [r.name, r.ms])),
    };
    try {
      this.storage?.setItem(BACKEND_STORAGE_KEY, JSON.stringify(choice));
    } catch {
      // A full or forbidden storage only costs the next visit its remembered choice.
    }
  }

  /** The comparison could not run to the end (cancelled or failed): try again later. */
  comparisonAbandoned(): void {
    this.compared = false;
  }

  /** Marks the comparison as under way, so that only one lab starts it. */
  claimComparison(): boolean {
    if (!this.comparisonWanted) return false;
    this.compared = true;
    return true;
  }
}
