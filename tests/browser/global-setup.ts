/**
 * Vitest global set-up of the browser tests: builds the app once with Vite, serves it with
 * `vite preview` on a free localhost port, and launches the one Chromium every test file connects
 * to (harness.ts, sharedBrowser). Tests read the address with inject('baseUrl'), the browser's with
 * inject('chromiumEndpoint').
 *
 * The build is not awaited here: it runs while the unit files do (they come first, groupOrder in
 * vite.config.ts), instead of holding every test back for its half minute. The server starts at
 * once and holds each request until the build is done, so a browser test can never see a page
 * half-built; when the build fails, every request answers 500 with its error, and the teardown
 * reports it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { build, preview, type Plugin, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { LAUNCH_OPTIONS } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumEndpoint: string;
  }
}

let server: PreviewServer | undefined;
let browserServer: BrowserServer | undefined;
let built: Promise<unknown> | undefined;
// A private output folder: parallel test runs never overwrite each other's build (or dist/).
const outDir = mkdtempSync(join(tmpdir(), 'residual-dist-'));

/** Holds each request to the preview server until `done` settles. */
function afterBuild(done: Promise<unknown>): Plugin {
  return {
    name: 'residual-after-build',
    configurePreviewServer(s) {
      s.middlewares.use((_req, res, next) => {
        done.then(
          () => next(),
          (e: unknown) => {
            res.statusCode = 500;
            res.end(`the build failed: ${e instanceof Error ? e.message : String(e)}`);
          },
        );
      });
    },
  };
}

export async function setup(project: TestProject): Promise<void> {
  built = build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  // Its failure is answered by the server and reported by the teardown, not left unhandled.
  built.catch(() => undefined);
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
    plugins: [afterBuild(built)],
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report an address');
  project.provide('baseUrl', url.replace(/\/$/, ''));
  browserServer = await chromium.launchServer(LAUNCH_OPTIONS);
  project.provide('chromiumEndpoint', browserServer.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await browserServer?.close();
  await server?.close();
  try {
    await built;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
