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
  label,
}: {
  caption: ReactNode;
  wide?: boolean;
  children: ReactNode;
  id?: string;
  /** The figure element, for figures that load their data when they come near (figureHooks). */
  figureRef?: RefObject<HTMLElement | null>;
  /** Its number as the text cites it ("Figure 4", "Table 2"), set before the caption. */
  label?: string;
}) {
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'} id={id} ref={figureRef}>
      {children}
      <figcaption>
        {label ? <strong className="figure-label">{label}.</strong> : null}
        {label ? ' ' : null}
        {caption}
      </figcaption>
    </figure>
  );
}
