/**
 * Writing the page's URL: a lab the reader changes writes its own state into the URL, replacing
 * whatever another lab wrote there, so only the last-changed lab is in the address. Reading it
 * (once per page load) is the page's job: LabPage.url in labPage.ts.
 */
import { encodeLabState } from '../../../state/url';
import type { LabState } from '../../../state/labPresets';

/** The shareable address of `state`: this page, its search string and the lab's anchor. */
export function linkFor(state: LabState): string {
  const { origin, pathname } = location;
  return `${origin}${pathname}?${encodeLabState(state)}#lab-${state.preset}`;
}

/**
 * Writes `state` into the address bar without adding a history entry, with the lab's own anchor:
 * a link copied from the address bar must open at the lab it changes, not at whichever anchor the
 * reader last followed (`?lab=exploding…#lab-vanishing` opened at another lab).
 */
export function writeUrl(state: LabState, anchor = `lab-${state.preset}`): void {
  try {
    history.replaceState(history.state, '', `?${encodeLabState(state)}#${anchor}`);
  } catch {
    // Some embedders forbid replaceState (sandboxed frames): the Copy link button still works.
  }
}

/** Whether the page's address names an anchor (`#…`): a link to a place of its own. */
export function addressHasAnchor(): boolean {
  return location.hash !== '';
}
