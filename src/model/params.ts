/**
 * Parameters of the network, held in ONE flat tfjs variable θ. Each parameter (a kernel, a bias,
 * a batch-norm γ or β) is a named view into θ. Why: tfjs runs one kernel per op per variable,
 * and per-op overhead, not arithmetic, dominates these small nets; with a single variable the
 * optimizer update is about a dozen ops instead of a dozen per parameter, and the per-layer
 * gradient norms come from a few reshapes of one gradient.
 *
 * Layout of θ: [block kernels (count × W × W) | width-W vectors (count × W) | other params].
 * Names such as `block3/dense1/kernel` stay stable, for the CLI export and for twin runs that
 * share initial weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Init } from './config';
import { normalArray, streamRng } from './rng';

/** A named parameter: a view of `size` values of θ. */
export interface Param {
  name: string;
  shape: number[];
  size: number;
  /** Position among the parameters (creation order), which is also the export order. */
  index: number;
}

/** A dense layer y = x·W (+ b). */
export interface DenseParams {
  /** [in, out] */
  kernel: Param;
  /** [out]; absent when batch norm follows the layer and would cancel any bias. */
  bias?: Param;
}

/** Batch-norm scale γ (starts at 1) and shift β (starts at 0), each [width]. */
export interface BatchNormParams {
  gamma: Param;
  beta: Param;
}

/** Standard deviation of a kernel's initial entries for a scheme and fan-in/fan-out. */
export function initStd(init: Init, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'glorot':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'small':
      return 0.01;
  }
}

type Region = 'blockKernel' | 'vector' | 'other';

/** Collects parameters and their initial values, then packs them into θ. */
export class ParamStore {
  readonly params: Param[] = [];
  private readonly regions: Region[] = [];
  private readonly initial: Float32Array[] = [];

  constructor(
    private readonly seed: number,
    private readonly init: Init,
    /** Width W of the blocks: W×W kernels and W-vectors get packed regions. */
    private readonly width: number,
  ) {}

  /** A dense layer with seeded normal weights and zero bias (when `withBias`). */
  dense(name: string, fanIn: number, fanOut: number, withBias: boolean): DenseParams {
    const std = initStd(this.init, fanIn, fanOut);
    const values = normalArray(streamRng(this.seed, `${name}/kernel`), fanIn * fanOut, std);
    const square = fanIn === this.width && fanOut === this.width && name.startsWith('block');
    const kernel = this.add(
      `${name}/kernel`,
      [fanIn, fanOut],
      values,
      square ? 'blockKernel' : 'other',
    );
    if (!withBias) return { kernel };
    return { kernel, bias: this.vector(`${name}/bias`, fanOut, 0) };
  }

  /** Batch-norm parameters γ = 1, β = 0. */
  batchNorm(name: string, width: number): BatchNormParams {
    return {
      gamma: this.vector(`${name}/gamma`, width, 1),
      beta: this.vector(`${name}/beta`, width, 0),
    };
  }

  private vector(name: string, size: number, fill: number): Param {
    const region = size === this.width ? 'vector' : 'other';
    return this.add(name, [size], new Float32Array(size).fill(fill), region);
  }

  private add(name: string, shape: number[], values: Float32Array, region: Region): Param {
    const p = { name, shape, size: values.length, index: this.params.length };
    this.params.push(p);
    this.regions.push(region);
    this.initial.push(values);
    return p;
  }

  /** Packs the initial values into θ and returns the layout that reads it back. */
  build(): PackedParams {
    return new PackedParams(this.params, this.regions, this.initial, this.width);
  }
}

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
  /** Scalar int32 tensors 0, 1, …, kept for θ's lifetime: the row selectors of `rows`. */
  private readonly rowIndices: tf.Tensor[];

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
    const rows = Math.max(this.blockKernels.length, this.vectors.length);
    this.rowIndices = Array.from({ length: rows }, (_, k) => tf.keep(tf.scalar(k, 'int32')));
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
   * parameter index: one split, then the rows of each packed region. Pass `differentiable`
   * when tfjs will differentiate through the result.
   */
  unpack(flat: tf.Tensor, differentiable = false): tf.Tensor[] {
    return this.views(flat, differentiable, false).params;
  }

  /**
   * `unpack` for the hand-written training pass, from the same single split: the parameters,
   * and on wasm Wᵀ of every block kernel (by parameter index) made in one transpose. Why:
   * tfjs-wasm multiplies by a transposed operand (matMul's transpose flags) on a slow path,
   * measured 4–8× slower than a plain product for these shapes; elsewhere the map is empty.
   */
  trainingViews(flat: tf.Tensor): { params: tf.Tensor[]; transposed: Map<number, tf.Tensor2D> } {
    return this.views(flat, false, tf.getBackend() === 'wasm');
  }

  private views(flat: tf.Tensor, differentiable: boolean, withTransposed: boolean) {
    const w = this.width;
    const nB = this.blockKernels.length;
    // Rows by gather only on wasm, where slicing is slow (see `rows`), and only when tfjs will
    // not differentiate: the gradient of a gather needs UnsortedSegmentSum, which wasm lacks.
    // On webgl the gathers made the step slower (bench), so it keeps tf.unstack.
    const byGather = !differentiable && tf.getBackend() === 'wasm';
    const split = (region: tf.Tensor) => (byGather ? this.rows(region) : tf.unstack(region));
    const params = new Array<tf.Tensor>(this.params.length);
    const transposed = new Map<number, tf.Tensor2D>();
    const [kernels, vectors, ...rest] = tf.split(flat, this.regionSizes());
    if (nB > 0) {
      const region = tf.reshape(kernels!, [nB, w, w]);
      const parts = split(region);
      this.blockKernels.forEach((p, k) => (params[p] = parts[k]!));
      if (withTransposed) {
        const flipped = split(tf.transpose(region, [0, 2, 1]));
        this.blockKernels.forEach((p, k) => transposed.set(p, flipped[k] as tf.Tensor2D));
      }
    }
    if (this.vectors.length > 0) {
      const parts = split(tf.reshape(vectors!, [this.vectors.length, w]));
      this.vectors.forEach((p, k) => (params[p] = parts[k]!));
    }
    this.others.forEach((p, k) => (params[p] = tf.reshape(rest[k]!, this.params[p]!.shape)));
    return { params, transposed };
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
    const [blockPart, , ...rest] = tf.split(flatGrad, this.regionSizes());
    const nB = this.blockKernels.length;
    const parts: tf.Tensor1D[] = nB > 0 ? [rowNorms(tf.reshape(blockPart!, [nB, w * w]))] : [];
    const outside = kernels.filter((p) => !this.blockKernels.includes(p));
    if (outside.length > 0) {
      const rows = outside.map((p) => {
        const o = this.others.indexOf(p);
        if (o < 0) throw new Error(`parameter ${this.params[p]!.name} is not a kernel`);
        return tf.reshape(rest[o]!, [1, -1]);
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

  /**
   * The rows of `x` [k, …] as k tensors of shape […], by one gather each. Why not tf.unstack:
   * tfjs-wasm slices by reading the whole input once per output, so unstacking k rows copies k
   * times the input: measured 95 ms for 200 kernels of 32×32 (100 blocks) against 11 ms here.
   */
  private rows(x: tf.Tensor): tf.Tensor[] {
    return this.rowIndices.slice(0, x.shape[0]).map((i) => tf.gather(x, i));
  }

  dispose(): void {
    tf.dispose(this.rowIndices);
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
