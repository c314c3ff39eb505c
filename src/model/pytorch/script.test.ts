// @vitest-environment node
/**
 * The PyTorch script's text (no Python here: scripts/pytorch-export.test.ts runs it against the
 * engine). The page builds it in its main bundle, so the module must stay free of tfjs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELD_RULES, parseConfig, type ExperimentConfig } from '../engine/config';
import { preset } from '../labs/presets';
import { pytorchScript } from './script';

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

  it('imports no tfjs, directly or through its parts', () => {
    const source = (file: string) => readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
    const imports = [...source('script').matchAll(/^import .* from '(.*)';$/gm)].map((m) => m[1]);
    expect(imports.sort()).toEqual([
      '../engine/config',
      './py-cli',
      './py-data',
      './py-net',
      './py-train',
    ]);
    expect(source('../engine/config')).not.toMatch(/^import /m);
    for (const part of imports.filter((f) => f!.startsWith('./py-'))) {
      expect(source(part!.slice(2)), part).not.toMatch(/^import .* from '/m);
    }
  });
});
