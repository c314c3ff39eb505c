// @vitest-environment node
/** The block-order and normalisation labs' claims in training: see presets.test.ts. */
import { beforeAll } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { checkPresets } from '../../../tests/support/presets';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

checkPresets(['order-saturating', 'unnormalised']);
