// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { it } from 'vitest';
import { App } from './App';
function words(el: Element): number {
  const copy = el.cloneNode(true) as Element;
  for (const m of copy.querySelectorAll('.math')) m.replaceWith(' x ');
  return (copy.textContent ?? '').split(/\s+/).filter((w) => /\w/.test(w)).length;
}
it('counts', () => {
  const { container } = render(<App />);
  const paragraphs = [...container.querySelectorAll('.article p')].filter(
    (p) => !p.closest('figure, table, .lab, nav, .references, header, footer'),
  );
  const bySection = new Map<string, number>();
  let total = 0;
  for (const p of paragraphs) {
    const n = words(p);
    total += n;
    const s = p.closest('section')?.id ?? '(none)';
    bySection.set(s, (bySection.get(s) ?? 0) + n);
    if (n > 120 || s === 'stack' || s === 'depth') console.log('P', n, s, (p.textContent ?? '').slice(0, 70));
  }
  console.log('TOTAL', total, JSON.stringify([...bySection]));
  const labels = [...container.querySelectorAll('.figure-label, .lab-label, [data-label]')].map((e) => e.textContent);
  console.log(labels.join(' | '));
});
