// @vitest-environment jsdom
/**
 * Every hostile link of tests/support/hostileLinks.ts, read by the code the page reads it with:
 * the address as the browser hands it to location.search, the page's LabPage, the state each of
 * the article's labs opens with and the lab that shows the link's notices, and the notice as the
 * lab renders it. Whatever the link, every lab opens at its preset, one lab says that settings in
 * the link were not used, and nothing of the link becomes markup or goes into a link the page
 * writes. The browser test (tests/browser/hardening-fuzz.test.ts) visits one link of each kind in
 * the built page, for what only a real page shows (its scripts, its handlers, its heading).
 */
import { cleanup, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hostileLinks, HOSTILE_KINDS } from '../../tests/support/hostileLinks';
import { LabPage } from '../components/lab/page/labPage';
import { LinkNotices } from '../components/lab/slot/LabMessages';
import { labPlacement } from '../components/lab/slot/placement';
import { PRESET_IDS } from '../model/labs/presets';
import { presetState } from '../state/labPresets';
import { encodeLabState } from '../state/url';
import { LABS } from './numbering';

afterEach(cleanup);

/** location.search of a page opened with `query`: what the browser's URL parser makes of it. */
function searchOf(query: string): string {
  return new URL(`https://example.org/?${query}`).search;
}

/** The attributes LinkNotices writes, with their values: nothing else may appear. */
const NOTICE_ATTRIBUTES = new Set([
  'class=lab-notice',
  'role=status',
  'aria-label=Notice about the link',
  'type=button',
]);

describe('hostile links, read as the page reads them', () => {
  const links = hostileLinks();

  it('are of every kind the browser test visits, and the article places a lab of every preset', () => {
    expect(new Set(links.map((l) => l.kind))).toEqual(new Set(HOSTILE_KINDS));
    expect([...LABS].sort()).toEqual([...PRESET_IDS].sort());
  });

  it.each(links.map((l) => [l.kind, l.query.slice(0, 80), l.query] as const))(
    '%s: %s',
    (_kind, _label, query) => {
      const page = new LabPage(() => searchOf(query));

      // Every field of every lab at its preset: nothing of the link is in a configuration, a
      // control or the address a lab writes back (encodeLabState leaves out default fields).
      for (const id of LABS) {
        const state = page.startState(id);
        expect(state, id).toEqual(presetState(id));
        expect(encodeLabState(state), id).toBe(`lab=${id}`);
      }

      // One lab shows the notices: the lab the link names, or the page's first.
      const shown = LABS.map((id) => page.notices(id, labPlacement(LABS, id).first));
      const showing = shown.filter((n) => n.length > 0);
      expect(showing).toHaveLength(1);
      const notices = showing[0]!;

      // As the lab renders them: a status that says so, each notice as text and nothing more.
      const { container } = render(<LinkNotices notices={notices} dismiss={() => {}} />);
      const status = within(container).getByRole('status', { name: 'Notice about the link' });
      expect(status.querySelector('p')!.textContent).toBe(
        'Some settings in the link were not used:',
      );
      expect([...container.querySelectorAll('*')].map((el) => el.tagName.toLowerCase())).toEqual([
        'div',
        'p',
        'ul',
        ...notices.map(() => 'li'),
        'button',
      ]);
      const attributes = [...container.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].map((a) => `${a.name}=${a.value}`),
      );
      for (const a of attributes) expect(NOTICE_ATTRIBUTES, a).toContain(a);
      expect([...status.querySelectorAll('li')].map((li) => li.textContent)).toEqual(notices);
    },
  );
});
