/**
 * Where a lab sits among the page's labs, from what its parents say rather than from the DOM: the
 * article provides the presets of its labs in document order (LabOrderContext), and a lab placed
 * a second time is told which copy it is (LabFigure's `copy`). A lab's anchor follows from it
 * (`lab-exploding`, then `lab-exploding-2`), and so does whether it is the page's first lab, which
 * shows the notices of a link that names no lab.
 */
import { createContext, useContext } from 'react';
import type { PresetId } from '../../../model/labs/presets';

/** The presets of the page's labs in document order; null where no article provides them. */
export const LabOrderContext = createContext<readonly PresetId[] | null>(null);

export interface LabPlacement {
  /** The lab's anchor (its section's id). */
  anchor: string;
  /** Whether it is the page's first lab (a lab on its own, as in a test, is). */
  first: boolean;
}

/** The placement of copy `copy` (0: the first) of `preset`'s lab in `order`. */
export function labPlacement(
  order: readonly PresetId[] | null,
  preset: PresetId,
  copy = 0,
): LabPlacement {
  return {
    anchor: copy === 0 ? `lab-${preset}` : `lab-${preset}-${copy + 1}`,
    first: copy === 0 && (order === null || order[0] === preset),
  };
}

/** This lab's placement on the page. */
export function useLabPlacement(preset: PresetId, copy = 0): LabPlacement {
  return labPlacement(useContext(LabOrderContext), preset, copy);
}
