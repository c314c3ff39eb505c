// @vitest-environment node
/**
 * Plot exports raise no console error: the SVG of the canvas plots (heatmap, decision boundary,
 * loss landscape) embeds its raster as a data: URL, which the page's Content-Security-Policy
 * would refuse if the copy were built in the page's own document.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, sharedBrowser } from './harness';
import { lab, ready } from './lab-helpers';

const browser = sharedBrowser();

describe('plot exports', () => {
  it('download every SVG and PNG of a lab and of the landscape figure without a console error', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const region = lab(w.page, 'Vanishing gradients and their cure');
    await ready(region);
    // The heatmaps are behind "More plots" and render once it is open.
    await region.locator('summary', { hasText: 'More plots' }).click();
    await region.locator('canvas').nth(1).waitFor();
    const landscape = w.page.locator('#landscape');
    await landscape.scrollIntoViewIfNeeded();
    await landscape.locator('canvas').first().waitFor();
    let downloads = 0;
    for (const scope of [region, landscape])
      for (const name of ['Download SVG', 'Download PNG']) {
        const buttons = scope.getByRole('button', { name });
        const count = await buttons.count();
        expect(count, `${name} buttons`).toBeGreaterThan(1);
        for (let i = 0; i < count; i++) {
          const [download] = await Promise.all([
            w.page.waitForEvent('download'),
            buttons.nth(i).click(),
          ]);
          expect(download.suggestedFilename()).toMatch(name.endsWith('SVG') ? /\.svg$/ : /\.png$/);
          downloads += 1;
        }
      }
    expect(downloads).toBeGreaterThan(8);
    w.assertClean();
    await w.close();
  });
});

describe('the PyTorch script download', () => {
  it('saves network B of a lab as a script that runs with Debian’s PyTorch', async () => {
    const w = await openApp(browser(), '/', { width: 1440, height: 900 });
    const region = lab(w.page, 'Vanishing gradients and their cure');
    await ready(region);
    const [download] = await Promise.all([
      w.page.waitForEvent('download'),
      region.getByRole('button', { name: 'Download PyTorch script (B)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('residual-vanishing-B.py');
    const dir = mkdtempSync(join(tmpdir(), 'residual-py-'));
    try {
      const script = join(dir, 'run.py');
      await download.saveAs(script);
      const text = readFileSync(script, 'utf8');
      expect(
        text.startsWith('#!/usr/bin/env python3\n# Residual in PyTorch: the "vanishing" lab'),
      ).toBe(true);
      // The lab's network B: 24 residual sigmoid blocks, branches scaled by 0.15.
      expect(text).toMatch(/"skip":"identity"/);
      expect(text).toMatch(/"branchScale":0.15/);
      // Two steps of it, on the CPU (the CLI and unit tests check its agreement with the engine).
      const out = join(dir, 'history.json');
      execFileSync('/usr/bin/python3', [script, '--steps', '2', '--out', out], { stdio: 'pipe' });
      // The CLI's result format, so the page's plots could read it.
      const result = JSON.parse(readFileSync(out, 'utf8')) as {
        config: { blocks: number };
        history: { step: number; loss: number }[];
      };
      expect(result.config.blocks).toBe(24);
      expect(result.history.map((r) => r.step)).toEqual([0, 1]);
      expect(Number.isFinite(result.history[0]!.loss)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    w.assertClean();
    await w.close();
  });
});
