import { SECTIONS } from './sections';

/** The table of contents: one link per section anchor. */
export function TableOfContents() {
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ol>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
