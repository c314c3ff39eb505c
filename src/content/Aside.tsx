import type { ReactNode } from 'react';

/**
 * A caveat or a side remark, kept out of the line of the argument: a margin note beside the text
 * on a wide screen, a small boxed note in the column on a narrow one (article.css). `title` is
 * its first words, set in bold, and its accessible name.
 */
export function Aside({ title, children }: { title: string; children: ReactNode }) {
  return (
    <aside className="margin-note" aria-label={title}>
      <p>
        <strong>{title}</strong> {children}
      </p>
    </aside>
  );
}

/** A section's one-line takeaway, under its heading. */
export function Takeaway({ children }: { children: ReactNode }) {
  return <p className="takeaway">{children}</p>;
}
