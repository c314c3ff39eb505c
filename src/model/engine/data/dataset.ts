/**
 * The in-memory form every dataset takes: row-major feature matrices and integer labels,
 * already split into train and test sets.
 */
export interface Dataset {
  name: string;
  /** Features per example (2 for the planar sets, 64 for the 8×8 digits). */
  inputDim: number;
  numClasses: number;
  /** [trainSize × inputDim], row-major. */
  trainX: Float32Array;
  /** [trainSize], class indices 0 … numClasses−1. */
  trainY: Int32Array;
  /** [testSize × inputDim], row-major. */
  testX: Float32Array;
  /** [testSize] */
  testY: Int32Array;
}

/** Number of training examples. */
export function trainSize(d: Dataset): number {
  return d.trainY.length;
}

/** Number of test examples. */
export function testSize(d: Dataset): number {
  return d.testY.length;
}

/** Copies the rows `rows` of the row-major matrix `x` (`dim` columns) into a new matrix. */
export function takeRows(x: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out.set(x.subarray(r * dim, (r + 1) * dim), i * dim);
  }
  return out;
}
