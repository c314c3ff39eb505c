// @vitest-environment node
/**
 * The PyTorch script is Python written inside TypeScript strings (src/model/pytorch/py-*.ts), so
 * neither tsc nor ESLint reads it: pyflakes (Debian's python3-pyflakes, which `.ci/run` installs)
 * does, for undefined names, unused imports and variables, and redefinitions. Every activation,
 * norm, order and optimizer is generated, although they differ only in the embedded CONFIG line,
 * so that a future part chosen by the config is linted too. Without pyflakes the tests fail.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  DEFAULT_CONFIG,
  NORMS,
  OPTIMIZERS,
  ORDERS,
  type ExperimentConfig,
} from '../src/model/engine/config';
import { pytorchScript } from '../src/model/pytorch/script';
import { PYTHON, runCommand } from './pytorch-harness';

const dir = mkdtempSync(join(tmpdir(), 'residual-pyflakes-'));

/** Runs pyflakes on `text`; its exit code and one line per warning. */
async function pyflakes(name: string, text: string) {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  const r = await runCommand(PYTHON, ['-m', 'pyflakes', file]);
  return { code: r.code, warnings: `${r.stdout}${r.stderr}`.trim() };
}

// Each activation, norm, order and optimizer at least once, in as few scripts as the longest list.
const longest = Math.max(ACTIVATIONS.length, NORMS.length, ORDERS.length, OPTIMIZERS.length);
const configs: ExperimentConfig[] = Array.from({ length: longest }, (_, i) => ({
  ...DEFAULT_CONFIG,
  activation: ACTIVATIONS[i % ACTIVATIONS.length]!,
  norm: NORMS[i % NORMS.length]!,
  order: ORDERS[i % ORDERS.length]!,
  optimizer: OPTIMIZERS[i % OPTIMIZERS.length]!,
}));
const named = configs.map(
  (c) => [`${c.activation}/${c.norm}/${c.order}/${c.optimizer}`, c] as const,
);

describe('the PyTorch script passes pyflakes', () => {
  it('covers every activation, norm, order and optimizer', () => {
    expect(new Set(configs.map((c) => c.activation))).toEqual(new Set(ACTIVATIONS));
    expect(new Set(configs.map((c) => c.norm))).toEqual(new Set(NORMS));
    expect(new Set(configs.map((c) => c.order))).toEqual(new Set(ORDERS));
    expect(new Set(configs.map((c) => c.optimizer))).toEqual(new Set(OPTIMIZERS));
  });

  it.each(named)('%s: no warning', async (name, config) => {
    const r = await pyflakes(name.replaceAll('/', '-'), pytorchScript(config));
    expect(r.warnings).toBe('');
    expect(r.code).toBe(0);
  });

  it('and pyflakes does run: it flags an undefined name added to the script', async () => {
    const broken = pytorchScript(DEFAULT_CONFIG) + '\nprint(no_such_name)\n';
    const r = await pyflakes('broken', broken);
    expect(r.code).not.toBe(0);
    expect(r.warnings).toMatch(/undefined name 'no_such_name'/);
  });
});
