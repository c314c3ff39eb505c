/** The article's sections in reading order: the table of contents and the anchors use these. */
export const SECTIONS = [
  { id: 'premise', title: 'Learn the change, keep the input' },
  { id: 'before-2015', title: 'How deep nets were trained before 2015' },
  { id: 'residual-block', title: 'The residual block' },
  { id: 'stack', title: 'A stack of blocks, unrolled' },
  { id: 'gradient-flow', title: 'Gradients on the identity path' },
  { id: 'batch-norm', title: 'Batch norm inside the block' },
  { id: 'pre-activation', title: 'Pre-activation: moving the nonlinearity' },
  { id: 'playground', title: 'Playground: every setting at once' },
  { id: 'references', title: 'References' },
] as const;

/** The id of one section. */
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The title of a section, by id. */
export function sectionTitle(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}
