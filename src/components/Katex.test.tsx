// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Katex } from './Katex';

afterEach(cleanup);

describe('Katex', () => {
  it('renders TeX as HTML and MathML', () => {
    const { container } = render(<Katex tex="x_{l+1} = x_l + F_l(x_l)" display />);
    expect(container.querySelector('.katex-display')).toBeTruthy();
    expect(container.querySelector('.katex-html')).toBeTruthy();
    const mathml = container.querySelector('math');
    expect(mathml).toBeTruthy();
    expect(container.querySelector('annotation')?.textContent).toBe('x_{l+1} = x_l + F_l(x_l)');
    expect(container.querySelector('.katex-error')).toBeNull();
  });

  it('re-renders when the TeX changes', () => {
    const { container, rerender } = render(<Katex tex="a" />);
    rerender(<Katex tex="b + c" />);
    expect(container.querySelector('annotation')?.textContent).toBe('b + c');
    expect(container.querySelectorAll('.katex')).toHaveLength(1);
  });

  it('makes no link and no script from untrusted TeX', () => {
    const { container } = render(
      <Katex tex={'\\href{javascript:alert(1)}{x} \\url{javascript:alert(2)} \\htmlId{a}{b}'} />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('#a')).toBeNull();
    expect(container.innerHTML).not.toMatch(/href\s*=\s*["']?javascript/i);
  });

  it('shows bad TeX as text instead of throwing or injecting HTML', () => {
    const { container } = render(<Katex tex={'\\frac{1}{<img src=x onerror=alert(1)>'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img');
  });
});
