// @vitest-environment node
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

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
