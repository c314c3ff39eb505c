/**
 * Step-0 records measured ahead of time by `npm run claims` (claims.json) for the networks each
 * lab opens with, on the seed it opens with: a lab draws its gradient profile from these the
 * moment it mounts, before its worker has started tfjs, and the worker's own step 0 (the same
 * numbers, since the engine is deterministic) replaces them when it arrives.
 */
import claimsJson from '../../../model/labs/claims.json';
import type { ClaimsData } from '../../../model/labs/claims';
import type { ExperimentConfig } from '../../../model/engine/config';
import { weightLayerNames } from '../../../model/engine/layer-names';
import type { RunRecord } from '../../../model/worker/protocol';
import { configKey as keyOf } from '../run/configKey';

const CLAIMS = claimsJson as unknown as ClaimsData;

/** A precomputed step 0 for one network, as a lab's history holds it. */
export interface Step0Seed {
  layers: string[];
  record: RunRecord;
}

/** Every network whose step 0 claims.json holds, by its config (seed included). */
const BY_CONFIG: ReadonlyMap<string, Step0Seed> = new Map(
  Object.values(CLAIMS.presets).flatMap((p) =>
    p.nets.map((n) => [
      keyOf(n.config),
      {
        layers: weightLayerNames(n.config.blocks),
        record: {
          step: 0,
          loss: n.step0.loss,
          accuracy: n.step0.accuracy,
          gradNorms: Float32Array.from(n.step0.gradNorms),
          signalGradNorms: Float32Array.from(n.step0.signalGradNorms),
          activationNorms: Float32Array.from(n.step0.activationNorms),
          finite: true,
        },
      },
    ]),
  ),
);

/** The precomputed step 0 of every network of `configs`, or null when one of them has none. */
export function precomputedStep0(configs: readonly ExperimentConfig[]): Step0Seed[] | null {
  const seeds = configs.map((c) => BY_CONFIG.get(keyOf(c)));
  return seeds.every((s): s is Step0Seed => s !== undefined) ? seeds : null;
}
