/**
 * θ, the one flat variable that holds every parameter, and the map between θ and the parameter
 * tensors (see params.ts for why one variable).
 *
 * Layout of θ: [block kernels (count × W × W) | width-W vectors (count × W) | other params].
 * On wasm the parameters are cut out of θ with `copyRange` (wasm-range.ts): tfjs-wasm's own
 * slice, split and unstack copy the whole input once per output.
 */
import * as tf from '@tensorflow/tfjs';
import { copyRange } from './wasm-range';

/** A named parameter: a view of `size` values of θ. */
export interface Param {
  name: string;
  shape: number[];
  size: number;
  /** Position among the parameters (creation order), which is also the export order. */
  index: number;
}

/** Where a parameter sits in θ: with the W×W block kernels, the W-vectors, or on its own. */
export type Region = 'blockKernel' | 'vector' | 'other';

/** θ and the map from θ to the parameter tensors. */
export class PackedParams {
  /** θ: every parameter, flattened. */
  readonly theta: tf.Variable;
  /** Indices of the parameters in each region, in layout order. */
  private readonly blockKernels: number[];
  private readonly vectors: number[];
  private readonly others: number[];
  /** Offset of each parameter in θ (by parameter index). */
  readonly offsets: number[];

  constructor(
    readonly params: readonly Param[],
    regions: readonly Region[],
    initial: readonly Float32Array[],
    private readonly width: number,
  ) {
    const pick = (r: Region) => params.filter((_, i) => regions[i] === r).map((p) => p.index);
    this.blockKernels = pick('blockKernel');
    this.vectors = pick('vector');
    this.others = pick('other');
    const order = [...this.blockKernels, ...this.vectors, ...this.others];
    const total = params.reduce((s, p) => s + p.size, 0);
    const values = new Float32Array(total);
    this.offsets = new Array<number>(params.length).fill(0);
    let at = 0;
    for (const i of order) {
      this.offsets[i] = at;
      values.set(initial[i]!, at);
      at += params[i]!.size;
    }
    // Inside tidy: the temporary tensor is released once the variable holds the data (tfjs #133).
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(values), true));
  }

  private regionSizes(): number[] {
    const w = this.width;
    return [
      this.blockKernels.length * w * w,
      this.vectors.length * w,
      ...this.others.map((i) => this.params[i]!.size),
    ];
  }

  /**
   * Splits `flat` (θ, or a tensor laid out like θ) into one tensor per parameter, indexed by
   * parameter index. Pass `differentiable` when tfjs will differentiate through the result.
   */
  unpack(flat: tf.Tensor, differentiable = false): tf.Tensor[] {
    return this.views(flat, differentiable, false).params;
  }

  /**
   * `unpack` for the hand-written training pass: the parameters, and on wasm Wᵀ of every block
   * kernel (by parameter index) made in one transpose. Why: tfjs-wasm multiplies by a
   * transposed operand (matMul's transpose flags) on a slow path, measured 4–8× slower than a
   * plain product for these shapes; elsewhere the map is empty.
   */
  trainingViews(flat: tf.Tensor): { params: tf.Tensor[]; transposed: Map<number, tf.Tensor2D> } {
    return this.views(flat, false, tf.getBackend() === 'wasm');
  }

  private views(flat: tf.Tensor, differentiable: boolean, withTransposed: boolean) {
    const params = new Array<tf.Tensor>(this.params.length);
    const transposed = new Map<number, tf.Tensor2D>();
    // On wasm, one copy of each parameter's range (see the file comment) unless tfjs will
    // differentiate (copyRange has no gradient). Elsewhere one split and an unstack per region,
    // which on webgl measured faster than a gather per parameter (bench).
    if (!differentiable && tf.getBackend() === 'wasm') {
      this.params.forEach((p) => {
        params[p.index] = copyRange(flat, this.offsets[p.index]!, p.size, p.shape);
      });
      if (withTransposed) this.transposeBlockKernels(flat, transposed);
      return { params, transposed };
    }
    const w = this.width;
    const nB = this.blockKernels.length;
    const [kernels, vectors, ...rest] = tf.split(flat, this.regionSizes());
    if (nB > 0) {
      const parts = tf.unstack(tf.reshape(kernels!, [nB, w, w]));
      this.blockKernels.forEach((p, k) => (params[p] = parts[k]!));
    }
    if (this.vectors.length > 0) {
      const parts = tf.unstack(tf.reshape(vectors!, [this.vectors.length, w]));
      this.vectors.forEach((p, k) => (params[p] = parts[k]!));
    }
    this.others.forEach((p, k) => (params[p] = tf.reshape(rest[k]!, this.params[p]!.shape)));
    return { params, transposed };
  }

  /** Wᵀ of every block kernel of `flat`, by one transpose of the region (wasm only). */
  private transposeBlockKernels(flat: tf.Tensor, into: Map<number, tf.Tensor2D>): void {
    const w = this.width;
    const nB = this.blockKernels.length;
    if (nB === 0) return;
    const region = copyRange(flat, 0, nB * w * w, [nB, w, w]);
    const flipped = tf.transpose(region, [0, 2, 1]);
    this.blockKernels.forEach((p, k) =>
      into.set(p, copyRange<tf.Rank.R2>(flipped, k * w * w, w * w, [w, w])),
    );
  }

  /**
   * The inverse of `unpack`: one tensor per parameter (by parameter index, each of the
   * parameter's shape) into one flat tensor laid out like θ.
   * @throws Error when a parameter has no tensor.
   */
  pack(parts: readonly (tf.Tensor | undefined)[]): tf.Tensor1D {
    const part = (p: number) => {
      const t = parts[p];
      if (!t) throw new Error(`no value for parameter ${this.params[p]!.name}`);
      return t;
    };
    // Concatenating the W×W kernels along rows (and the W-vectors end to end) gives their
    // row-major layout directly, in one kernel each; tf.stack would add a reshape per part.
    const pieces: tf.Tensor[] = [];
    if (this.blockKernels.length > 0) pieces.push(tf.concat(this.blockKernels.map(part), 0));
    if (this.vectors.length > 0) pieces.push(tf.concat(this.vectors.map(part), 0));
    for (const p of this.others) pieces.push(part(p));
    return tf.concat(pieces.map((t) => (t.rank === 1 ? t : tf.reshape(t, [-1])))) as tf.Tensor1D;
  }

  /**
   * Frobenius norms of the parameters `kernels` (indices) from a gradient laid out like θ.
   * Returns [kernels.length]. A fixed handful of ops whatever the depth (kernel launches, not
   * arithmetic, dominate a step of these small nets): one row-norm pass over all block kernels,
   * one over the other kernels zero-padded to a common length, and one gather into order.
   * @throws Error when an index is not a weight matrix.
   */
  norms(flatGrad: tf.Tensor, kernels: readonly number[]): tf.Tensor1D {
    const w = this.width;
    const nB = this.blockKernels.length;
    const range = (begin: number, size: number) =>
      tf.getBackend() === 'wasm'
        ? copyRange(flatGrad, begin, size)
        : tf.slice(flatGrad, begin, size);
    const parts: tf.Tensor1D[] =
      nB > 0 ? [rowNorms(tf.reshape(range(0, nB * w * w), [nB, w * w]))] : [];
    const outside = kernels.filter((p) => !this.blockKernels.includes(p));
    if (outside.length > 0) {
      const rows = outside.map((p) => {
        if (!this.others.includes(p)) {
          throw new Error(`parameter ${this.params[p]!.name} is not a kernel`);
        }
        return tf.reshape(range(this.offsets[p]!, this.params[p]!.size), [1, -1]);
      });
      const len = Math.max(...rows.map((r) => r.shape[1]!));
      // Zero padding changes neither a row's largest entry nor its sum of squares.
      const padded = rows.map((r) =>
        r.shape[1] === len
          ? r
          : tf.pad(r, [
              [0, 0],
              [0, len - r.shape[1]!],
            ]),
      );
      parts.push(rowNorms(tf.concat(padded, 0)));
    }
    const position = (p: number) => {
      const b = this.blockKernels.indexOf(p);
      return b >= 0 ? b : nB + outside.indexOf(p);
    };
    return tf.gather(tf.concat(parts), tf.tensor1d(kernels.map(position), 'int32')) as tf.Tensor1D;
  }

  /** The current values of every parameter, by parameter index. */
  async values(): Promise<Float32Array[]> {
    const all = (await this.theta.data()) as Float32Array;
    return this.params.map((p) =>
      all.slice(this.offsets[p.index]!, this.offsets[p.index]! + p.size),
    );
  }

  dispose(): void {
    this.theta.dispose();
  }
}

/**
 * L2 norm of every row of `x` [k, m] → [k], computed as s·‖x/s‖ with s the row's largest |x|.
 * Why: in a deep sigmoid net the gradients of the first layers are near 1e-25, whose squares
 * underflow float32 to 0; scaling first keeps such norms exact down to float32's smallest values.
 */
export function rowNorms(x: tf.Tensor): tf.Tensor1D {
  const scale = tf.maximum(tf.max(tf.abs(x), 1, true), 1e-30);
  return tf.mul(
    tf.sqrt(tf.sum(tf.square(tf.div(x, scale)), 1)),
    tf.reshape(scale, [-1]),
  ) as tf.Tensor1D;
}
