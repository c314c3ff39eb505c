/**
 * `npm run claims`: measures every number the article states about our labs (claims.ts) on
 * seeds 1–3, and checks every lab's claim on the held-out seeds 4–6, with the engine on wasm, and writes src/model/labs/claims.json, which the article
 * imports. Takes about two minutes here. Prints each preset's outcome and exits with code 1
 * when a preset's claim does not hold on every seed (the file is still written, to inspect).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CLAIM_SEEDS, HELD_OUT_SEEDS, type ClaimsData } from '../src/model/labs/claims';
import {
  measureDepthSweep,
  measureExtras,
  measureHero,
  measurePresets,
  measureVanishingDepths,
} from '../src/model/labs/measure';
import { allPresets } from '../src/model/labs/presets';
import { claimsFingerprint } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

export const CLAIMS_PATH = fileURLToPath(new URL('../src/model/labs/claims.json', import.meta.url));

async function main(): Promise<void> {
  await useNodeBackend('wasm');
  const started = Date.now();
  const say = (what: string) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
  const loadDigits = async () =>
    new Uint8Array(await readFile(new URL('../public/data/digits.bin', import.meta.url)));
  const presets = await measurePresets(loadDigits, say);
  const extras = await measureExtras(say);
  const depthSweep = await measureDepthSweep(say);
  const hero = await measureHero(say);
  const vanishingDepths = await measureVanishingDepths(say);
  const data: ClaimsData = {
    command: 'npm run claims',
    fingerprint: claimsFingerprint(),
    seeds: [...CLAIM_SEEDS],
    heldOutSeeds: [...HELD_OUT_SEEDS],
    presets,
    extras,
    depthSweep,
    hero,
    vanishingDepths,
  };
  const tmp = `${CLAIMS_PATH}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(data, null, 1) + '\n');
  await rename(tmp, CLAIMS_PATH);
  let failed = 0;
  for (const p of allPresets()) {
    const c = presets[p.id];
    const loss = (v: (number | null)[]) =>
      v.map((a) => (a === null ? '–' : a.toFixed(3))).join('/');
    const losses = c.nets.map(
      (n, i) => `${'AB'[i]} ${loss(n.trainLoss)} | ${loss(n.heldOut.trainLoss)}`,
    );
    const ok = c.holds.every(Boolean) && c.heldOutHolds.every(Boolean);
    if (!ok) failed++;
    console.log(
      `${ok ? 'holds' : 'FAILS'}  ${p.id}: training loss on seeds 1/2/3 | 4/5/6: ${losses.join('; ')}` +
        (ok ? '' : ` (holds ${c.holds.join('/')} | ${c.heldOutHolds.join('/')})`),
    );
  }
  console.log(`wrote ${CLAIMS_PATH} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed > 0) process.exit(1);
}

main().catch((e: unknown) => {
  process.stderr.write(`claims: failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
