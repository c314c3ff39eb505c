// @vitest-environment node
/** Part 2 of the presets' claims in training (tests/support/presets.ts says what is checked). */
import { beforeAll } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { checkPresets, claimTestPart } from '../../../tests/support/presets';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

checkPresets(claimTestPart(import.meta.url));
