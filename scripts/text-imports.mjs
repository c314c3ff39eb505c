/**
 * Node module hooks for the command-line scripts run by tsx: an import of `file?raw` gives the
 * file's text as its default export, as Vite does for the page and the tests. The PyTorch export
 * keeps its Python in real .py files (src/model/pytorch/py/) and imports them so.
 * Registered by scripts/experiment.ts before it loads the export (module.register).
 */
import { readFile } from 'node:fs/promises';
import { URL } from 'node:url';

export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw')) return next(specifier, context);
  const url = new URL(specifier, context.parentURL);
  return { url: url.href, shortCircuit: true };
}

export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8');
  return {
    format: 'module',
    source: `export default ${JSON.stringify(text)};`,
    shortCircuit: true,
  };
}
