/**
 * The labs the article links to, one id each. The lab component (src/components/lab) turns an id
 * into one or two configurations; the article places a lab with <LabSlot preset="…" />.
 */
export const PRESET_IDS = [
  /** The free lab: every control, one network. */
  'playground',
  /** A deep plain sigmoid net whose gradients vanish, next to its residual cure. */
  'vanishing',
  /** A deep plain ReLU net with batch norm whose gradients explode toward the input, vs residual. */
  'exploding',
  /** Original vs pre-activation blocks with a saturating activation: a stark difference. */
  'order-saturating',
  /** Original vs pre-activation blocks with ReLU + batch norm: a small difference at this depth. */
  'order-relu-bn',
  /** A deep residual net without normalisation that diverges, and branch scaling that fixes it. */
  'unnormalised',
] as const;

export type PresetId = (typeof PRESET_IDS)[number];
