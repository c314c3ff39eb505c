/**
 * What the figures whose live run can repeat a shipped configuration share: what a plot notes of
 * a reader's run at another depth, and how far a reader's run is from the precomputed one: the largest difference over every
 * number the two runs share, and, in words, either that difference or that the reader's run is a
 * new configuration with nothing precomputed to compare with. The engine is deterministic, so at the precomputed
 * settings the difference is rounding between this browser and the machine that made the file:
 * it is what "every claim is one the reader can reproduce" means for a figure.
 */

/**
 * The note under a plot that shows a reader's run of another depth than the precomputed one, so
 * that the plot says the two differ (the series' names stay short: a phone's legend has room for
 * about 45 characters a line); nothing when they agree or no run of the reader's is shown.
 */
export function depthNote(liveBlocks: number | null, shippedBlocks: number): string | undefined {
  if (liveBlocks === null || liveBlocks === shippedBlocks) return undefined;
  return `Your run has ${liveBlocks} blocks, a depth not precomputed; the precomputed run has ${shippedBlocks}.`;
}

/** What `compareRuns` found. */
export interface Comparison {
  /** The largest difference over the numbers compared (0 when none were). */
  value: number;
  /** How many numbers were compared. */
  count: number;
  /** Whether `value` is relative: |a − b| / max(|a|, |b|) (0 where both are 0). */
  relative: boolean;
  /** How many of the reader's runs had a precomputed twin, and how many had none. */
  compared: number;
  fresh: number;
}

/**
 * Compares each of the reader's runs (`live`) with its precomputed twin in `shipped` (the first
 * run `twin` accepts) over the numbers `values` lists for each; a run whose twin lists another
 * count of numbers (another depth, say) has no twin. `relative` compares numbers that span
 * decades (losses, gradient norms) relative to their size; otherwise the difference is absolute
 * (errors, shares, correlations on a fixed scale).
 */
export function compareRuns<R>(
  shipped: readonly R[],
  live: readonly R[],
  how: {
    twin: (mine: R, theirs: R) => boolean;
    values: (run: R) => readonly number[];
    relative?: boolean;
  },
): Comparison {
  const relative = how.relative ?? false;
  let value = 0;
  let count = 0;
  let compared = 0;
  for (const mine of live) {
    const theirs = shipped.find((r) => how.twin(mine, r));
    const a = how.values(mine);
    const b = theirs ? how.values(theirs) : null;
    if (!b || a.length !== b.length) continue;
    compared += 1;
    a.forEach((x, i) => {
      const y = b[i]!;
      const d = Math.abs(x - y);
      const scale = Math.max(Math.abs(x), Math.abs(y));
      value = Math.max(value, relative ? (d === 0 ? 0 : d / scale) : d);
    });
    count += a.length;
  }
  return { value, count, relative, compared, fresh: live.length - compared };
}

/** Two significant digits; below 0.001 as a power of ten (5.0e-6). */
const twoDigits = (v: number) => (v < 1e-3 ? v.toExponential(1) : v.toPrecision(2));

/** A difference in words: two significant digits, a relative one as a percentage. */
function differenceWords(c: Comparison): string {
  if (c.value === 0) return '0';
  if (!Number.isFinite(c.value)) return String(c.value);
  return c.relative ? `${twoDigits(100 * c.value)}%` : twoDigits(c.value);
}

/**
 * `c` in words for a live panel, with a leading space, `unit` naming the numbers compared
 * ("test errors"): the largest difference when every run of the reader's has a precomputed twin;
 * that the run is a new configuration when none has; both when some have ("the plain nets'").
 * Nothing for a run with no runs yet.
 */
export function comparisonText(c: Comparison, unit: string): string {
  if (c.compared + c.fresh === 0) return '';
  const kind = c.relative ? 'Largest relative difference' : 'Largest difference';
  if (c.compared === 0)
    return ' A new configuration: there is no precomputed run to compare it with.';
  const largest = `${kind} from the precomputed run, over`;
  if (c.fresh === 0) return ` ${largest} its ${c.count} ${unit}: ${differenceWords(c)}.`;
  return (
    ` ${largest} the ${c.count} ${unit} of the nets it shares with yours: ${differenceWords(c)};` +
    ` your other nets are a new configuration.`
  );
}
