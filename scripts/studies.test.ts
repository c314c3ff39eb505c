// @vitest-environment node
/**
 * The registry of studies (src/model/studies/index.ts) is the list everything else iterates: each
 * study in it must ship its results with a test that checks them, be made by a flag of
 * `npm run sweep` that writes that file, have its fingerprint read from its run, and have a figure
 * with a test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STUDIES, STUDY_IDS } from '../src/model/studies';
import { ENTRIES } from './claims-fingerprint';
import { parseSweepArgs } from './sweep-args';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the registry of studies', () => {
  it('lists each study under its own id, with one flag each and one study made without a flag', () => {
    expect(STUDY_IDS).toEqual([
      'degradation',
      'thousand-layers',
      'lesion',
      'paths',
      'shattered',
      'landscape',
    ]);
    for (const id of STUDY_IDS) expect(STUDIES[id].id).toBe(id);
    const flags = STUDY_IDS.map((id) => STUDIES[id].flag);
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags.filter((f) => f === null)).toHaveLength(1);
  });

  it.each(STUDY_IDS)('%s: ships its results, and tests/shipped/<id>.test.ts checks them', (id) => {
    const { file } = STUDIES[id];
    expect(file).toBe(`sweeps/${id}.json`);
    expect(existsSync(join(ROOT, 'public', file))).toBe(true);
    const test = join(ROOT, 'tests/shipped', `${id}.test.ts`);
    expect(existsSync(test), `tests/shipped/${id}.test.ts`).toBe(true);
    expect(readFileSync(test, 'utf8')).toContain(`from '../../public/${file}'`);
  });

  it.each(STUDY_IDS)('%s: npm run sweep makes it with its flag, into its shipped file', (id) => {
    const { flag, file, spec } = STUDIES[id];
    expect(parseSweepArgs(flag ? [flag] : [])).toEqual({ study: id, spec, out: `public/${file}` });
  });

  it.each(STUDY_IDS)('%s: its command line lives in its folder, beside its run', (id) => {
    const dir = join(ROOT, 'src/model/studies', id);
    for (const f of ['spec.ts', 'run.ts', 'live.ts', 'cli.ts'])
      expect(readdirSync(dir)).toContain(f);
    // Every option it lists in its usage is one it takes, and the other way round.
    const { usage, options } = STUDIES[id].cli;
    const listed = [...usage.matchAll(/\[(--[a-z-]+)/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(Object.keys(options)));
  });

  it.each(STUDY_IDS)('%s: its fingerprint reads its run', (id) => {
    expect(STUDIES[id].entry).toBe(`src/model/studies/${id}/run.ts`);
    expect(existsSync(join(ROOT, STUDIES[id].entry))).toBe(true);
    expect(ENTRIES[id]).toBe(STUDIES[id].entry);
  });

  it.each(STUDY_IDS)('%s: has a figure with a test', (id) => {
    const dir = join(ROOT, 'src/components/studies', id);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    const figures = files.filter((f) => f.endsWith('Figure.tsx'));
    expect(figures.length, `a *Figure.tsx in src/components/studies/${id}`).toBeGreaterThan(0);
    for (const f of figures) expect(files).toContain(f.replace(/\.tsx$/, '.test.tsx'));
  });
});
