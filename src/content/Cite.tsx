import { useId } from 'react';
import { useCitationTrail } from './citationTrail';
import { REFERENCES, referenceTextId, type RefId } from './references';

/**
 * An in-text citation that links to its entry in the reference list. Hovering or focusing it
 * previews the full reference, and following it records where the reader came from, so that the
 * entry can link back. The preview draws its text from an attribute (styles.css), so the
 * paragraph's text holds only what a reader reads in it; a screen reader hears the full
 * reference as the link's description, from the entry in the list.
 */
export function Cite({ id, note }: { id: RefId; note?: string }) {
  // useId gives ":r1:"-style ids; keep them valid and readable in a URL fragment.
  const uid = useId().replace(/[^a-zA-Z0-9]/g, '');
  const anchor = `cite-${id}-${uid}`;
  const trail = useCitationTrail();
  return (
    <span className="cite-wrap">
      <a
        className="cite"
        id={anchor}
        href={`#ref-${id}`}
        aria-describedby={referenceTextId(id)}
        onClick={() => trail?.follow(id, anchor)}
      >
        ({REFERENCES[id].short}
        {note ? `, ${note}` : ''})
      </a>
      <span className="cite-preview" aria-hidden="true" data-reference={REFERENCES[id].full} />
    </span>
  );
}
