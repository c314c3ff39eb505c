import { describe, expect, it } from 'vitest';
import { openingOnly } from './load';

const built =
  '<!doctype html><html><head><link rel="stylesheet" href="/a.css">' +
  '<script type="module" src="/m.js"></script></head><body><div id="root">' +
  '<main class="article"><header><h1>Residual</h1></header>' +
  '<section id="premise"><h2>Premise</h2><p>Text <span class="katex">x</span></p></section>' +
  '<section id="next"><h2>Next</h2></section></main></div></body></html>';

describe('the opening alone, for the load bench', () => {
  it('keeps the masthead and the first section, and drops styles, scripts and later sections', () => {
    const html = openingOnly(built);
    expect(html).toContain('<h1>Residual</h1>');
    expect(html).toContain('<section id="premise">');
    expect(html).toContain('<span class="katex">x</span>');
    expect(html).not.toContain('id="next"');
    expect(html).not.toMatch(/<link|<script/);
    expect(html).toMatch(/<\/section><\/main><\/body><\/html>$/);
  });
  it('says so when the page has no second section to cut at', () => {
    expect(() => openingOnly('<main><section id="a"></section></main>')).toThrow(/second section/);
  });
});
