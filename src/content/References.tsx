import { useSyncExternalStore } from 'react';
import { useCitationTrail } from './citationTrail';
import { Section } from './Section';
import { REFERENCES, referenceTextId, type RefId } from './references';

const noStore = () => () => undefined;
const never = () => 0;

/** Section 8: the reference list that every citation links to, and back. */
export function References() {
  // Re-render when the reader follows a citation, to point its entry's back link at it.
  const trail = useCitationTrail();
  useSyncExternalStore(
    trail?.subscribe ?? noStore,
    trail?.version ?? never,
    trail?.version ?? never,
  );
  return (
    <Section id="references">
      <ol className="references">
        {(Object.entries(REFERENCES) as [RefId, (typeof REFERENCES)[RefId]][]).map(([id, ref]) => {
          const from = trail?.from(id);
          return (
            <li key={id} id={`ref-${id}`}>
              <span id={referenceTextId(id)}>{ref.full}</span>{' '}
              <a href={ref.url} rel="noopener noreferrer">
                {ref.url.replace(/^https:\/\//, '')}
              </a>
              {from ? (
                <>
                  {' '}
                  <a className="cite-back" href={`#${from}`}>
                    <span aria-hidden="true">↩</span> back to the text
                  </a>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="colophon">
        Numbers measured on this page come from the same engine that runs its labs, with the
        configuration stated next to each; the published numbers are quoted from the papers cited
        beside them.
      </p>
    </Section>
  );
}
