/**
 * Drives the built app in Debian's headless Chromium (chromium.ts) with playwright-core. Every page records
 * console errors, page errors (workers included), failed requests and requests that leave the
 * page's origin; `assertClean` fails the test on any of them. Screenshots go to
 * test-results/screenshots/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Download,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export { CHROMIUM, launch } from './chromium';
export const SCREENSHOTS = 'test-results/screenshots';

/** A page with its problems recorded. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Throws if any console error, page error, failed or foreign request was seen. */
  assertClean(): void;
  close(): Promise<void>;
}

/** The address of the built app, plus `path`. */
export function appUrl(path = '/'): string {
  return inject('baseUrl') + path;
}

/** Opens `path` of the built app at the given viewport width. */
export async function openApp(
  browser: Browser,
  path = '/',
  viewport = { width: 1440, height: 900 },
  /** Runs before the page loads, e.g. to route a request to a test's own response. */
  beforeLoad?: (page: Page) => Promise<void>,
  /** Scripts on (the default) or off. */
  javaScriptEnabled = true,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  await beforeLoad?.(page);
  const problems: string[] = [];
  const origin = new URL(appUrl()).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  const response = await page.goto(appUrl(path), { waitUntil: 'load' });
  // A failed build answers 500 with its error (global-setup.ts): say so now, not after a wait.
  if (response && !response.ok()) {
    throw new Error(`${appUrl(path)} answered ${response.status()}: ${await response.text()}`);
  }
  if (javaScriptEnabled) await pageReady(page);
  return {
    page,
    context,
    problems,
    assertClean() {
      if (problems.length > 0)
        throw new Error(`the page reported problems:\n${problems.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/**
 * Waits until the page has hydrated and every lab has replaced its placeholder. The page is
 * prerendered and hydrates after load: a test that touches the DOM before that (a screenshot
 * hides the caret with an inline style) would cause a hydration mismatch; and the labs mount one
 * per task after it, from a chunk of their own (LabFigure, mountQueue.ts).
 */
export async function pageReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrated === 'true' &&
      document.querySelectorAll('[data-lab-slot] section[data-lab]').length ===
        document.querySelectorAll('[data-lab-slot]').length,
  );
}

/**
 * Makes `page` a returning reader's page: a remembered backend (backendChoice.ts), so that the
 * page's one backend comparison (idleComparison.ts), which starts once the page is idle, neither
 * times its probes on the same two cores as what a test times nor adds a worker to what a test
 * counts. Pass it as openApp's `before`, or call it before the first navigation.
 */
export async function rememberBackend(page: Page): Promise<void> {
  await page.addInitScript(() =>
    localStorage.setItem('residual.backend', JSON.stringify({ name: 'wasm', ms: { wasm: 5 } })),
  );
}

/**
 * Serves `file` at `path` (a study's shipped file, e.g. LESION_FILE) in place of the shipped one:
 * pass it as openApp's `beforeLoad`. The live figures' tests draw a small file that the engine
 * made in Node, so that the page's own run can be compared with it.
 */
export function serving(path: string, file: unknown): (page: Page) => Promise<void> {
  return async (page) => {
    await page.route(`**/${path}`, (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(file) }),
    );
  };
}

/**
 * The text of a finished download. Read as a stream: the browser is connected to, not launched by
 * this process (sharedBrowser), and a remote download has no local path.
 */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Saves a full-page screenshot as test-results/screenshots/<name>.png. It lays the whole page out
 * at its full height (26,000 px at 1440 px wide), which takes 3–7 s here: kept for the views of the
 * whole page; a test about one part shoots that part (`screenshotOf`), in a tenth of the time.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Saves a screenshot of `part` (scrolled into view) as test-results/screenshots/<name>.png. */
export async function screenshotOf(part: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await part.screenshot({ path });
  return path;
}

/**
 * The browser every test file shares: the one Chromium the global set-up launched for the whole
 * run (global-setup.ts), connected to before the file's first test and disconnected after its
 * last, which closes the contexts the file left open. Launching one per file cost 1.2–1.7 s a
 * file here (the browser and its GPU process starting), 22 times a run. Each test opens its pages
 * in contexts of its own, so files share no state but the browser's processes.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.connect(inject('chromiumEndpoint'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the shared browser is used before beforeAll connected to it');
    return browser;
  };
}
