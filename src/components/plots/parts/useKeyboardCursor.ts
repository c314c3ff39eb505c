import { useRef, useState, type KeyboardEvent } from 'react';
import { nextMark, type MarkPos } from '../geometry/markKeys';

/** What {@link useKeyboardCursor} returns. */
export interface KeyboardCursor {
  /** The highlighted mark (pointer hover or keyboard focus) whose readout shows, if any. */
  active: MarkPos | null;
  setActive: (p: MarkPos | null) => void;
  /** Where the keyboard last moved to; null until the first key press (or after a reset). */
  cursor: MarkPos | null;
  /**
   * The same position, current even before React re-renders: a focus handler that runs inside
   * the key handler that moved the cursor (switching series moves focus) must see the new value.
   */
  cursorRef: { readonly current: MarkPos | null };
  setCursor: (p: MarkPos | null) => void;
  /** The text of the polite live region: the last keyboard move. */
  announce: string;
  /**
   * The mark a key press leads to from `from`, or null for keys the plot leaves alone. For
   * handled keys the browser default (scrolling) is prevented.
   */
  keyTarget: (e: KeyboardEvent, from: MarkPos) => MarkPos | null;
  /** Moves the keyboard cursor to `p`: highlights it and announces it. */
  moveTo: (p: MarkPos) => void;
}

/**
 * The roving keyboard cursor of a plot whose marks form a series × index grid (curves, layer
 * profiles): ←/→ along a series, ↑/↓ across series, Home/End to the ends, each move shown in the
 * readout and announced to screen readers. The plot decides where its focusable marks sit.
 */
export function useKeyboardCursor(grid: {
  seriesCount: number;
  lengthOf: (s: number) => number;
  describe: (p: MarkPos) => string;
}): KeyboardCursor {
  const [active, setActive] = useState<MarkPos | null>(null);
  const [cursor, setCursorState] = useState<MarkPos | null>(null);
  const cursorRef = useRef<MarkPos | null>(null);
  const [announce, setAnnounce] = useState('');
  const setCursor = (p: MarkPos | null) => {
    cursorRef.current = p;
    setCursorState(p);
  };
  const keyTarget = (e: KeyboardEvent, from: MarkPos) => {
    const next = nextMark(e.key, from, grid.seriesCount, grid.lengthOf);
    if (next) e.preventDefault();
    return next;
  };
  const moveTo = (p: MarkPos) => {
    setCursor(p);
    setActive(p);
    setAnnounce(grid.describe(p));
  };
  return { active, setActive, cursor, cursorRef, setCursor, announce, keyTarget, moveTo };
}
