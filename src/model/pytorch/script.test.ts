// @vitest-environment node
/**
 * The PyTorch script's text (no Python here: scripts/pytorch-export.test.ts runs it against the
 * engine). The page builds it in its main bundle, so the module must stay free of tfjs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELD_RULES, parseConfig, type ExperimentConfig } from '../engine/config';
import { preset } from '../labs/presets';
import { ENGINE_CONSTANTS, pytorchScript } from './script';

/** The JSON the script embeds after `NAME = json.loads(r"""`. */
function embedded(script: string, name: string): unknown {
  const m = new RegExp(`^${name} = json\\.loads\\(r"""(.*)"""\\)$`, 'm').exec(script);
  if (!m) throw new Error(`no ${name} in the script`);
  return JSON.parse(m[1]!);
}

describe('pytorchScript', () => {
  it("embeds the config, the engine's field rules and defaults", () => {
    const config = preset('vanishing').nets[1]!;
    const script = pytorchScript(config, { source: 'the "vanishing" lab, network B' });
    expect(embedded(script, 'CONFIG')).toEqual(config);
    expect(embedded(script, 'FIELD_RULES')).toEqual(JSON.parse(JSON.stringify(FIELD_RULES)));
    expect(embedded(script, 'DEFAULT_CONFIG')).toEqual(DEFAULT_CONFIG);
    expect(script.startsWith('#!/usr/bin/env python3\n')).toBe(true);
    expect(script).toContain('# Residual in PyTorch: the "vanishing" lab, network B.');
    expect(script).toMatch(/\nif __name__ == "__main__":\n {4}main\(\)\n$/);
  });

  it('keeps the header to comments whatever the source says', () => {
    const script = pytorchScript(DEFAULT_CONFIG, {
      source: 'two\nlines',
      command: 'npm run experiment -- --config x\nprint("no")',
    });
    expect(script.split('\n').slice(0, 3)).toEqual([
      '#!/usr/bin/env python3',
      '# Residual in PyTorch: two lines.',
      '# Made by: npm run experiment -- --config x print("no")',
    ]);
  });

  it('is deterministic and differs only in the embedded config', () => {
    const a = pytorchScript(DEFAULT_CONFIG);
    expect(pytorchScript({ ...DEFAULT_CONFIG })).toBe(a);
    const b = pytorchScript(parseConfig({ blocks: 500, width: 128 }));
    const differ = a.split('\n').filter((line, i) => line !== b.split('\n')[i]);
    expect(differ).toHaveLength(1);
    expect(differ[0]).toMatch(/^CONFIG = /);
  });

  it('refuses a config the engine does not accept', () => {
    const bad = { ...DEFAULT_CONFIG, activation: 'gelu' } as unknown as ExperimentConfig;
    expect(() => pytorchScript(bad)).toThrow(/activation is "gelu"/);
  });

  it("writes in the engine's data constants", () => {
    expect(embedded(pytorchScript(DEFAULT_CONFIG), 'ENGINE')).toEqual(ENGINE_CONSTANTS);
    expect(ENGINE_CONSTANTS).toMatchObject({ planarTrainSize: 1000, digitsCount: 1797 });
  });

  it('imports no tfjs, directly or through the engine modules it reads', () => {
    const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
    const imports = [...source('./script.ts').matchAll(/^import .* from '(.*)';$/gm)].map(
      (m) => m[1]!,
    );
    expect(imports.sort()).toEqual([
      '../engine/config',
      '../engine/data/digits',
      '../engine/data/planar',
      './py/cli.py?raw',
      './py/data.py?raw',
      './py/net.py?raw',
      './py/train.py?raw',
    ]);
    // Those engine modules, and the ones they import (rng, dataset), import no package.
    for (const file of [
      '../engine/config.ts',
      '../engine/data/digits.ts',
      '../engine/data/planar.ts',
      '../engine/rng.ts',
      '../engine/data/dataset.ts',
    ]) {
      const from = [...source(file).matchAll(/^import .* from '(.*)';$/gm)].map((m) => m[1]!);
      expect(
        from.filter((f) => !f.startsWith('.')),
        file,
      ).toEqual([]);
    }
  });
});
