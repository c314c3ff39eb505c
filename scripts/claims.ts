/**
 * `npm run claims`: measures every number the article states about our labs (claims.ts) on
 * seeds 1–3 with the engine on wasm, and writes src/model/claims.json, which the article
 * imports. Takes about two minutes here. Prints each preset's outcome and exits with code 1
 * when a preset's claim does not hold on every seed (the file is still written, to inspect).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  measureDepthSweep,
  measureExtras,
  measurePresets,
  type ClaimsData,
} from '../src/model/claims';
import { allPresets } from '../src/model/presets';
import { claimsFingerprint } from './claims-fingerprint';
import { useNodeBackend } from './node-backend';

export const CLAIMS_PATH = fileURLToPath(new URL('../src/model/claims.json', import.meta.url));

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
  const data: ClaimsData = {
    command: 'npm run claims',
    fingerprint: claimsFingerprint(),
    seeds: [1, 2, 3],
    presets,
    extras,
    depthSweep,
  };
  const tmp = `${CLAIMS_PATH}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(data, null, 1) + '\n');
  await rename(tmp, CLAIMS_PATH);
  let failed = 0;
  for (const p of allPresets()) {
    const c = presets[p.id];
    const acc = c.nets.map(
      (n, i) => `${'AB'[i]} ${n.testAccuracy.map((a) => a.toFixed(3)).join('/')}`,
    );
    const ok = c.holds.every(Boolean);
    if (!ok) failed++;
    console.log(
      `${ok ? 'holds' : 'FAILS'}  ${p.id}: test accuracy on seeds 1/2/3: ${acc.join('; ')}`,
    );
  }
  console.log(`wrote ${CLAIMS_PATH} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed > 0) process.exit(1);
}

main().catch((e: unknown) => {
  process.stderr.write(`claims: failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
