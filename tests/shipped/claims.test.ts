// @vitest-environment node
/**
 * The article's numbers (src/model/labs/claims.json, written by `npm run claims`) are not stale:
 * the file was made from the engine's current source and the current presets and sweep, it
 * covers every preset on every claim seed, and every preset's claim held when it was made.
 * src/model/labs/presets-train-*.test.ts re-train every preset on one seed and check the numbers.
 */
import { describe, expect, it } from 'vitest';
import claimsJson from '../../src/model/labs/claims.json';
import {
  CLAIM_SEEDS,
  EXTRA_RUNS,
  SWEEP_BLOCKS,
  type ClaimsData,
} from '../../src/model/labs/claims';
import { PRESET_IDS } from '../../src/model/labs/presets';
import {
  claimsFingerprint,
  engineFiles,
  ENTRIES,
  fingerprintedSource,
} from '../../scripts/claims-fingerprint';

const claims = claimsJson as unknown as ClaimsData;

describe('claims.json', () => {
  it('was made from the current engine and configurations (else: npm run claims)', () => {
    const files = engineFiles(ENTRIES.claims);
    for (const f of [
      'engine/network.ts',
      'engine/backprop.ts',
      'engine/train.ts',
      'labs/presets.ts',
      'engine/data/index.ts',
    ])
      expect(files).toContain(`src/model/${f}`);
    expect(files.some((f) => f.includes('worker/') || f.endsWith('.test.ts'))).toBe(false);
    expect(claims.fingerprint, 'src/model/labs/claims.json is stale: run npm run claims').toBe(
      claimsFingerprint(),
    );
  });

  it('depends only on the modules each result imports, so a new analysis leaves results fresh', () => {
    expect(engineFiles(ENTRIES.degradation)).not.toContain(
      'src/model/studies/thousand-layers/run.ts',
    );
    expect(engineFiles(ENTRIES['thousand-layers'])).not.toContain(
      'src/model/studies/degradation/run.ts',
    );
    expect(engineFiles(ENTRIES.claims)).not.toContain('src/model/studies/degradation/spec.ts');
    // Every result depends on the network; all but the shattered gradients (never trained) on
    // the training step too.
    for (const entry of Object.values(ENTRIES))
      expect(engineFiles(entry)).toEqual(
        expect.arrayContaining([entry, 'src/model/engine/network.ts']),
      );
    for (const entry of Object.values(ENTRIES).filter((e) => e !== ENTRIES.shattered))
      expect(engineFiles(entry)).toContain('src/model/engine/train.ts');
    expect(engineFiles(ENTRIES.shattered)).not.toContain('src/model/engine/train.ts');
  });

  it('reads code, not where files live: a moved module keeps the fingerprint, a changed one does not', () => {
    const at = (path: string, body = 'export const b = a + 1;') =>
      fingerprintedSource(`import { a } from '${path}';\nimport('${path}');\r\n${body}`);
    expect(at('../engine/network')).toBe(at('./network'));
    expect(at('./network')).not.toBe(at('./network', 'export const b = a + 2;'));
    // What is imported still counts: the names, and packages (not moved by a refactor).
    expect(fingerprintedSource("import { a } from './x';\nexport const y = a;")).not.toBe(
      fingerprintedSource("import { c as a } from './x';\nexport const y = a;"),
    );
    expect(
      fingerprintedSource("import * as tf from '@tensorflow/tfjs';\nexport const t = tf;"),
    ).toContain('@tensorflow/tfjs');
    // Comments and layout do not compute; text inside strings and templates does, even where it
    // looks like a comment (the PyTorch script's `//` is Python's floor division).
    expect(at('./network', '// why\nexport const b =\n  a + 1; /* note */')).toBe(at('./network'));
    expect(fingerprintedSource('const s = `x // 1`;')).not.toBe(
      fingerprintedSource('const s = `x // 2`;'),
    );
    // Types are erased before the code runs, so moving an interface keeps results fresh.
    expect(
      fingerprintedSource('export interface A { x: number }\nexport const f = (a: A) => a.x;'),
    ).toBe(fingerprintedSource('export const f = (a: { x: number }) => a.x;'));
    expect(
      fingerprintedSource("import { a, type B } from './x';\nexport const y = (b: B) => a(b);"),
    ).toBe(
      fingerprintedSource(
        "import {\n  a,\n  type B,\n} from './x';\nexport const y = (b: B) => a(b);",
      ),
    );
    expect(fingerprintedSource("const s = 'http://a';")).not.toBe(
      fingerprintedSource("const s = 'http://b';"),
    );
  });

  it('covers every preset on every seed, and every claim held', () => {
    expect(claims.seeds).toEqual([...CLAIM_SEEDS]);
    expect(Object.keys(claims.presets).sort()).toEqual([...PRESET_IDS].sort());
    for (const id of PRESET_IDS) {
      const c = claims.presets[id];
      expect(c.holds, id).toEqual(CLAIM_SEEDS.map(() => true));
      for (const n of c.nets) expect(n.testAccuracy).toHaveLength(CLAIM_SEEDS.length);
    }
    expect(Object.keys(claims.extras).sort()).toEqual(Object.keys(EXTRA_RUNS).sort());
    expect(claims.depthSweep.blocks).toEqual([...SWEEP_BLOCKS]);
    expect(claims.depthSweep.plain).toHaveLength(SWEEP_BLOCKS.length);
  });
});
