/** The prerender's rewriting of the built page: styles out of the markup, markup into #root. */
import { describe, expect, it } from 'vitest';
import { fillIndexHtml, moveStylesToSheet } from './prerender';

describe('moveStylesToSheet', () => {
  it('gives each distinct style one data-s id and one rule that outranks KaTeX’s own', () => {
    const { html, css } = moveStylesToSheet(
      '<span style="height:1em;"></span><i style="top:-2.5em;font-family:&quot;KaTeX_Main&quot;"></i><b style="height:1em;"></b>',
    );
    expect(html).toBe('<span data-s="0"></span><i data-s="1"></i><b data-s="0"></b>');
    const rules = css.trim().split('\n');
    expect(rules).toHaveLength(2);
    expect(rules[0]).toBe(`${'[data-s="0"]'.repeat(8)}{height:1em;}`);
    // Attribute escapes are undone: CSS wants the quotes back.
    expect(rules[1]).toContain('{top:-2.5em;font-family:"KaTeX_Main"}');
  });
});

describe('fillIndexHtml', () => {
  const index = '<html><head><title>t</title></head><body><div id="root"></div></body></html>';

  it('puts the markup into #root and links the stylesheet last in <head>', () => {
    const out = fillIndexHtml(index, '<main>$& $1 text</main>', '/assets/prerender-x.css');
    // `$&` and `$1` stay as written: they are not replacement patterns here.
    expect(out).toContain('<div id="root"><main>$& $1 text</main></div>');
    expect(out).toMatch(/<link rel="stylesheet" href="\/assets\/prerender-x.css">\s*<\/head>/);
  });

  it('refuses a page without an empty #root', () => {
    expect(() => fillIndexHtml('<div id="root">x</div>', '', '/a.css')).toThrow(/no empty/);
  });
});
