/**
 * The order in which training examples are visited: an endless sequence of seeded permutations
 * of the training set, cut into batches. It depends only on the seed, the training set size and
 * the batch size, never on the model, so twin runs see the same batches in the same order.
 */
import { permutation, streamRng, type Rng } from './rng';

export class BatchSampler {
  private readonly rng: Rng;
  private order: Int32Array;
  private pos = 0;

  constructor(
    seed: number,
    private readonly size: number,
    private readonly batchSize: number,
  ) {
    this.rng = streamRng(seed, 'batches');
    this.order = permutation(this.rng, size);
  }

  /** Indices of the next batch (wrapping into a fresh permutation when an epoch ends). */
  next(): Int32Array {
    const out = new Int32Array(this.batchSize);
    for (let i = 0; i < this.batchSize; i++) {
      if (this.pos === this.size) {
        this.order = permutation(this.rng, this.size);
        this.pos = 0;
      }
      out[i] = this.order[this.pos++]!;
    }
    return out;
  }
}
