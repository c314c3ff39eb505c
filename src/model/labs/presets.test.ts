// @vitest-environment node
/** The playground's, the vanishing lab's and the exploding lab's claims in training. */
import { beforeAll } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { checkPresets } from '../../../tests/support/presets';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

checkPresets(['playground', 'vanishing', 'exploding']);
