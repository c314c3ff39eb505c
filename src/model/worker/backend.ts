/**
 * Picks the fastest tfjs backend by a short measurement: each candidate that initialises trains a
 * small network for a few steps, and the quickest wins. `setBackend` returns false instead of
 * throwing (TFJS-CHECKLIST.md), so every failure is checked and the next candidate tried.
 */

/** A backend's measured time per step, or null when it failed to initialise or to train. */
export type Measure = (backend: string) => Promise<number | null>;

/** Candidates in order of preference when times tie; wasm cannot train conv, but we are dense. */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;

/**
 * Measures every candidate and returns them fastest first (failed ones dropped). A candidate
 * slower than `giveUpMs` per step is measured but kept last; with `preferred` given (a choice
 * made earlier on this page) it is tried alone first.
 */
export async function rankBackends(
  measure: Measure,
  candidates: readonly string[] = BACKENDS,
  preferred?: string,
): Promise<{ name: string; ms: number }[]> {
  if (preferred && candidates.includes(preferred)) {
    const ms = await measure(preferred);
    if (ms !== null) {
      return [
        { name: preferred, ms },
        ...candidates.filter((c) => c !== preferred).map((name) => ({ name, ms: Infinity })),
      ];
    }
  }
  const results: { name: string; ms: number }[] = [];
  for (const name of candidates) {
    const ms = await measure(name);
    if (ms !== null && Number.isFinite(ms)) results.push({ name, ms });
  }
  return results.sort((a, b) => a.ms - b.ms);
}
