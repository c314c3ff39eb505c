import type { ReactNode } from 'react';

/**
 * A captioned figure. `wide` lets it break out of the text column on large screens (labs and the
 * depth explorer need the room); on small screens it stays within the page margins.
 */
export function Figure({
  caption,
  wide = false,
  children,
  id,
}: {
  caption: ReactNode;
  wide?: boolean;
  children: ReactNode;
  id?: string;
}) {
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'} id={id}>
      {children}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
