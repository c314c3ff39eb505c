import { useLayoutEffect, useRef } from 'react';
import katex from 'katex';
// The stylesheet brings KaTeX's fonts into the bundle as local files (no CDN).
import 'katex/dist/katex.min.css';

/**
 * The options every equation on the page is rendered with. TeX may one day come from a URL or
 * the reader, so it is treated as untrusted: no \href/\url/\includegraphics (`trust: false`),
 * bounded macro expansion and sizes, and errors shown by KaTeX as text instead of thrown.
 */
export const KATEX_OPTIONS = {
  trust: false,
  throwOnError: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 50,
  output: 'htmlAndMathml',
} as const satisfies katex.KatexOptions;

/** Props of {@link Katex}. */
export interface KatexProps {
  /** The TeX source. */
  tex: string;
  /** Display (block) style instead of inline. */
  display?: boolean;
  className?: string;
}

/**
 * Renders TeX with `katex.render` into its own element. KaTeX writes the HTML for sighted readers
 * and MathML for screen readers; React never sees the markup (no dangerouslySetInnerHTML), and
 * rendering into a node keeps KaTeX's inline styles valid under a strict style-src CSP.
 */
export function Katex({ tex, display = false, className }: KatexProps) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
  }, [tex, display]);
  const classes = ['math', display ? 'math-display' : 'math-inline', className];
  return <span ref={ref} className={classes.filter(Boolean).join(' ')} data-tex={tex} />;
}
