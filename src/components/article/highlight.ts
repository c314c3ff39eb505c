/**
 * What the reader points at in the depth explorer, shared by the expansion and the unrolled
 * diagram: a whole path (one term of the expansion), or one lane of one block (through F_l, or
 * around it on the shortcut), which stands for every path that takes that lane.
 */
export type Highlight =
  { kind: 'path'; mask: number } | { kind: 'lane'; block: number; through: boolean } | null;

/** Whether the path `mask` goes through block `l`. */
export const goesThrough = (mask: number, l: number): boolean => (mask & (1 << l)) !== 0;

/** Whether the term (path) `mask` is part of what is highlighted. */
export function termMatches(h: Highlight, mask: number): boolean {
  if (!h) return false;
  if (h.kind === 'path') return h.mask === mask;
  return goesThrough(mask, h.block) === h.through;
}

/** Whether lane (`block`, `through`) of the diagram is part of what is highlighted. */
export function laneMatches(h: Highlight, block: number, through: boolean): boolean {
  if (!h) return false;
  if (h.kind === 'lane') return h.block === block && h.through === through;
  return goesThrough(h.mask, block) === through;
}
