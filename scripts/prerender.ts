/**
 * The build's prerender: renders the article to HTML and writes it into the built index.html, so
 * that the first paint shows the text and the typeset equations before any script has run, and
 * the page reads with scripts off. Used by the `residual:prerender` plugin in vite.config.ts.
 *
 * The page's Content-Security-Policy allows no inline styles (style-src 'self'), and KaTeX's HTML
 * carries style attributes (struts, vertical offsets). So each distinct style attribute becomes
 * a `data-s` attribute and a rule in a stylesheet of our own origin. In the browser, KaTeX and
 * React then set styles through the CSSOM, which the policy allows and which overrides the rules.
 */
import { createHash } from 'node:crypto';

/** The markup with its style attributes replaced, and the stylesheet that restores them. */
export interface Unstyled {
  html: string;
  css: string;
}

// Specificity high enough to beat KaTeX's own rules for the same properties (the deepest sets
// up to five classes), as the inline style it replaces did; an inline style set later through
// the CSSOM still wins over any selector.
const REPEAT = 8;

/** Replaces every `style="…"` attribute of `html` by `data-s="N"` and one CSS rule per value. */
export function moveStylesToSheet(html: string): Unstyled {
  const ids = new Map<string, number>();
  const out = html.replace(/ style="([^"]*)"/g, (_, value: string) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return ` data-s="${id}"`;
  });
  const rules = [...ids].map(([value, id]) => {
    const selector = `[data-s="${id}"]`.repeat(REPEAT);
    return `${selector}{${decode(value)}}`;
  });
  return { html: out, css: rules.join('\n') + '\n' };
}

/** React and KaTeX escape attribute values; CSS wants them back as written. */
function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A content hash for the stylesheet's file name, as Vite names its assets. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}

/**
 * index.html with the prerendered markup in `#root` and a link to its stylesheet at the end of
 * <head> (after Vite's own stylesheets). Throws if the page has no empty `#root` to fill.
 */
export function fillIndexHtml(index: string, markup: string, stylesheetHref: string): string {
  const root = '<div id="root"></div>';
  if (!index.includes(root)) throw new Error('index.html has no empty <div id="root"></div>');
  const link = `<link rel="stylesheet" href="${stylesheetHref}">`;
  // Replacer functions: the markup may contain `$` sequences that a replacement string would read.
  return index
    .replace('</head>', () => `  ${link}\n  </head>`)
    .replace(root, () => `<div id="root">${markup}</div>`);
}
