// @vitest-environment jsdom
import { render, screen, cleanup } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from './App';
import { setPrerenderedSweep } from './components/studies/degradation/DegradationFigure';
import type { SweepFile } from './model/studies/degradation/spec';
import { SECTIONS } from './content/sections';
import { FIGURES, LABS, TABLES } from './content/numbering';
import { PRESET_IDS } from './model/labs/presets';

/**
 * Renders the page once for the tests that follow and returns a copy of its DOM as render left
 * it, put in the document for `screen`. The tests only read the page, and one render of the whole
 * article takes most of a second; a copy, not the live tree, because the live figures change it
 * later (their fetches of the shipped files fail here), so every test reads what a fresh render
 * shows, as when each rendered its own.
 */
function renderPage(): HTMLElement {
  const { container } = render(<App />);
  const page = container.cloneNode(true) as HTMLElement;
  cleanup();
  document.body.append(page);
  return page;
}

describe('App', () => {
  let container: HTMLElement;
  beforeAll(() => {
    container = renderPage();
  });
  afterAll(() => container.remove());

  it('says what the page is', () => {
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Residual');
    expect(screen.getByText(/skip connections let very deep networks train/)).toBeTruthy();
  });

  it('has every section, with an anchor the table of contents links to', () => {
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    for (const s of SECTIONS) {
      const section = container.querySelector(`section#${s.id}`);
      expect(section, s.id).toBeTruthy();
      expect(section?.querySelector('h2')?.textContent).toContain(s.title);
      expect(toc.querySelector(`a[href="#${s.id}"]`)).toBeTruthy();
    }
  });

  it('typesets every equation without a KaTeX error', () => {
    const maths = container.querySelectorAll('.math');
    expect(maths.length).toBeGreaterThan(50);
    for (const m of maths)
      expect(m.querySelector('.katex'), m.getAttribute('data-tex') ?? '').toBeTruthy();
    expect(container.querySelector('.katex-error')).toBeNull();
  });

  it('links every citation to an entry of the reference list', () => {
    const cites = [...container.querySelectorAll<HTMLAnchorElement>('a.cite')];
    expect(cites.length).toBeGreaterThan(20);
    for (const a of cites) {
      const target = a.getAttribute('href')?.slice(1) ?? '';
      expect(container.querySelector(`li#${target}`), target).toBeTruthy();
    }
  });

  it('places every lab the article promises', () => {
    const presets = [...container.querySelectorAll('[data-lab-slot]')].map((e) =>
      e.getAttribute('data-lab-slot'),
    );
    // Every preset once, in the order the article numbers its labs.
    expect(presets).toEqual([...LABS]);
    expect([...PRESET_IDS].sort()).toEqual([...LABS].sort());
  });
});

/**
 * The words of an element's text, inline maths counted once (its TeX source is not text). Every
 * run of characters between spaces counts, a lone dash or symbol too: the strictest count.
 */
function words(el: Element): number {
  const copy = el.cloneNode(true) as Element;
  for (const m of copy.querySelectorAll('.math')) m.replaceWith(' x ');
  return (copy.textContent ?? '').split(/\s+/).filter(Boolean).length;
}

describe('the prose', () => {
  // The text that quotes the degradation sweep, with its numbers, as the build prerenders it.
  let container: HTMLElement;
  beforeAll(() => {
    const file = readFileSync('public/sweeps/degradation.json', 'utf8');
    setPrerenderedSweep(JSON.parse(file) as SweepFile);
    container = renderPage();
  });
  afterAll(() => container.remove());

  // Issue #25: the article was a report (6,259 words in 55 paragraphs, the longest 235).
  it('is at most 4,500 words in paragraphs outside figures and tables, none over 120', () => {
    // Counted as the issue counts the built page: every <p> outside figures and tables, the
    // masthead, asides and the references' notes included (labs render only in a browser).
    const paragraphs = [...container.querySelectorAll('p')].filter(
      (p) => !p.closest('figure, table'),
    );
    const counts = paragraphs.map(words);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total, `words in ${counts.length} paragraphs`).toBeLessThanOrEqual(4500);
    const long = paragraphs.filter((_, i) => counts[i]! > 120).map((p) => p.textContent);
    expect(long).toEqual([]);
  });

  it('numbers figures, tables and labs in the order they appear, and every reference resolves', () => {
    const labels = [...container.querySelectorAll('.figure-label')].map((l) => l.textContent);
    const of = (kind: string) =>
      labels.filter((l) => l?.startsWith(kind)).map((l) => Number(/\d+/.exec(l!)![0]));
    for (const kind of ['Figure', 'Table']) {
      const n = of(kind);
      expect(n, kind).toEqual(n.map((_, i) => i + 1));
    }
    expect(of('Figure')).toHaveLength(FIGURES.length);
    expect(of('Table')).toHaveLength(TABLES.length);
    const headings = [...container.querySelectorAll('[data-lab-slot] h3')].map((h) =>
      Number(/^Lab (\d+)\./.exec(h.textContent ?? '')?.[1]),
    );
    expect(headings).toEqual(LABS.map((_, i) => i + 1));
    // Each "Figure n" / "Table n" / "Lab n" link goes to the item of that number.
    for (const a of container.querySelectorAll<HTMLAnchorElement>('.article a[href^="#"]')) {
      const m = /^(Figure|Table|Lab) (\d+)$/.exec(a.textContent ?? '');
      if (!m) continue;
      const target = container.querySelector(a.getAttribute('href')!);
      expect(target, a.textContent!).toBeTruthy();
      const named =
        m[1] === 'Lab'
          ? target!.querySelector('h3')?.textContent
          : target!.querySelector('.figure-label')?.textContent;
      expect(named, a.textContent!).toMatch(new RegExp(`^${m[1]} ${m[2]}\\.`));
    }
  });

  it('uses no nickname for a figure or a lab that the page never names', () => {
    const text = container.querySelector('.article')?.textContent ?? '';
    for (const nickname of [
      'the vanishing lab',
      'the exploding lab',
      'the lesion figure',
      'the degradation figure',
      'the thousand-layer figure',
      'the section on block order',
      'What the labs measure',
    ])
      expect(text).not.toContain(nickname);
  });
});
