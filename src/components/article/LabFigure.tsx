import type { ReactNode } from 'react';
import { LabSlot } from '../lab/LabSlot';
import { LabPlaceholder } from '../lab/LabPlaceholder';
import { useQueuedMount } from '../lab/page/labPage';
import type { PresetId } from '../../model/labs/presets';

/**
 * A live lab placed in the article: wide on desktop (labs need up to ~1100 px), within the margins
 * on a phone, with the article's caption saying which claim it demonstrates. The wrapper carries
 * `data-lab-slot` so the article's tests can find each placement whatever the lab renders. The
 * prerendered page and the first client render show a placeholder with the lab's title; the lab
 * itself mounts in the browser, one lab per task (mountQueue.ts).
 */
export function LabFigure({
  preset,
  caption,
  label,
  children,
  copy,
}: {
  preset: PresetId;
  caption?: ReactNode;
  /** The lab's number as the text cites it ("Lab 2"), set before its title. */
  label?: string;
  /** Shown under the lab, before the caption (a precomputed strip that the lab's text reads). */
  children?: ReactNode;
  /** Which placement of `preset` this is, when the article places it more than once (0: first). */
  copy?: number;
}) {
  const mounted = useQueuedMount();
  return (
    <figure className="figure figure-wide lab-figure" data-lab-slot={preset}>
      {mounted ? (
        <LabSlot preset={preset} label={label} copy={copy} />
      ) : (
        <LabPlaceholder preset={preset} label={label} />
      )}
      {children}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
