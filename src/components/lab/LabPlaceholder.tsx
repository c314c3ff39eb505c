import { useId } from 'react';
import { labHeading, presetSummary } from '../../state/labPresets';
import type { PresetId } from '../../model/presets';
import './lab.css';

/**
 * What a lab shows before it mounts: its title and summary in a region of the lab's name and
 * anchor, so that links to it land and the prerendered page says what will be there. With scripts
 * off, it says that the lab needs them.
 */
export function LabPlaceholder({ preset, label }: { preset: PresetId; label?: string }) {
  const headingId = useId();
  return (
    <section
      className="lab lab-placeholder"
      data-lab-placeholder={preset}
      id={`lab-${preset}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{labHeading(preset, label)}</h3>
      <p className="lab-summary">{presetSummary(preset)}</p>
      <noscript>
        <p className="lab-needs-js">
          This lab trains networks in your browser and needs JavaScript, which is off here. The rest
          of the article reads without it.
        </p>
      </noscript>
    </section>
  );
}
