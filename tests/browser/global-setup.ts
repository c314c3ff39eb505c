/**
 * Vitest global set-up of the browser tests: builds the app once with Vite and serves `dist`
 * with `vite preview` on a free localhost port. Tests read the address with inject('baseUrl').
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;
// A private output folder: parallel test runs never overwrite each other's build (or dist/).
const outDir = mkdtempSync(join(tmpdir(), 'residual-dist-'));

export async function setup(project: TestProject): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report an address');
  project.provide('baseUrl', url.replace(/\/$/, ''));
}

export async function teardown(): Promise<void> {
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
}
