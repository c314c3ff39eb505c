/** The article's sections in reading order: the table of contents and the anchors use these. */
export const SECTIONS = [
  { id: 'residual-block', title: 'The residual block' },
  { id: 'gradient-flow', title: 'Why the gradient survives' },
  { id: 'batch-norm', title: 'Exploding gradients and batch norm' },
  { id: 'depth', title: 'Depth and block order' },
  { id: 'stack', title: 'Other views of why it works' },
  { id: 'before-2015', title: 'How deep nets were trained before 2015' },
  { id: 'playground', title: 'Playground: every setting at once' },
  { id: 'references', title: 'References' },
] as const;

/** The id of one section. */
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The title of a section, by id. */
export function sectionTitle(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}
