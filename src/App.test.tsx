// @vitest-environment jsdom
import { render, screen, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { SECTIONS } from './content/sections';

afterEach(cleanup);

describe('App', () => {
  it('says what the page is', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Residual');
    expect(screen.getByText(/skip connections let very deep networks train/)).toBeTruthy();
  });

  it('has every section, with an anchor the table of contents links to', () => {
    const { container } = render(<App />);
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    for (const s of SECTIONS) {
      const section = container.querySelector(`section#${s.id}`);
      expect(section, s.id).toBeTruthy();
      expect(section?.querySelector('h2')?.textContent).toContain(s.title);
      expect(toc.querySelector(`a[href="#${s.id}"]`)).toBeTruthy();
    }
  });

  it('typesets every equation without a KaTeX error', () => {
    const { container } = render(<App />);
    const maths = container.querySelectorAll('.math');
    expect(maths.length).toBeGreaterThan(50);
    for (const m of maths)
      expect(m.querySelector('.katex'), m.getAttribute('data-tex') ?? '').toBeTruthy();
    expect(container.querySelector('.katex-error')).toBeNull();
  });

  it('links every citation to an entry of the reference list', () => {
    const { container } = render(<App />);
    const cites = [...container.querySelectorAll<HTMLAnchorElement>('a.cite')];
    expect(cites.length).toBeGreaterThan(20);
    for (const a of cites) {
      const target = a.getAttribute('href')?.slice(1) ?? '';
      expect(container.querySelector(`li#${target}`), target).toBeTruthy();
    }
  });

  it('places every lab the article promises', () => {
    const { container } = render(<App />);
    const presets = [...container.querySelectorAll('[data-lab-slot]')].map((e) =>
      e.getAttribute('data-lab-slot'),
    );
    for (const p of [
      'playground',
      'vanishing',
      'exploding',
      'unnormalised',
      'order-saturating',
      'order-relu-bn',
    ]) {
      expect(presets).toContain(p);
    }
  });
});
