// @vitest-environment node
/**
 * The README's configuration table is written by hand for readers; this test keeps it equal to
 * the one field table every other use derives from (FIELD_RULES and DEFAULT_CONFIG in
 * src/model/engine/config.ts): the same fields, allowed values, ranges and defaults. The same
 * for the presets the CLI's `--preset` takes (PRESET_IDS in src/model/labs/presets.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELD_RULES, type ExperimentConfig } from '../src/model/engine/config';
import { PRESET_IDS } from '../src/model/labs/presets';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Configuration'));
/** [field, values column] of each row whose first cell is a backticked field name. */
const rows = [...section.matchAll(/^\| `(\w+)` +\| (.+?) +\|/gm)]
  .map((m) => [m[1]!, m[2]!] as const)
  .filter(([f]) => Object.prototype.hasOwnProperty.call(FIELD_RULES, f));

const number = (s: string) => (s === '2³²−1' ? 2 ** 32 - 1 : Number(s));

describe("the README's configuration table", () => {
  it('lists every field of the config, once', () => {
    expect(rows.map(([f]) => f).sort()).toEqual(Object.keys(FIELD_RULES).sort());
  });

  it.each(rows)('%s: the allowed values and the default of FIELD_RULES', (field, cell) => {
    const rule = FIELD_RULES[field as keyof ExperimentConfig];
    const fallback = DEFAULT_CONFIG[field as keyof ExperimentConfig];
    if (rule.kind === 'enum') {
      // A field that takes one value per block says so after its default.
      const perBlock = ', or one per block';
      expect(cell.endsWith(perBlock), cell).toBe(Boolean(rule.perBlock));
      const own = rule.perBlock ? cell.slice(0, -perBlock.length) : cell;
      // "`a`, `b` (`a`)" or a single "`mlp`" (the default is the only value).
      const def = /\(`(\w+)`\)$/.exec(own)?.[1] ?? own.replace(/`/g, '');
      const values = [...own.replace(/\(`\w+`\)$/, '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
      expect(values).toEqual([...rule.values]);
      expect(def).toBe(fallback);
      return;
    }
    const def = /\(([\d.]+)\)$/.exec(cell)?.[1];
    expect(Number(def)).toBe(fallback);
    const range = cell.replace(/ \([\d.]+\)$/, '');
    if (rule.kind === 'int') {
      const [lo, hi] = range.split('–').map(number);
      expect([lo, hi]).toEqual([rule.min, rule.max]);
    } else {
      const open = rule.minExclusive ? '(' : '[';
      expect(range).toBe(`${open}${rule.min}, ${rule.max}]`);
    }
  });
});

describe("the README's CLI options", () => {
  it('name every preset `--preset` takes, in the order of the registry', () => {
    const row = /^\| `--preset <id>` +\| (.+?) +\|$/m.exec(readme)?.[1] ?? '';
    const ids = /\(((?:`[\w-]+`(?:, )?)+)\)$/.exec(row)?.[1] ?? '';
    expect([...ids.matchAll(/`([\w-]+)`/g)].map((m) => m[1])).toEqual(PRESET_IDS);
  });
});
