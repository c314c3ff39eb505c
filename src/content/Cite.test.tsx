// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Cite } from './Cite';
import { CitationTrail, CitationTrailContext } from './citationTrail';
import { References } from './References';

afterEach(cleanup);

describe('citations', () => {
  it('describe themselves with the full reference, and the entry links back to the last one followed', () => {
    render(
      <CitationTrailContext.Provider value={new CitationTrail()}>
        <p>
          First <Cite id="veit2016" /> and again <Cite id="veit2016" note="Fig. 6" />.
        </p>
        <References />
      </CitationTrailContext.Provider>,
    );
    const [first, second] = screen.getAllByRole('link', { name: /Veit et al\. 2016/ });
    expect(first!.getAttribute('href')).toBe('#ref-veit2016');
    // The link's accessible description is the full reference in the list.
    const described = document.getElementById(first!.getAttribute('aria-describedby')!)!;
    expect(described.textContent).toMatch(/^Andreas Veit, Michael Wilber, Serge Belongie/);
    expect(described.closest('li')!.id).toBe('ref-veit2016');
    // The preview shows the same reference, from an attribute: the paragraph's text is only
    // what a reader reads in it.
    const preview = first!.nextElementSibling!;
    expect(preview.className).toBe('cite-preview');
    expect(preview.getAttribute('data-reference')).toBe(described.textContent);
    expect(first!.closest('p')!.textContent).toBe(
      'First (Veit et al. 2016) and again (Veit et al. 2016, Fig. 6).',
    );
    expect(first!.id).not.toBe(second!.id);
    expect(screen.queryByRole('link', { name: /back to the text/ })).toBeNull();
    fireEvent.click(second!);
    const back = screen.getByRole('link', { name: /back to the text/ });
    expect(back.getAttribute('href')).toBe(`#${second!.id}`);
    expect(back.closest('li')!.id).toBe('ref-veit2016');
    fireEvent.click(first!);
    expect(back.getAttribute('href')).toBe(`#${first!.id}`);
  });
});
