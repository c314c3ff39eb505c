/**
 * Cross-references by name: "Figure 4", "Table 2", "Lab 1", each a link to the item, numbered
 * from numbering.ts. The article uses these, never a nickname ("the lesion figure") that appears
 * nowhere on the page.
 */
import {
  figureLabel,
  labLabel,
  tableLabel,
  type FigureId,
  type LabId,
  type TableId,
} from './numbering';

export function FigRef({ id }: { id: FigureId }) {
  return <a href={`#${id}`}>{figureLabel(id)}</a>;
}

export function TableRef({ id }: { id: TableId }) {
  return <a href={`#${id}`}>{tableLabel(id)}</a>;
}

export function LabRef({ id }: { id: LabId }) {
  return <a href={`#lab-${id}`}>{labLabel(id)}</a>;
}
