/** A position in a series × index grid of marks. */
export interface MarkPos {
  s: number;
  i: number;
}

/**
 * Next mark for a key press in a roving-tabindex plot: ←/→ move along a series, ↑/↓ switch
 * series, Home/End jump to the ends. Returns null for keys the plot does not handle.
 */
export function nextMark(
  key: string,
  pos: MarkPos,
  seriesCount: number,
  lengthOf: (s: number) => number,
): MarkPos | null {
  const clampI = (s: number, i: number) => Math.max(0, Math.min(lengthOf(s) - 1, i));
  switch (key) {
    case 'ArrowRight':
      return { s: pos.s, i: clampI(pos.s, pos.i + 1) };
    case 'ArrowLeft':
      return { s: pos.s, i: clampI(pos.s, pos.i - 1) };
    case 'ArrowUp':
    case 'ArrowDown': {
      const s = Math.max(0, Math.min(seriesCount - 1, pos.s + (key === 'ArrowUp' ? -1 : 1)));
      return { s, i: clampI(s, pos.i) };
    }
    case 'Home':
      return { s: pos.s, i: 0 };
    case 'End':
      return { s: pos.s, i: clampI(pos.s, Number.MAX_SAFE_INTEGER) };
    default:
      return null;
  }
}

/**
 * The candidate mark at the least `distance` (from the pointer), the first of equals; null when
 * there is none. Candidates are one per series, null where a series has nothing to offer.
 */
export function nearestMark<M extends MarkPos>(
  candidates: readonly (M | null | undefined)[],
  distance: (m: M) => number,
): MarkPos | null {
  let best: MarkPos | null = null;
  let bestD = Infinity;
  for (const m of candidates) {
    if (!m) continue;
    const d = distance(m);
    // Strictly less: the first of equals wins, and a NaN distance never does.
    if (d < bestD) {
      bestD = d;
      best = { s: m.s, i: m.i };
    }
  }
  return best;
}
