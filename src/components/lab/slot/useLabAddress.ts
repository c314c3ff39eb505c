/**
 * A lab and the page's address: the link it opens with (its settings, and notices of what the
 * link had that the lab could not use), the reader's changes written back into the address bar
 * (urlSync.ts), and a link that names the lab opening at it.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PresetId } from '../../../model/labs/presets';
import type { LabState } from '../../../state/labPresets';
import { holdInView } from '../../anchorKeeper';
import type { LabPage } from '../page/labPage';
import { addressHasAnchor, writeUrl } from '../page/urlSync';
import type { LabPlacement } from './placement';

export interface LabAddress {
  /** Notices about the link, until the reader dismisses them. */
  notices: string[];
  dismiss(): void;
  /** Call before the reader's change to `state`: it goes into the address once it renders. */
  readerChanged(): void;
}

export function useLabAddress(
  page: LabPage,
  preset: PresetId,
  placement: LabPlacement,
  state: LabState,
  section: RefObject<HTMLElement | null>,
): LabAddress {
  const changed = useRef(false);
  const { anchor, first } = placement;
  // The named lab shows its own notices; those of a link naming no lab go to the first lab.
  const [notices, setNotices] = useState(() => page.notices(preset, first));

  // Only this lab's state, and only once the reader changed it (see urlSync.ts).
  useEffect(() => {
    if (changed.current) writeUrl(state, anchor);
  }, [state, anchor]);

  // A link that sets this lab, or whose notice this lab shows, opens at the lab and stays there
  // while the page above it mounts (anchorKeeper.ts does the holding); a link to an anchor of
  // its own goes there instead.
  useEffect(() => {
    const named = page.initialState(preset) !== null || page.notices(preset, first).length > 0;
    if (named && !addressHasAnchor() && section.current) holdInView(section.current);
  }, [page, preset, first, section]);

  return {
    notices,
    dismiss: () => setNotices([]),
    readerChanged: () => {
      changed.current = true;
    },
  };
}
