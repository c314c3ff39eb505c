// @vitest-environment jsdom
/**
 * A lab's placeholder, which the prerendered page shows until the lab mounts: its precomputed
 * step-0 profile, marked as precomputed, is in the server's markup for every lab; in the browser
 * it goes when the address sets the lab to other settings (the profile would be another
 * network's).
 */
import { cleanup, render } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESET_IDS, preset } from '../../model/labs/presets';
import { LabPlaceholder } from './LabPlaceholder';
import { LabPage, LabPageContext } from './page/labPage';
import { precomputedNote } from './ProfilePanel';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function placeholder(page: LabPage, id: (typeof PRESET_IDS)[number]) {
  return (
    <LabPageContext.Provider value={page}>
      <LabPlaceholder preset={id} label="Lab 1" />
    </LabPageContext.Provider>
  );
}

describe('LabPlaceholder', () => {
  it('prerenders every lab’s precomputed step-0 profile, marked, under room for the controls', () => {
    for (const id of PRESET_IDS) {
      const html = renderToString(placeholder(new LabPage(), id));
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const panel = doc.querySelector('.lab-placeholder-controls + .lab-placeholder-panel');
      expect(panel, id).not.toBeNull();
      const profile = panel!.querySelector('[data-precomputed="true"]');
      expect(profile?.querySelector('.plot-note')?.textContent, id).toBe(
        precomputedNote('loading'),
      );
      expect(profile?.querySelector('[role="img"]')?.getAttribute('aria-label'), id).toMatch(
        /per layer at step 0/,
      );
      // One line per network: the data table's columns name them at step 0.
      const columns = [...profile!.querySelectorAll('thead th')].map((c) => c.textContent);
      expect(columns, id).toEqual([
        'Layer',
        ...preset(id).nets.map((_, i) =>
          expect.stringMatching(
            new RegExp(`^${preset(id).nets.length > 1 ? 'AB'[i] : 'Network A'}.*, step 0$`),
          ),
        ),
      ]);
      expect(profile!.querySelector('caption')?.textContent, id).toBe(precomputedNote('loading'));
    }
  });

  it('drops the profile in the browser when the address sets this lab otherwise', () => {
    const changed = new LabPage(() => '?lab=vanishing&a.blocks=30');
    const { container } = render(placeholder(changed, 'vanishing'));
    expect(container.querySelector('[data-precomputed]')).toBeNull();
    // Its room stays held, so the lab arrives where the placeholder was.
    expect(container.querySelector('.lab-placeholder-panel')).not.toBeNull();
    cleanup();
    // An address about another lab leaves this one's profile.
    const other = render(placeholder(changed, 'exploding'));
    expect(other.container.querySelector('[data-precomputed="true"]')).not.toBeNull();
  });
});
