import { Section } from './Section';
import { REFERENCES } from './references';

/** Section 8: the reference list that every citation links to. */
export function References() {
  return (
    <Section id="references">
      <ol className="references">
        {Object.entries(REFERENCES).map(([id, ref]) => (
          <li key={id} id={`ref-${id}`}>
            {ref.full}{' '}
            <a href={ref.url} rel="noopener noreferrer">
              {ref.url.replace(/^https:\/\//, '')}
            </a>
          </li>
        ))}
      </ol>
      <p className="colophon">
        Figures marked &ldquo;measured in the live labs&rdquo; come from the same engine that runs
        the labs on this page, with the configurations stated next to them; the published numbers
        are quoted from the papers cited beside them.
      </p>
    </Section>
  );
}
