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

/** Whether two highlights name the same path or lane (used to toggle a pinned highlight). */
export function sameHighlight(a: Highlight, b: Highlight): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'path' && b.kind === 'path') return a.mask === b.mask;
  if (a.kind === 'lane' && b.kind === 'lane') return a.block === b.block && a.through === b.through;
  return false;
}

/** Handlers that let hover, focus, click, tap, Enter and Space all reach the same highlight. */
export interface PointerHandlers {
  /** Pointer over or focus on an element (null when it leaves). */
  onHover: (h: Highlight) => void;
  /** Click, tap, Enter or Space: pins the highlight, or unpins it when it is already pinned. */
  onPin: (h: Highlight) => void;
}

/** Event props for one element that stands for highlight `h`. */
export function pointerProps(h: Highlight, { onHover, onPin }: PointerHandlers) {
  return {
    onMouseEnter: () => onHover(h),
    onMouseLeave: () => onHover(null),
    onFocus: () => onHover(h),
    onBlur: () => onHover(null),
    onClick: () => onPin(h),
    onKeyDown: (e: { key: string; preventDefault: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onPin(h);
      }
    },
  };
}
