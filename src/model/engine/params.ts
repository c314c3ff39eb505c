/**
 * Parameters of the network, held in ONE flat tfjs variable θ. Each parameter (a kernel, a bias,
 * a batch-norm γ or β) is a named view into θ. Why: tfjs runs one kernel per op per variable,
 * and per-op overhead, not arithmetic, dominates these small nets; with a single variable the
 * optimizer update is about a dozen ops instead of a dozen per parameter, and the per-layer
 * gradient norms come from a few reshapes of one gradient.
 *
 * Layout of θ (packed-params.ts), end to end: [block kernels (count × W × W) | width-W vectors
 * (count × W) | other params]. Names such as `block3/dense1/kernel` stay stable, for the CLI
 * export and for twin runs that share initial weights.
 */
import type { Init } from './config';
import { PackedParams, type Param, type Region } from './packed-params';

export type { Param, Region };
import { normalArray, streamRng } from './rng';

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
