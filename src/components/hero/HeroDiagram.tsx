/**
 * The opening figure's network as a control: stem, block 1 … block n, head, each block with its
 * shortcut drawn as an arc over it. Each block is a toggle button ("Shortcut around block k",
 * pressed while the shortcut is there): a click cuts or restores that one shortcut. One tab stop
 * for the whole row; the arrow keys, Home and End move between blocks.
 *
 * Where the blocks fit 24 px or more, the row's columns are the profile plot's layer slots (a
 * block spans its two weight layers), so a cut arc sits right above the layers it changes; where
 * they do not (24 blocks on a phone), the blocks wrap to rows (hero.css).
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { hasShortcut, type HeroState } from './heroState';

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => Math.min(n - 1, i + 1),
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function HeroDiagram({
  state,
  onShortcut,
  enabled = true,
}: {
  state: HeroState;
  /** False in the prerendered page, until scripts can act on a click. */
  enabled?: boolean;
  /** Block `block`'s shortcut (0-based) on or cut. */
  onShortcut: (block: number, on: boolean) => void;
}) {
  const n = state.blocks;
  const [stop, setStop] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tabStop = Math.min(stop, n - 1);
  const onKeyDown = (e: KeyboardEvent, l: number) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const next = move(l, n);
    setStop(next);
    buttons.current[next]?.focus();
  };
  return (
    <div
      className="hero-diagram"
      data-blocks={n}
      role="group"
      aria-label={`The network: a stem, ${n} blocks and a head. Each block's shortcut is a switch.`}
    >
      <div className="hero-end hero-stem" aria-hidden="true">
        <span>stem</span>
      </div>
      {Array.from({ length: n }, (_, l) => {
        const on = hasShortcut(state, l);
        return (
          <button
            key={l}
            ref={(el) => {
              buttons.current[l] = el;
            }}
            type="button"
            className="hero-block"
            aria-pressed={on}
            aria-label={`Shortcut around block ${l + 1}`}
            title={`${on ? 'Cut' : 'Restore'} the shortcut around block ${l + 1}`}
            tabIndex={l === tabStop ? 0 : -1}
            disabled={!enabled}
            onFocus={() => setStop(l)}
            onKeyDown={(e) => onKeyDown(e, l)}
            onClick={() => onShortcut(l, !on)}
          >
            <span className="hero-arc" aria-hidden="true" />
            <span className="hero-branch" aria-hidden="true">
              {l + 1}
            </span>
          </button>
        );
      })}
      <div className="hero-end hero-head" aria-hidden="true">
        <span>head</span>
      </div>
    </div>
  );
}
