import { useId } from 'react';
import { citationTrail } from './citationTrail';
import { REFERENCES, type RefId } from './references';

/**
 * An in-text citation that links to its entry in the reference list. Hovering or focusing it
 * previews the full reference (also its accessible description), and following it records where
 * the reader came from, so that the entry can link back.
 */
export function Cite({ id, note }: { id: RefId; note?: string }) {
  // useId gives ":r1:"-style ids; keep them valid and readable in a URL fragment.
  const uid = useId().replace(/[^a-zA-Z0-9]/g, '');
  const anchor = `cite-${id}-${uid}`;
  const previewId = `${anchor}-preview`;
  return (
    <span className="cite-wrap">
      <a
        className="cite"
        id={anchor}
        href={`#ref-${id}`}
        aria-describedby={previewId}
        onClick={() => citationTrail.follow(id, anchor)}
      >
        ({REFERENCES[id].short}
        {note ? `, ${note}` : ''})
      </a>
      <span className="cite-preview" id={previewId} role="tooltip">
        {REFERENCES[id].full}
      </span>
    </span>
  );
}
