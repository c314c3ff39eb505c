// @vitest-environment node
/**
 * The PyTorch export (src/model/pytorch/script.ts) against the engine: every block variant with
 * SGD or momentum and with Adam, replicated from the exported folder and trained from the seed
 * alone, in one Python process; a two-process torchrun run against the one-process run; and the
 * script's refusals of bad input. Needs Debian's python3-torch (/usr/bin/python3): without it
 * the tests fail, they do not skip. `npx tsx scripts/pytorch-agreement.ts` prints the figures.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, NORMS, ORDERS, SKIPS } from '../src/model/engine/config';
import type { ExperimentResult } from '../src/model/engine/experiment';
import { useNodeBackend } from './node-backend';
import {
  agreement,
  agreementCases,
  labCases,
  LAB_STEP0_EXCEPTION,
  exportCase,
  maskCases,
  PYTHON,
  readResult,
  runCommand,
  runScriptOnFolders,
  runTorchrun,
  step0Difference,
  torchProblem,
  torchrunCase,
  writeScript,
  type ResultJson,
} from './pytorch-harness';

const dir = mkdtempSync(join(tmpdir(), 'residual-pytorch-'));
const script = join(dir, 'run.py');
// Every block variant, then two nets with single shortcuts cut: all checked alike.
const variants = [...agreementCases(), ...maskCases()];
// The labs' own nets, for step 0 (see labCases): two steps each.
const labs = labCases(2);
const cases = [...variants, ...labs];
const folder = (i: number) => join(dir, `case${i}`);
const engine: ExperimentResult[] = [];

// Checked in every test, so that each one fails with this message (a throw in beforeAll would
// fail the file but report its tests as skipped).
const missingTorch = torchProblem();
const needTorch = () => expect(missingTorch, missingTorch ?? '').toBeNull();

// Three hooks, each within the unit project's 60 s under a loaded machine (quiet: about 5, 5
// and 10 s): the engine trains and exports half the cases, then the other half, then one Python
// process runs the script on every folder.
const half = Math.ceil(variants.length / 2);
const exportCases = async (from: number, to: number) => {
  if (missingTorch) return;
  await useNodeBackend('wasm');
  for (let i = from; i < to; i++) engine[i] = await exportCase(cases[i]!.config, folder(i));
};
beforeAll(() => exportCases(0, half), 60_000);
beforeAll(() => exportCases(half, variants.length), 60_000);
beforeAll(() => exportCases(variants.length, cases.length), 60_000);
beforeAll(async () => {
  if (missingTorch) return;
  writeScript(script);
  await runScriptOnFolders(
    script,
    cases.map((_, i) => folder(i)),
  );
}, 60_000);

describe('the PyTorch script reproduces the engine', () => {
  it('covers every block variant, each with SGD or momentum and with Adam', () => {
    needTorch();
    const blockVariants = variants.filter((c) => !c.name.startsWith('cut'));
    const count = SKIPS.length * ORDERS.length * NORMS.length * ACTIVATIONS.length;
    expect(count).toBeGreaterThanOrEqual(24);
    expect(new Set(blockVariants.map((c) => c.name.split(' ')[0])).size).toBe(count);
    expect(variants.filter((c) => Array.isArray(c.config.skip)).map((c) => c.config.order)).toEqual(
      ['pre', 'post'],
    );
    expect(new Set(variants.map((c) => c.config.optimizer))).toEqual(
      new Set(['sgd', 'momentum', 'adam']),
    );
    expect(new Set(variants.map((c) => c.config.init))).toEqual(new Set(['he', 'glorot', 'small']));
  });

  it.each(variants.map((c, i) => [c.name, i] as const))(
    '%s: step 0 within 1e-4, 20 steps within 1e-3, from the folder and from the seed',
    (_name, i) => {
      needTorch();
      for (const source of ['pytorch', 'seeded'] as const) {
        const a = agreement(engine[i]!, readResult(folder(i), source));
        const label = `${cases[i]!.name} (${source}): ${JSON.stringify(a)}`;
        expect(Math.max(a.loss0, a.grads0, a.signals0), label).toBeLessThan(1e-4);
        expect(Math.max(a.lossEnd, a.final), label).toBeLessThan(1e-3);
      }
      // The history has the CLI's schema, so the page's plots could read it.
      const torch = readResult(folder(i), 'pytorch') as unknown as Record<string, unknown>;
      const theirs = readResult(folder(i), 'engine') as unknown as Record<string, unknown>;
      expect(Object.keys(torch)).toEqual(Object.keys(theirs));
      expect(torch.layers).toEqual(theirs.layers);
      const [mine, own] = [torch, theirs].map((r) => (r.history as object[])[0]!);
      expect(Object.keys(mine!)).toEqual(Object.keys(own!));
    },
  );
});

describe("the PyTorch script reproduces step 0 of every lab's networks", () => {
  it.each(labs.map((c, k) => [c.name, variants.length + k] as const))(
    '%s within 1e-4, from the folder and from the seed',
    (name, i) => {
      needTorch();
      for (const source of ['pytorch', 'seeded'] as const) {
        const a = agreement(engine[i]!, readResult(folder(i), source));
        const label = `${name} (${source}): ${JSON.stringify(a)}`;
        if (name === LAB_STEP0_EXCEPTION) {
          expect(a.loss0, label).toBeLessThan(1e-3);
          expect(Math.max(a.grads0, a.signals0), label).toBeLessThan(0.2);
        } else {
          expect(Math.max(a.loss0, a.grads0, a.signals0), label).toBeLessThan(1e-4);
        }
      }
    },
  );
});

describe('the PyTorch script under torchrun', () => {
  it('splits each batch across two processes (gloo) and measures what one process does', async () => {
    needTorch();
    const i = torchrunCase(cases);
    const out = join(dir, 'torchrun.json');
    const r = await runTorchrun(script, folder(i), out, 2);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/trained 2 steps .* on cpu x 2; wrote/);
    const two = JSON.parse(readFileSync(out, 'utf8')) as ResultJson;
    const one = readResult(folder(i), 'pytorch');
    expect(step0Difference(two, one)).toBeLessThan(1e-5);
  });
});

describe('the PyTorch script refuses bad input in one line, exit code 2', () => {
  const refuses = async (args: string[], message: RegExp) => {
    needTorch();
    const r = await runCommand(PYTHON, [script, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Traceback/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  };

  it('a config the page cannot make', async () => {
    await refuses(
      ['--blocks', '3', '--skip', 'identity,none'],
      /invalid config: skip has 2 entries, allowed: one per block \(3\)/,
    );
    const allowed = ACTIVATIONS.map((a) => `"${a}"`).join(', ');
    await refuses(
      ['--blocks', '501', '--activation', 'swish'],
      new RegExp(
        'invalid config: blocks is 501, allowed: an integer from 1 to 500; ' +
          `activation is "swish", allowed: one of ${allowed}$`,
        'm',
      ),
    );
  });

  it('a replicate folder made for another config, or with a missing or altered file', async () => {
    // The script's config is DEFAULT_CONFIG; case 0 is 3 blocks of width 8.
    await refuses(
      ['--replicate', folder(0)],
      /replicate folder .*case0 was made for another config: blocks is 3 there, 8 here; width is 8 there, 32 here/,
    );
    const copy = join(dir, 'altered');
    cpSync(folder(0), copy, { recursive: true });
    const params = JSON.parse(readFileSync(join(copy, 'params.json'), 'utf8')) as {
      name: string;
      shape: number[];
    }[];
    params.find((p) => p.name === 'block1/dense1/kernel')!.shape = [8, 9];
    writeFileSync(join(copy, 'params.json'), JSON.stringify(params));
    const own = ['--config', join(copy, 'config.json'), '--replicate', copy];
    await refuses(
      own,
      /params\.json: parameter block1\/dense1\/kernel \[8, 9\] where this config has block1\/dense1\/kernel \[8, 8\]/,
    );
    const missing = join(dir, 'missing');
    cpSync(folder(0), missing, { recursive: true });
    rmSync(join(missing, 'batches.json'));
    await refuses(
      ['--config', join(missing, 'config.json'), '--replicate', missing],
      /missing has no batches\.json \(make it with: npm run experiment/,
    );
  });
});
