import { defineConfig } from 'vitest/config';
import { createServer, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as Prerender from './scripts/prerender';

/**
 * The Content-Security-Policy of the built app (docs/browser-and-tfjs.md, section "The
 * Content-Security-Policy", explains each directive). Everything is served from our own origin: the
 * Vite ESM bundle needs no eval, the tfjs wasm backend needs 'wasm-unsafe-eval' to compile its
 * module, KaTeX's fonts are files (see assetsInlineLimit), and KaTeX styles set through the CSSOM
 * (katex.render) are not inline style attributes. Downloads of the run history are navigations to
 * blob: URLs, which no fetch directive governs, so nothing needs loosening.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
/** Only a response header can carry frame-ancestors; Chrome logs an error for it in a meta tag. */
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

/**
 * Puts the policy into the built index.html as the first element of <head>, so that it governs
 * everything after it. Build only: the dev server injects inline scripts the policy would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'residual:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

/**
 * Prerenders the article into the built index.html once the bundle is written (scripts/
 * prerender.ts says how and why). React renders src/entry-server.tsx through Vite's SSR loader,
 * so the markup comes from the same modules the browser hydrates.
 */
function prerender(): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  let base = '/';
  let ssrBuild = false;
  return {
    name: 'residual:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
      ssrBuild = Boolean(config.build.ssr);
    },
    async writeBundle() {
      if (ssrBuild) return;
      const server = await createServer({
        root,
        logLevel: 'error',
        server: { middlewareMode: true, hmr: false, ws: false },
        appType: 'custom',
      });
      try {
        const { render } = (await server.ssrLoadModule('/src/entry-server.tsx')) as {
          render: () => Promise<string>;
        };
        // Loaded through the same server: a static import here would make the config loader
        // resolve a TypeScript path without its extension.
        const { fillIndexHtml, moveStylesToSheet, shortHash } = (await server.ssrLoadModule(
          '/scripts/prerender.ts',
        )) as typeof Prerender;
        const { html, css } = moveStylesToSheet(await render());
        const name = `assets/prerender-${shortHash(css)}.css`;
        await mkdir(join(outDir, 'assets'), { recursive: true });
        await writeFile(join(outDir, name), css);
        const indexPath = join(outDir, 'index.html');
        const index = await readFile(indexPath, 'utf8');
        await writeFile(indexPath, fillIndexHtml(index, html, `${base}${name}`));
      } finally {
        await server.close();
      }
    },
  };
}

// One config for the app (Vite) and the unit tests (Vitest).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), prerender()],
  worker: { format: 'es' },
  // `vite preview` serves the build as a static host would: the same policy as a real header,
  // which is also the policy of the worker script (a meta tag cannot reach a worker).
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  build: {
    target: 'es2022',
    // KaTeX fonts must stay files: a strict CSP (font-src 'self') blocks data: URIs.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ['src/model/**'],
          setupFiles: ['src/test-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          pool: 'forks',
          // Both cores: the unit files are independent and mostly single-threaded (the claims
          // tests train on wasm with one thread). They run before the browser files (groupOrder).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The engine's, the scripts' and the shipped results' tests: Node only, no DOM. Each file sets the tfjs
        // backend it uses before its tests, so they share a worker's loaded modules instead of
        // importing tfjs again per file (src/model: 42 s against 67 s, back to back).
        extends: true,
        test: {
          name: 'unit-node',
          include: ['src/model/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/shipped/**/*.test.ts'],
          setupFiles: ['src/test-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          pool: 'forks',
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The built app in headless Chromium (tests/browser/harness.ts).
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          // No test may take longer: the longest (axe over a running lab) took 60.5 s in CI.
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // One file at a time, after the unit files: a lab's worker needs a core of its own,
          // and the tests measure the page's main-thread tasks.
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
