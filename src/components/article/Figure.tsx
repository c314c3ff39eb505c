import type { ReactNode, RefObject } from 'react';

/**
 * A captioned figure. `wide` lets it break out of the text column on large screens (labs and the
 * depth explorer need the room); on small screens it stays within the page margins.
 */
export function Figure({
  caption,
  wide = false,
  children,
  id,
  figureRef,
}: {
  caption: ReactNode;
  wide?: boolean;
  children: ReactNode;
  id?: string;
  /** The figure element, for figures that load their data when they come near (figureHooks). */
  figureRef?: RefObject<HTMLElement | null>;
}) {
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'} id={id} ref={figureRef}>
      {children}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
