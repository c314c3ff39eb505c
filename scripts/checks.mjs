/**
 * `npm test`'s static checks, run side by side: the type check, the lint and the format check.
 * Each waits on its own work most of the time it runs alone (tsc and the type-aware lint both
 * build the program), so on two cores the three end sooner together than one after another.
 * Each check's output is printed whole, in the order below, once all have ended; the exit code is
 * 1 when any failed, and the names of those that did are printed last.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The checks, as `npm run typecheck`, `lint` and `format:check` run them. */
export const CHECKS = [
  { name: 'typecheck', command: 'tsc', args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: 'eslint', args: ['--max-warnings', '0', '.'] },
  { name: 'format:check', command: 'prettier', args: ['--check', '.'] },
];

/** Runs one check; resolves with its exit code and its stdout and stderr interleaved. */
function run(check, cwd) {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, {
      cwd,
      // node_modules/.bin first, as npm run does.
      env: { ...process.env, PATH: `${cwd}/node_modules/.bin:${process.env.PATH}` },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: 1, output: output + String(e) + '\n' }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs `checks` at once; returns the names of those that failed, having printed every output. */
export async function runChecks(
  checks = CHECKS,
  cwd = process.cwd(),
  write = (s) => process.stdout.write(s),
) {
  const results = await Promise.all(checks.map((c) => run(c, cwd)));
  const failed = [];
  results.forEach(({ code, output }, i) => {
    const { name, command, args } = checks[i];
    write(`\n> ${name}: ${[command, ...args].join(' ')}\n${output}`);
    if (code !== 0) failed.push(name);
  });
  if (failed.length > 0) write(`\nfailed: ${failed.join(', ')}\n`);
  return failed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = await runChecks();
  process.exitCode = failed.length > 0 ? 1 : 0;
}
