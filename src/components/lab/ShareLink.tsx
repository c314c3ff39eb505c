/**
 * "Copy link": puts the address of this lab's state on the clipboard, or, where the clipboard is
 * not available (insecure origin, denied permission), shows it in a field the reader can copy.
 */
import { useState } from 'react';
import type { LabState } from '../../state/labPresets';
import { linkFor, writeUrl } from './page/urlSync';

export function ShareLink({ state }: { state: LabState }) {
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const url = linkFor(state);
    writeUrl(state);
    setCopied(false);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setShown(null);
    } catch {
      setShown(url);
    }
  };
  return (
    <span className="lab-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status">{copied ? 'Link copied.' : ''}</span>
      {shown !== null ? (
        <input
          type="text"
          readOnly
          aria-label="Link to this lab"
          value={shown}
          onFocus={(e) => e.target.select()}
          ref={(el) => el?.select()}
        />
      ) : null}
    </span>
  );
}
