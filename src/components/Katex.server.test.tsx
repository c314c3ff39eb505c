// @vitest-environment node
/** On the server (the build's prerender) an equation is typeset into the markup itself. */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Katex } from './Katex';

describe('Katex on the server', () => {
  it('writes KaTeX’s HTML and MathML, marked with what it typeset', () => {
    const html = renderToString(<Katex tex="x_{l+1} = x_l + F_l(x_l)" display />);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<math');
    expect(html).toContain('data-prerendered="Dx_{l+1} = x_l + F_l(x_l)"');
    expect(html).not.toContain('katex-error');
  });
});
