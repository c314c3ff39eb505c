// @vitest-environment node
/**
 * The step 0 a lab draws before its worker has measured anything (precomputed.ts, from
 * claims.json): there is one for every network of every preset, it fits the network (one value
 * per weight layer and per block input), a changed network has none (the lab then waits for its
 * worker), and it is what the engine computes now: recomputed on wasm, the backend claims.json
 * was written on (and the labs' first choice), and on cpu, whose float32 sums run in another
 * order. The claims fingerprint (tests/shipped/claims.test.ts) says when claims.json is stale; this
 * says that the numbers a lab draws are the numbers its worker will measure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../model/engine/data';
import { Session } from '../../../model/engine/experiment';
import { weightLayerNames } from '../../../model/engine/layer-names';
import { PRESET_IDS, preset } from '../../../model/labs/presets';
import { useNodeBackend } from '../../../../scripts/node-backend';
import { precomputedStep0 } from './precomputed';

/**
 * Largest relative difference allowed between the shipped step 0 and the one recomputed now, per
 * backend. On wasm, the backend `npm run claims` used, the engine computes the same float32
 * operations in the same order: the numbers are equal (1e-6 allows for nothing more than the
 * last bit). On cpu the products are summed in another order, about 1e-7 relative each; through
 * 50 layers that adds up to under 1e-5 on every net (measured 0.4–9e-6) but one, the exploding
 * lab's plain ReLU net with batch norm, which amplifies rounding by some 1e4: 0.1–8.5 % per layer
 * (measured). A browser on a backend other than wasm shows that much of a change when its own
 * step 0 replaces the precomputed one; on wasm, none.
 */
const TOLERANCE = { wasm: 1e-6, cpu: 1e-4, cpuExplodingPlain: 0.15 } as const;

function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  }
  return worst;
}

describe('the precomputed step 0 of the labs', () => {
  it('is there for every network of every preset, and fits the network', () => {
    for (const id of PRESET_IDS) {
      const nets = preset(id).nets;
      const seeds = precomputedStep0(nets);
      expect(seeds, id).not.toBeNull();
      seeds!.forEach(({ layers, record }, i) => {
        const blocks = nets[i]!.blocks;
        expect(layers, id).toEqual(weightLayerNames(blocks));
        expect(record.step).toBe(0);
        expect(record.gradNorms, id).toHaveLength(layers.length);
        expect(record.signalGradNorms, id).toHaveLength(blocks + 1);
        expect(record.activationNorms, id).toHaveLength(blocks + 1);
        expect(Number.isFinite(record.loss) && record.loss > 0, id).toBe(true);
        expect(
          [...record.gradNorms].every((g) => Number.isFinite(g) && g >= 0),
          id,
        ).toBe(true);
      });
    }
  });

  it('is missing for a network that differs from the presets’, so the lab waits for its worker', () => {
    const [a, b] = preset('vanishing').nets;
    expect(precomputedStep0([{ ...a!, blocks: 23 }, b!])).toBeNull();
    expect(precomputedStep0([{ ...a!, seed: 2 }])).toBeNull();
    // The same network whichever way its shortcuts are spelled (configKey.ts).
    const perBlock = { ...b!, skip: Array.from({ length: b!.blocks }, () => 'identity' as const) };
    expect(precomputedStep0([perBlock])).not.toBeNull();
  });

  describe.each(['wasm', 'cpu'] as const)('recomputed by the engine now, on %s', (backend) => {
    beforeAll(async () => {
      await useNodeBackend(backend);
    });

    it.each(PRESET_IDS)('%s: agrees with the shipped step 0', async (id) => {
      const nets = preset(id).nets;
      const seeds = precomputedStep0(nets)!;
      for (const [i, config] of nets.entries()) {
        const tolerance =
          backend === 'wasm'
            ? TOLERANCE.wasm
            : id === 'exploding' && i === 0
              ? TOLERANCE.cpuExplodingPlain
              : TOLERANCE.cpu;
        const session = new Session(config, await loadDataset(config.dataset, config.seed));
        try {
          const now = await session.step();
          const { record } = seeds[i]!;
          for (const [name, shipped, fresh] of [
            ['weight gradients', record.gradNorms, now.gradNorms],
            ['signal gradients', record.signalGradNorms, now.signalGradNorms],
            ['activations', record.activationNorms, now.activationNorms],
            ['loss', [record.loss], [now.loss]],
          ] as const)
            expect(relativeDifference(shipped, fresh), `${id} ${'AB'[i]} ${name}`).toBeLessThan(
              tolerance,
            );
        } finally {
          session.dispose();
        }
      }
    });
  });
});
