import { useLayoutEffect, useRef } from 'react';
import type katex from 'katex';
import { loadKatex, loadedKatex } from './katexLoader';
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
  /**
   * Punctuation right after inline maths ("." ", ;" ")"), kept on the maths' line: a line may
   * break after an equation's last box, and a phone showed a sentence's full stop alone at the
   * start of the next line.
   */
  punct?: string;
}

/**
 * The HTML KaTeX writes for `tex` (with inline styles: see the prerender in vite.config.ts).
 * KaTeX must have loaded (`loadKatex()`), as the prerender makes sure.
 */
export function katexHtml(tex: string, display: boolean): string {
  const k = loadedKatex();
  if (!k) throw new Error('KaTeX is not loaded: await loadKatex() before rendering on the server');
  return k.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
}

// On the server (the build's prerender) the typeset HTML goes into the markup; in the browser
// React never writes it, so that hydration keeps the prerendered equation as it is.
const ON_SERVER = typeof document === 'undefined';
const EMPTY = { __html: '' };

/**
 * Renders TeX with `katex.render` into its own element. KaTeX writes the HTML for sighted readers
 * and MathML for screen readers; rendering into a node keeps KaTeX's inline styles valid under a
 * strict style-src CSP. The prerendered page already holds the typeset equation (its styles moved
 * into a stylesheet at build time): the first layout effect keeps it instead of typesetting again,
 * which would make hydration one long task.
 */
export function Katex({ tex, display = false, className, punct }: KatexProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const key = `${display ? 'D' : 'I'}${tex}`;
    if (shown.current === null && el.getAttribute('data-prerendered') === key) {
      shown.current = key;
      return;
    }
    if (shown.current === key) return;
    const typeset = (k: typeof katex) => {
      k.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
      shown.current = key;
    };
    const k = loadedKatex();
    if (k) return typeset(k);
    // First use in this page: typeset once KaTeX has loaded, unless the TeX has changed since.
    let current = true;
    void loadKatex().then((loaded) => current && typeset(loaded));
    return () => {
      current = false;
    };
  }, [tex, display]);
  const classes = ['math', display ? 'math-display' : 'math-inline', className];
  const math = (
    <span
      ref={ref}
      className={classes.filter(Boolean).join(' ')}
      data-tex={tex}
      data-prerendered={ON_SERVER ? `${display ? 'D' : 'I'}${tex}` : undefined}
      dangerouslySetInnerHTML={ON_SERVER ? { __html: katexHtml(tex, display) } : EMPTY}
      // The prerendered equation differs from the client's props by design (the client never
      // writes the markup, and the build moved KaTeX's styles into a stylesheet); React keeps it.
      suppressHydrationWarning
    />
  );
  // Chromium breaks after the last box of KaTeX's HTML even before a word joiner (U+2060):
  // only a nowrap group keeps the two together. It also keeps the maths itself on one line, so
  // `punct` is for short inline maths (the phone test checks that none sticks out at 375 px).
  return punct ? (
    <span className="math-punct">
      {math}
      {punct}
    </span>
  ) : (
    math
  );
}
