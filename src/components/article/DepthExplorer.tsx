import './explorer.css';
import { useCallback, useId, useRef, useState } from 'react';
import { MAX_EXPANSION_DEPTH } from '../../math/expansion';
import { jacobianTex, productTex, stackTex, sumTex } from '../../math/tex';
import { Katex } from '../Katex';
import { ExpansionTerms } from './ExpansionTerms';
import { sameHighlight, type Highlight } from './highlight';
import { UnrolledDiagram } from './UnrolledDiagram';
import { useStickyFit } from './stickyFit';

/** Props of {@link DepthExplorer}. */
export interface DepthExplorerProps {
  /** Depth shown first. */
  initialDepth?: number;
}

function describe(h: Highlight, n: number): string {
  if (!h) return 'Point at a term or at a lane of the diagram; click or tap to pin it.';
  if (h.kind === 'lane') {
    const where = h.block;
    return h.through
      ? `Every path through F${where}: ${2 ** (n - 1)} of the ${2 ** n} terms.`
      : `Every path that skips F${where}: ${2 ** (n - 1)} of the ${2 ** n} terms.`;
  }
  const through = Array.from({ length: n }, (_, l) => l).filter((l) => h.mask & (1 << l));
  if (through.length === 0) return 'The identity path: x0 reaches the output untouched.';
  return `A path through ${through.length} of ${n} blocks: ${through.map((l) => `F${l}`).join(', ')}.`;
}

/**
 * The depth control and everything that follows it: the stack, the exact sum, the product and its
 * 2^n terms, the Jacobian product, and the unrolled diagram linked to the terms by hover and focus.
 */
export function DepthExplorer({ initialDepth = 3 }: DepthExplorerProps) {
  const [n, setN] = useState(initialDepth);
  // Hover and focus light things up while they last; a click, tap, Enter or Space pins them.
  const [hover, setHover] = useState<Highlight>(null);
  const [pinned, setPinned] = useState<Highlight>(null);
  const highlight = hover ?? pinned;
  const onPin = useCallback(
    (h: Highlight) => setPinned((p) => (sameHighlight(p, h) ? null : h)),
    [],
  );
  const inputId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  useStickyFit(rootRef, wrapRef);
  return (
    <div className="depth-explorer" ref={rootRef}>
      <div className="depth-control">
        <label htmlFor={inputId}>Depth n (blocks)</label>
        <input
          id={inputId}
          type="range"
          min={1}
          max={MAX_EXPANSION_DEPTH}
          step={1}
          value={n}
          onChange={(e) => {
            setHover(null);
            setPinned(null);
            setN(Number(e.currentTarget.value));
          }}
        />
        <output htmlFor={inputId} aria-live="polite">
          n = {n}: {2 ** n} paths
        </output>
      </div>

      <div className="eq-grid">
        <div className="eq">
          <p className="eq-label">The stack, one line per block (any F)</p>
          <Katex tex={stackTex(n)} display />
        </div>
        <div className="eq">
          <p className="eq-label">Summed: exact for any F</p>
          <Katex tex={sumTex(n)} display />
          <p className="eq-label">Its Jacobian: exact for any differentiable F</p>
          <Katex tex={jacobianTex(n)} display />
          <p className="eq-label">If every F is linear, the stack is a product</p>
          <Katex tex={productTex(n)} display />
        </div>
      </div>

      <p className="eq-label">
        … and multiplying it out gives {2 ** n} terms, one per path through the unrolled network,
        grouped by how many blocks the path passes through:
      </p>
      {/* The diagram stays in view (sticky) while the reader moves over a long list of terms,
          where it is short enough to leave most of the screen to the list (stickyFit.ts). */}
      <div className="unrolled-wrap" ref={wrapRef}>
        <UnrolledDiagram
          n={n}
          highlight={highlight}
          pinned={pinned}
          onHover={setHover}
          onPin={onPin}
        />
        <p className="explorer-status" aria-live="polite">
          {describe(highlight, n)}
        </p>
      </div>
      <ExpansionTerms n={n} highlight={highlight} onHover={setHover} onPin={onPin} />
    </div>
  );
}
