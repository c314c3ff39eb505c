/**
 * The plot palette. `a` and `b` are the twin runs: a blue and an orange that stay apart under the
 * common colour-vision deficiencies (they differ in lightness as well as hue). The greys are for
 * axes, grid and reference series.
 */
export const PLOT_COLORS = {
  /** Run A. */
  a: '#1f77b4',
  /** Run B. */
  b: '#d95f02',
  /**
   * A reader's own run of A and of B, drawn beside a precomputed one: the same hues, much darker,
   * so that they read as the same block order and still stand apart from the precomputed lines.
   */
  aDark: '#0a3d66',
  bDark: '#8a3a00',
  /** Text and axis lines. */
  ink: '#1b1f24',
  /** Tick labels and secondary text. */
  muted: '#55606d',
  /** A neutral reference series (e.g. the step-0 profile when only one run is shown). */
  reference: '#8a939e',
  /** Grid lines. */
  grid: '#e3e6ea',
  /** Heatmap cells whose value is exactly 0 (below float32 range on a log scale). */
  zero: '#c8c8c8',
  /** Heatmap cells whose value is NaN or ±Infinity. */
  nonFinite: '#e7298a',
} as const;

/** The font used for all plot text, also written into exported SVG. */
export const PLOT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
