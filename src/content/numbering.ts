/**
 * The article's numbered items in reading order: figures, tables and labs. A caption's "Figure 4"
 * and every cross-reference to it come from here, so that a figure moved in the text renumbers
 * everywhere at once; the article test checks that the numbers run in document order.
 *
 * Each id is the anchor of the item on the page (a lab's is `lab-<preset>`).
 */
import type { PresetId } from '../model/labs/presets';

export const FIGURES = [
  'opening',
  'blocks-plain-original',
  'degradation',
  'blocks-original-pre',
  'thousand-layers',
  'depth-explorer',
  'lesion',
  'path-lengths',
  'path-gradients',
  'shattered',
  'landscape',
] as const;

export const TABLES = [
  'table-shortcuts',
  'table-resnet-depths',
  'table-orderings',
  'table-orders-by-depth',
] as const;

export const LABS = [
  'vanishing',
  'exploding',
  'unnormalised',
  'order-saturating',
  'playground',
] as const satisfies readonly PresetId[];

export type FigureId = (typeof FIGURES)[number];
export type TableId = (typeof TABLES)[number];
export type LabId = (typeof LABS)[number];

/** "Figure 4". */
export function figureLabel(id: FigureId): string {
  return `Figure ${FIGURES.indexOf(id) + 1}`;
}

/** "Table 2". */
export function tableLabel(id: TableId): string {
  return `Table ${TABLES.indexOf(id) + 1}`;
}

/** "Lab 2". */
export function labLabel(id: LabId): string {
  return `Lab ${LABS.indexOf(id) + 1}`;
}
