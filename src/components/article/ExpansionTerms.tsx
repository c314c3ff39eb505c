import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { groupByLength, type PathTerm } from '../../math/expansion';
import { termLabel, termTex } from '../../math/tex';
import { Katex } from '../Katex';
import { pointerProps, termMatches, type Highlight, type PointerHandlers } from './highlight';

/** Props of {@link ExpansionTerms}. */
export interface ExpansionTermsProps extends PointerHandlers {
  n: number;
  /** What is lit: the hovered or focused element, else the pinned one. */
  highlight: Highlight;
}

interface TermProps {
  term: PathTerm;
  lit: boolean;
  tabbable: boolean;
  handlers: PointerHandlers;
  onMove: (e: KeyboardEvent<HTMLLIElement>) => void;
  onActive: (mask: number) => void;
}

const MOVES = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'];

// Memoised: hovering changes `lit` on a handful of terms; the other KaTeX spans stay untouched.
const Term = memo(function Term({ term, lit, tabbable, handlers, onMove, onActive }: TermProps) {
  const events = pointerProps({ kind: 'path', mask: term.mask }, handlers);
  return (
    <li
      className={`term${lit ? ' is-lit' : ''}`}
      data-mask={term.mask}
      tabIndex={tabbable ? 0 : -1}
      aria-label={termLabel(term)}
      {...events}
      onFocus={() => {
        onActive(term.mask);
        events.onFocus();
      }}
      onKeyDown={(e) => (MOVES.includes(e.key) ? onMove(e) : events.onKeyDown(e))}
    >
      <Katex tex={termTex(term)} />
    </li>
  );
});

/**
 * The 2^n terms of (I + F_{n−1}) ⋯ (I + F_0) x_0, grouped by path length k with their count
 * C(n, k). The terms form one keyboard stop: Tab enters, the arrow keys, Home and End move
 * between terms (a roving tab index), so 256 terms do not mean 256 Tab presses. Enter, Space,
 * a click or a tap pins a term's path.
 */
export function ExpansionTerms({ n, highlight, onHover, onPin }: ExpansionTermsProps) {
  const groups = useMemo(() => groupByLength(n), [n]);
  const order = useMemo(() => groups.flatMap((g) => g.terms), [groups]);
  const [activeMask, setActiveMask] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const handlers = useMemo(() => ({ onHover, onPin }), [onHover, onPin]);
  // After a depth change the remembered term may not exist: fall back to the first one.
  const tabbableMask = activeMask < 2 ** n ? activeMask : 0;

  const onMove = useCallback(
    (e: KeyboardEvent<HTMLLIElement>) => {
      const i = order.findIndex((t) => String(t.mask) === e.currentTarget.dataset.mask);
      const next: Record<string, number> = {
        ArrowRight: i + 1,
        ArrowDown: i + 1,
        ArrowLeft: i - 1,
        ArrowUp: i - 1,
        Home: 0,
        End: order.length - 1,
      };
      const to = next[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const mask = order[Math.max(0, Math.min(order.length - 1, to))]?.mask ?? 0;
      setActiveMask(mask);
      listRef.current?.querySelector<HTMLElement>(`li[data-mask="${mask}"]`)?.focus();
    },
    [order],
  );

  return (
    <div
      className="expansion"
      ref={listRef}
      role="group"
      aria-label={`The ${2 ** n} terms of the expansion, by path length`}
    >
      {groups.map((g) => (
        <div className="term-group" key={g.length}>
          <p className="term-group-head">
            <span className="k">
              {g.length} block{g.length === 1 ? '' : 's'}
            </span>{' '}
            <span className="count">
              C({n}, {g.length}) = {g.count}
            </span>
          </p>
          <ul aria-label={`${g.count} paths through ${g.length} blocks`}>
            {g.terms.map((t) => (
              <Term
                key={t.mask}
                term={t}
                lit={termMatches(highlight, t.mask)}
                tabbable={t.mask === tabbableMask}
                handlers={handlers}
                onMove={onMove}
                onActive={setActiveMask}
              />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
