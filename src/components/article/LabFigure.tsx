import type { ReactNode } from 'react';
import { LabSlot } from '../lab/LabSlot';
import type { PresetId } from '../../model/presets';

/**
 * A live lab placed in the article: wide on desktop (labs need up to ~1100 px), within the margins
 * on a phone, with the article's caption saying which claim it demonstrates. The wrapper carries
 * `data-lab-slot` so the article's tests can find each placement whatever the lab renders.
 */
export function LabFigure({ preset, caption }: { preset: PresetId; caption?: ReactNode }) {
  return (
    <figure className="figure figure-wide lab-figure" data-lab-slot={preset}>
      <LabSlot preset={preset} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
