import { lazy, Suspense, type ReactNode } from 'react';
import { LabPlaceholder } from '../lab/LabPlaceholder';
import { useQueuedMount } from '../lab/mountQueue';
import type { PresetId } from '../../model/presets';

// The labs' code (controls, plots, worker transport, exports) loads when the first lab mounts,
// not with the page: the article's first load evaluates less script.
const LabSlot = lazy(() => import('../lab/LabSlot').then((m) => ({ default: m.LabSlot })));

/**
 * A live lab placed in the article: wide on desktop (labs need up to ~1100 px), within the margins
 * on a phone, with the article's caption saying which claim it demonstrates. The wrapper carries
 * `data-lab-slot` so the article's tests can find each placement whatever the lab renders. The
 * prerendered page and the first client render show a placeholder with the lab's title; the lab
 * itself mounts in the browser, one lab per task (mountQueue.ts).
 */
export function LabFigure({ preset, caption }: { preset: PresetId; caption?: ReactNode }) {
  const mounted = useQueuedMount();
  const placeholder = <LabPlaceholder preset={preset} />;
  return (
    <figure className="figure figure-wide lab-figure" data-lab-slot={preset}>
      {mounted ? (
        <Suspense fallback={placeholder}>
          <LabSlot preset={preset} />
        </Suspense>
      ) : (
        placeholder
      )}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
