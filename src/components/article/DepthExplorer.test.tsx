// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DepthExplorer } from './DepthExplorer';

afterEach(cleanup);

const terms = (c: HTMLElement) => c.querySelectorAll('li.term');
const litLanes = (c: HTMLElement) =>
  [...c.querySelectorAll('.lane.is-lit')].map(
    (g) => `${g.getAttribute('data-block')}:${g.getAttribute('data-lane')}`,
  );

describe('DepthExplorer', () => {
  it('renders 2^n terms and changes them with the depth control', () => {
    const { container } = render(<DepthExplorer initialDepth={3} />);
    expect(terms(container)).toHaveLength(8);
    const depth = screen.getByLabelText('Depth n (blocks)');
    fireEvent.change(depth, { target: { value: '5' } });
    expect(terms(container)).toHaveLength(32);
    expect(container.querySelectorAll('.lane-through')).toHaveLength(5);
    fireEvent.change(depth, { target: { value: '1' } });
    expect(terms(container)).toHaveLength(2);
    // Every term is typeset by KaTeX, without errors.
    expect(container.querySelectorAll('li.term .katex')).toHaveLength(2);
    expect(container.querySelector('.katex-error')).toBeNull();
  });

  it('writes the stack with one line per block, indexed 0 … n−1', () => {
    const { container } = render(<DepthExplorer initialDepth={4} />);
    const tex = [...container.querySelectorAll('[data-tex]')].map((e) =>
      e.getAttribute('data-tex'),
    );
    expect(tex.some((t) => t?.includes('x_{4} &= x_{3} + F_{3}(x_{3})'))).toBe(true);
    expect(tex.some((t) => t?.includes('(I + F_{3})(I + F_{2})(I + F_{1})(I + F_{0})'))).toBe(true);
  });

  it('marks the path of a hovered term in the diagram', () => {
    const { container } = render(<DepthExplorer initialDepth={3} />);
    const term = container.querySelector<HTMLElement>('li.term[data-mask="5"]'); // F2 F0 x0
    expect(term).toBeTruthy();
    fireEvent.mouseEnter(term!);
    expect(term!.classList.contains('is-lit')).toBe(true);
    expect(litLanes(container).sort()).toEqual(['0:through', '1:around', '2:through']);
    fireEvent.mouseLeave(term!);
    expect(litLanes(container)).toEqual([]);
  });

  it('marks the terms of a focused lane, the other way round', () => {
    const { container } = render(<DepthExplorer initialDepth={3} />);
    const lane = container.querySelector<SVGGElement>('.lane-through[data-block="1"]');
    fireEvent.focus(lane!);
    const lit = [...container.querySelectorAll('li.term.is-lit')].map((e) =>
      Number(e.getAttribute('data-mask')),
    );
    expect(lit.sort((a, b) => a - b)).toEqual([2, 3, 6, 7]);
    expect(screen.getByText(/Every path through F1: 4 of the 8 terms/)).toBeTruthy();
  });

  it('pins a path by click or tap, and a lane by Enter, until pressed again', () => {
    const { container } = render(<DepthExplorer initialDepth={3} />);
    const term = container.querySelector<HTMLElement>('li.term[data-mask="3"]')!; // F1 F0 x0
    fireEvent.mouseEnter(term);
    fireEvent.click(term);
    fireEvent.mouseLeave(term);
    expect(litLanes(container).sort()).toEqual(['0:through', '1:through', '2:around']);
    fireEvent.click(term);
    expect(litLanes(container)).toEqual([]);

    const lane = container.querySelector<SVGGElement>('.lane-around[data-block="2"]')!;
    fireEvent.keyDown(lane, { key: 'Enter' });
    expect(lane.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelectorAll('li.term.is-lit')).toHaveLength(4);
    fireEvent.keyDown(lane, { key: ' ' });
    expect(lane.getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelectorAll('li.term.is-lit')).toHaveLength(0);
  });

  it('moves between terms with the arrow keys, one tab stop for all', () => {
    const { container } = render(<DepthExplorer initialDepth={2} />);
    const tabbable = container.querySelectorAll('li.term[tabindex="0"]');
    expect(tabbable).toHaveLength(1);
    const first = tabbable[0] as HTMLElement;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-mask')).toBe('2');
    expect(container.querySelector('.lane-through[data-block="1"]')?.classList).toContain('is-lit');
  });
});
