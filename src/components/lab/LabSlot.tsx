import type { PresetId } from './presets';

/**
 * Where the article places a live lab. Placeholder until the labs land: it reserves the space
 * and names the lab.
 */
export function LabSlot({ preset }: { preset: PresetId }) {
  return (
    <figure className="lab-slot" data-preset={preset}>
      <figcaption>Live lab: {preset}</figcaption>
    </figure>
  );
}
