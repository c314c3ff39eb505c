// @vitest-environment node
/**
 * The PyTorch script's text (no Python here: scripts/pytorch-export.test.ts runs it against the
 * engine). The page builds it in its main bundle, so the module must stay free of tfjs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activationSpec } from '../engine/activations';
import {
  ACTIVATIONS,
  DEFAULT_CONFIG,
  FIELD_RULES,
  parseConfig,
  type ExperimentConfig,
} from '../engine/config';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, BN_EPSILON, MOMENTUM } from '../engine/constants';
import { DIGITS_COUNT, DIGITS_PIXELS, DIGITS_TEST_FRACTION } from '../engine/data/digits';
import { PLANAR_NOISE, PLANAR_TEST_SIZE, PLANAR_TRAIN_SIZE } from '../engine/data/planar';
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
    const bad = { ...DEFAULT_CONFIG, activation: 'swish' } as unknown as ExperimentConfig;
    expect(() => pytorchScript(bad)).toThrow(/activation is "swish"/);
  });

  it("writes in the engine's own constants and activations", () => {
    const script = pytorchScript(DEFAULT_CONFIG);
    expect(script).not.toMatch(/\{\{\w+\}\}/);
    const value = (name: string) => {
      const m = new RegExp(`^${name} = (.*?)(  #.*)?$`, 'm').exec(script);
      if (!m) throw new Error(`no ${name} in the script`);
      return m[1]!;
    };
    expect(Number(value('BN_EPSILON'))).toBe(BN_EPSILON);
    expect(Number(value('MOMENTUM'))).toBe(MOMENTUM);
    expect(value('ADAM_BETAS')).toBe(`(${ADAM_BETA1}, ${ADAM_BETA2})`);
    expect(Number(value('ADAM_EPSILON'))).toBe(ADAM_EPSILON);
    expect(JSON.parse(value('PLANAR_NOISE'))).toEqual(PLANAR_NOISE);
    expect(value('PLANAR_TRAIN_SIZE, PLANAR_TEST_SIZE')).toBe(
      `${PLANAR_TRAIN_SIZE}, ${PLANAR_TEST_SIZE}`,
    );
    expect(value('DIGITS_PIXELS, DIGITS_COUNT')).toBe(`${DIGITS_PIXELS}, ${DIGITS_COUNT}`);
    expect(Number(value('DIGITS_TEST_FRACTION'))).toBe(DIGITS_TEST_FRACTION);
    const entries = ACTIVATIONS.map((a) => `"${a}": ${activationSpec(a).torch}`);
    expect(value('ACTIVATIONS')).toBe(`{${entries.join(', ')}}`);
  });

  it('imports no tfjs, directly or through any module it imports (types aside)', () => {
    const seen = new Set<string>();
    const visit = (url: URL) => {
      if (seen.has(url.href)) return;
      seen.add(url.href);
      const text = readFileSync(url, 'utf8');
      // Imports that stay at run time: `import type` is erased.
      const from = [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']*)';$/gm)].map(
        (m) => m[1]!,
      );
      for (const f of from) {
        expect(f.startsWith('.'), `${url.pathname} imports ${f}`).toBe(true);
        // The Python parts come in as text: they import nothing.
        if (f.endsWith('.py?raw')) seen.add(new URL(f, url).href);
        else visit(new URL(`${f}.ts`, url));
      }
    };
    visit(new URL('./script.ts', import.meta.url));
    const names = [...seen].map((u) => u.split('/src/model/')[1]);
    // The walk does reach the table, the constants and the data modules it reads.
    expect(names).toEqual(
      expect.arrayContaining([
        'pytorch/py/net.py?raw',
        'engine/activations.ts',
        'engine/config.ts',
        'engine/constants.ts',
        'engine/data/planar.ts',
      ]),
    );
  });
});
