// @vitest-environment node
/** `npm test`'s static checks side by side (scripts/checks.mjs). */
import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks } from './checks.mjs';

const node = (name: string, code: string) => ({
  name,
  command: process.execPath,
  args: ['-e', code],
});

describe('the static checks', () => {
  it('are the three npm scripts, with the same commands', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const c of CHECKS) expect(pkg.scripts[c.name]).toBe([c.command, ...c.args].join(' '));
    expect(pkg.scripts.test).toBe('node scripts/checks.mjs && vitest run');
  });

  it('print every output whole and in order, and name the ones that failed', async () => {
    let out = '';
    const failed = await runChecks(
      [
        // The first ends last: the outputs still come in the listed order.
        node('slow', "setTimeout(() => console.log('slow done'), 200)"),
        node('fails', "console.error('bad'); process.exit(3)"),
        node('passes', "console.log('fine')"),
      ],
      process.cwd(),
      (s) => (out += s),
    );
    expect(failed).toEqual(['fails']);
    const at = (s: string) => out.indexOf(s);
    expect(at('slow done')).toBeGreaterThan(at('> slow:'));
    expect(at('> fails:')).toBeGreaterThan(at('slow done'));
    expect(at('bad')).toBeGreaterThan(at('> fails:'));
    expect(at('> passes:')).toBeGreaterThan(at('bad'));
    expect(out.trimEnd().endsWith('failed: fails')).toBe(true);
  });

  it('fail a command that cannot start', async () => {
    let out = '';
    const failed = await runChecks(
      [{ name: 'missing', command: 'no-such-command-here', args: [] }],
      process.cwd(),
      (s) => (out += s),
    );
    expect(failed).toEqual(['missing']);
    expect(out).toMatch(/ENOENT/);
  });
});
