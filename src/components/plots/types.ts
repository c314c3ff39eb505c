/** One line of a per-layer profile: one value per layer, input side first. */
export interface Series {
  id: string;
  label: string;
  /** Any CSS colour; see PLOT_COLORS for the twin-run palette. */
  color: string;
  values: ArrayLike<number>;
  /** Dashed stroke (e.g. the step-0 reference profile, or a test curve). */
  dashed?: boolean;
  /** Thin, translucent stroke for a reference series that should recede. */
  faint?: boolean;
}

/** One curve over steps: x and y have the same length. */
export interface CurveSeries {
  id: string;
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dashed?: boolean;
  /**
   * A thinner solid line with hollow circles at its points (thinned out on long curves): the
   * reader's own run beside precomputed ones, visible even where it lies exactly on them.
   */
  markers?: boolean;
}

/** How a y axis maps values. */
export type YScaleKind = 'linear' | 'log';

/** One group of a depth plot (plain nets, say): a point per run and the median per depth. */
export interface DepthGroup {
  id: string;
  label: string;
  color: string;
  /** x: the depth; y: the run's value (a run without a finite value is listed, not drawn). */
  points: { x: number; y: number; label: string }[];
  /** The median per depth, depths ascending. */
  medians: { x: number; y: number }[];
  /**
   * Hollow dots and a thinner median line (a second set of runs beside the first, as a
   * CurveSeries with markers is drawn).
   */
  hollow?: boolean;
}
