/**
 * The page's URL and the labs: the URL is read once per page load; the lab it names starts from
 * its state and shows its notices, and notices of a link that names no (known) lab go to the
 * first lab on the page. A lab the reader changes writes its own state into the URL, replacing
 * whatever another lab wrote there: only the last-changed lab is in the address.
 */
import type { PresetId } from '../../model/presets';
import { decodeLabUrl, encodeLabState, type DecodedUrl } from '../../state/url';
import type { LabState } from '../../state/labPresets';

let decoded: DecodedUrl | null = null;

/** The URL as read at first use (tests may call `resetUrlCache`). */
export function pageUrlState(): DecodedUrl {
  if (!decoded) {
    decoded =
      typeof location === 'undefined'
        ? { lab: null, state: null, notices: [] }
        : decodeLabUrl(location.search);
  }
  return decoded;
}

/** Forgets the cached URL (tests). */
export function resetUrlCache(): void {
  decoded = null;
}

/** The state lab `id` starts from when the URL names it, else null. */
export function initialStateFromUrl(id: PresetId): LabState | null {
  const d = pageUrlState();
  return d.lab === id ? d.state : null;
}

/** Notices for lab `id`; `first` says whether it is the first lab on the page. */
export function noticesFor(id: PresetId, first: boolean): string[] {
  const d = pageUrlState();
  if (d.lab === id) return d.notices;
  return d.lab === null && first ? d.notices : [];
}

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
