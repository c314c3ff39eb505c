import { REFERENCES, type RefId } from './references';

/** An in-text citation that links to its entry in the reference list. */
export function Cite({ id, note }: { id: RefId; note?: string }) {
  return (
    <a className="cite" href={`#ref-${id}`}>
      ({REFERENCES[id].short}
      {note ? `, ${note}` : ''})
    </a>
  );
}
