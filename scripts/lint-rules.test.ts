// @vitest-environment node
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The code below is linted as virtual files that no tsconfig holds, so the type-aware rules
// (which need the file in a TypeScript project) are switched off here; the layer rules are not.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('the lint rule that keeps src/model pure', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;\n", 'no-restricted-imports'],
    ["import * as d3 from 'd3';\nexport const x = d3;\n", 'no-restricted-imports'],
    ["import { scaleLog } from 'd3-scale';\nexport const x = scaleLog;\n", 'no-restricted-imports'],
    ['export const x = document.title;\n', 'no-restricted-globals'],
    ['export const x = window.innerWidth;\n', 'no-restricted-globals'],
  ])('rejects %j in src/model', async (code, rule) => {
    expect(await ruleIds(code, 'src/model/example.ts')).toContain(rule);
  });

  it('allows the same code in src/components', async () => {
    const ids = await ruleIds('export const x = document.title;\n', 'src/components/example.ts');
    expect(ids).not.toContain('no-restricted-globals');
  });
});

describe('the lint rules that keep the layers pointing one way', () => {
  it.each([
    ["import { x } from '../components/lab/LabSlot';\nexport const y = x;\n", 'src/state/s.ts'],
    ["import { x } from '../content/Article';\nexport const y = x;\n", 'src/state/s.ts'],
    [
      "import { x } from '../../content/sections';\nexport const y = x;\n",
      'src/components/article/a.tsx',
    ],
    ["import { x } from '../lab/LabSlot';\nexport const y = x;\n", 'src/components/plots/p.tsx'],
    ["import { x } from '../../state/url';\nexport const y = x;\n", 'src/components/plots/p.tsx'],
    [
      "import { x } from '../../model/config';\nexport const y = x;\n",
      'src/components/plots/p.tsx',
    ],
    ["import { x } from '../model/config';\nexport const y = x;\n", 'src/math/m.ts'],
    ["import * as d3 from 'd3';\nexport const y = d3;\n", 'src/math/m.ts'],
    ["import { x } from '../state/url';\nexport const y = x;\n", 'src/model/m.ts'],
    ["import { x } from '../math/tex';\nexport const y = x;\n", 'src/model/m.ts'],
    [
      "import { useState } from 'react';\nexport const y = useState;\n",
      'src/components/lab/run/labController.ts',
    ],
    [
      "import { memo } from 'react';\nexport const y = memo;\n",
      'src/components/lab/run/recovery.ts',
    ],
  ])('rejects %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it.each([
    ["import { x } from '../model/config';\nexport const y = x;\n", 'src/state/s.ts'],
    ["import { x } from '../../state/url';\nexport const y = x;\n", 'src/components/lab/l.tsx'],
    ["import { x } from '../../math/tex';\nexport const y = x;\n", 'src/components/article/a.tsx'],
    ["import { x } from '../components/lab/LabSlot';\nexport const y = x;\n", 'src/content/c.tsx'],
  ])('allows %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });
});
