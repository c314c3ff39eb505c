/**
 * Picks a tfjs backend by a short measurement: candidates are timed in order of how likely they
 * are to win for these small dense nets (wasm, then webgl, then cpu), and measuring stops at the
 * first one fast enough, because starting webgl costs seconds of shader compilation (SwiftShader
 * without a GPU) and the reader is waiting. `setBackend` returns false instead of throwing
 * (docs/browser-and-tfjs.md), so every failure is checked and the next candidate tried.
 */

/** A backend's measured time per step, or null when it failed to initialise or to train. */
export type Measure = (backend: string) => Promise<number | null>;

/** Candidates in order of preference; wasm cannot train conv, but the labs are dense. */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;

/** The backend to restart on after a worker running `failed` died: the next candidate. */
export function nextBackend(failed: string): string | undefined {
  const i = (BACKENDS as readonly string[]).indexOf(failed);
  return i < 0 ? undefined : BACKENDS[i + 1];
}

/** Milliseconds per probe step below which a backend is taken without measuring the rest. */
export const GOOD_ENOUGH_MS = 30;

/**
 * Returns the candidates fastest first: measured ones by time (failures dropped), then the
 * unmeasured ones as fallbacks in their original order. With `preferred` (an earlier choice on
 * this page) that backend is tried first.
 */
export async function rankBackends(
  measure: Measure,
  candidates: readonly string[] = BACKENDS,
  preferred?: string,
  goodEnoughMs = GOOD_ENOUGH_MS,
): Promise<{ name: string; ms: number }[]> {
  const order =
    preferred && candidates.includes(preferred)
      ? [preferred, ...candidates.filter((c) => c !== preferred)]
      : [...candidates];
  const measured: { name: string; ms: number }[] = [];
  const failed = new Set<string>();
  for (const name of order) {
    const ms = await measure(name);
    if (ms === null || !Number.isFinite(ms)) {
      failed.add(name);
      continue;
    }
    measured.push({ name, ms });
    if (ms <= goodEnoughMs || name === preferred) break;
  }
  measured.sort((a, b) => a.ms - b.ms);
  const rest = order
    .filter((n) => !failed.has(n) && !measured.some((m) => m.name === n))
    .map((name) => ({ name, ms: Infinity }));
  return [...measured, ...rest];
}
