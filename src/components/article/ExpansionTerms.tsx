import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { groupByLength, type PathTerm } from '../../content/math/expansion';
import { termLabel, termTex } from '../../content/math/tex';
import { Katex } from '../Katex';
import { termMatches, type Highlight } from './highlight';

/** Props of {@link ExpansionTerms}. */
export interface ExpansionTermsProps {
  n: number;
  highlight: Highlight;
  onHighlight: (h: Highlight) => void;
}

interface TermProps {
  term: PathTerm;
  lit: boolean;
  tabbable: boolean;
  onPoint: (term: PathTerm | null) => void;
  onKey: (e: KeyboardEvent<HTMLLIElement>) => void;
}

// Memoised: hovering changes `lit` on a handful of terms; the other KaTeX spans stay untouched.
const Term = memo(function Term({ term, lit, tabbable, onPoint, onKey }: TermProps) {
  return (
    <li
      className={`term${lit ? ' is-lit' : ''}`}
      data-mask={term.mask}
      tabIndex={tabbable ? 0 : -1}
      aria-label={termLabel(term)}
      onMouseEnter={() => onPoint(term)}
      onMouseLeave={() => onPoint(null)}
      onFocus={() => onPoint(term)}
      onBlur={() => onPoint(null)}
      onKeyDown={onKey}
    >
      <Katex tex={termTex(term)} />
    </li>
  );
});

/**
 * The 2^n terms of (I + F_{n−1}) ⋯ (I + F_0) x_0, grouped by path length k with their count
 * C(n, k). The terms form one keyboard stop: Tab enters, the arrow keys, Home and End move
 * between terms (a roving tab index), so 256 terms do not mean 256 Tab presses.
 */
export function ExpansionTerms({ n, highlight, onHighlight }: ExpansionTermsProps) {
  const groups = useMemo(() => groupByLength(n), [n]);
  const order = useMemo(() => groups.flatMap((g) => g.terms), [groups]);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const activeIndex = Math.min(active, order.length - 1);

  const onPoint = useCallback(
    (term: PathTerm | null) => onHighlight(term ? { kind: 'path', mask: term.mask } : null),
    [onHighlight],
  );
  const onKey = useCallback(
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
      const clamped = Math.max(0, Math.min(order.length - 1, to));
      setActive(clamped);
      const mask = order[clamped]?.mask;
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
                tabbable={order[activeIndex]?.mask === t.mask}
                onPoint={onPoint}
                onKey={onKey}
              />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
