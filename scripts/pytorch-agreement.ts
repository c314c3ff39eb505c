/**
 * Prints how closely the PyTorch export reproduces the engine, for every block variant with
 * SGD or momentum and with Adam (the cases of scripts/pytorch-export.test.ts): the worst relative
 * difference of step 0's loss, weight-gradient and signal-gradient norms, of the loss at the last
 * step, and of the final training and test losses, from the replicate folder and from the seed.
 *   npx tsx scripts/pytorch-agreement.ts            (about a minute; needs python3-torch)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { runExperiment } from '../src/model/engine/experiment';
import { useNodeBackend } from './node-backend';
import type { Agreement, ResultJson } from './pytorch-harness';

async function main(): Promise<void> {
  // The harness builds the script from its .py files, which Node reads as text only once the
  // hooks are registered (scripts/text-imports.mjs); they apply to later imports, so this one is
  // dynamic.
  register('./text-imports.mjs', import.meta.url);
  const {
    agreement,
    agreementCases,
    labCases,
    asJson,
    exportCase,
    DIGITS_BIN,
    readResult,
    runScriptOnFolders,
    runTorchrun,
    step0Difference,
    torchProblem,
    torchrunCase,
    writeScript,
    AGREEMENT_STEPS,
  } = await import('./pytorch-harness');
  const loadDigits = async () => new Uint8Array(readFileSync(DIGITS_BIN));
  const problem = torchProblem();
  if (problem) throw new Error(problem);
  await useNodeBackend('wasm');
  const dir = process.env.AGREEMENT_DIR ?? mkdtempSync(join(tmpdir(), 'residual-agreement-'));
  const cases = [...agreementCases(), ...labCases()];
  const results = [];
  for (const [i, c] of cases.entries()) {
    results.push(await exportCase(c.config, join(dir, String(i))));
  }
  // The engine against itself: the same cases on tfjs's cpu backend, the float-noise floor.
  await useNodeBackend('cpu');
  const onCpu = [];
  for (const c of cases) onCpu.push(await runExperiment(c.config, { loadDigits }));
  const script = join(dir, 'run.py');
  writeScript(script);
  await runScriptOnFolders(
    script,
    cases.map((_, i) => join(dir, String(i))),
  );
  const fmt = (x: number) => x.toExponential(1);
  const cols = (a: Agreement) => [a.loss0, a.grads0, a.signals0, a.lossEnd, a.final].map(fmt);
  console.log(
    `Worst relative difference from the engine (wasm backend), 3 blocks of width 8, batch 32, ` +
      `${AGREEMENT_STEPS} steps. Replicated: from the exported folder; seeded: from the seed alone.\n`,
  );
  console.log(
    '| variant | init, scale, data | optimizer | loss₀ | ‖∂L/∂W‖₀ | ‖∂L/∂x‖₀ | loss₁₉ | final loss | seeded: worst | engine cpu vs wasm: worst |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let worst = 0;
  for (const [i, c] of cases.entries()) {
    const rep = agreement(results[i]!, readResult(join(dir, String(i)), 'pytorch'));
    const seeded = agreement(results[i]!, readResult(join(dir, String(i)), 'seeded'));
    const seededWorst = Math.max(...Object.values(seeded));
    const floor = Math.max(...Object.values(agreement(results[i]!, asJson(onCpu[i]!))));
    worst = Math.max(worst, ...Object.values(rep), seededWorst);
    const { init, branchScale, dataset, optimizer } = c.config;
    const variant = c.name.startsWith('lab ') ? c.name : c.name.split(' ')[0];
    console.log(
      `| ${variant} | ${init}, ${branchScale}, ${dataset} | ${optimizer} | ${cols(rep).join(' | ')} | ${fmt(seededWorst)} | ${fmt(floor)} |`,
    );
  }
  console.log(`\nworst over every case and measure: ${fmt(worst)}`);
  const t = torchrunCase(cases);
  const out = join(dir, 'torchrun.json');
  const r = await runTorchrun(script, join(dir, String(t)), out, 2);
  if (r.code !== 0) throw new Error(`torchrun failed: ${r.stderr}`);
  const two = JSON.parse(readFileSync(out, 'utf8')) as ResultJson;
  const diff = step0Difference(two, readResult(join(dir, String(t)), 'pytorch'));
  console.log(
    `two processes (torchrun, gloo) vs one, ${cases[t]!.name}: worst relative difference of ` +
      `step 0's loss and norms ${fmt(diff)}`,
  );
  console.log(`folders, with pytorch.json and seeded.json: ${dir}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`pytorch-agreement: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
