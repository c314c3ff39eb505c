import type { ReactNode } from 'react';
import { sectionTitle, type SectionId } from './sections';

/** A numbered article section with an id anchor and a visible link to itself. */
export function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const title = sectionTitle(id);
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="article-section">
      <h2 id={`${id}-heading`}>
        {title}{' '}
        <a className="anchor" href={`#${id}`} aria-label={`Link to the section “${title}”`}>
          #
        </a>
      </h2>
      {children}
    </section>
  );
}

/** A subsection heading with its own anchor. */
export function SubHeading({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h3 id={id}>
      {children}{' '}
      <a className="anchor" href={`#${id}`} aria-label="Link to this subsection">
        #
      </a>
    </h3>
  );
}
