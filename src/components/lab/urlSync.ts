/**
 * Writing the page's URL: a lab the reader changes writes its own state into the URL, replacing
 * whatever another lab wrote there, so only the last-changed lab is in the address. Reading it
 * (once per page load) is the page's job: LabPage.url in labPage.ts.
 */
import { encodeLabState } from '../../state/url';
import type { LabState } from '../../state/labPresets';

/** The shareable address of `state`: this page, its search string and the lab's anchor. */
export function linkFor(state: LabState): string {
  const { origin, pathname } = location;
  return `${origin}${pathname}?${encodeLabState(state)}#lab-${state.preset}`;
}

/** Writes `state` into the address bar without adding a history entry. */
export function writeUrl(state: LabState): void {
  try {
    history.replaceState(history.state, '', `?${encodeLabState(state)}${location.hash}`);
  } catch {
    // Some embedders forbid replaceState (sandboxed frames): the Copy link button still works.
  }
}
