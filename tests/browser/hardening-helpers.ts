/**
 * Helpers of the hardening browser tests (tests/browser/hardening-*.test.ts): a page watcher that,
 * unlike harness.openApp, can be re-armed between navigations of one page (the test of hostile
 * links visits one of each kind in one tab), and init scripts that collect CSP violations and
 * long tasks into `window` before any of the app's code runs.
 */
import type { Page } from 'playwright-core';
import { appUrl } from './harness';

/** What a watched page has reported since the last `rearm`. */
export interface Watch {
  problems: string[];
  /** Forgets what was recorded; call after a navigation has finished. */
  rearm(): void;
  /** Stops recording until the next `rearm` (leaving a page aborts its requests on purpose). */
  pause(): void;
}

/**
 * Records console errors, page errors (workers included), failed requests and any request that
 * leaves the app's origin, the same things harness.openApp records, plus console messages about
 * the Content Security Policy whatever their level.
 */
export function watch(page: Page): Watch {
  const origin = new URL(appUrl()).origin;
  const problems: string[] = [];
  let active = true;
  const add = (p: string) => {
    if (active) problems.push(p);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') add(`console error: ${m.text()}`);
    else if (/Content[- ]Security[- ]Policy/i.test(m.text())) add(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => add(`page error: ${e.message}`));
  page.on('requestfailed', (r) => add(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    const url = r.url();
    // Foreign requests count even while paused: nothing may ever leave the origin.
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  return {
    problems,
    rearm() {
      problems.length = 0;
      active = true;
    },
    pause() {
      active = false;
    },
  };
}

/** One CSP violation as the page saw it. */
export interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
    __longTasks?: number[];
  }
}

/** Collects every `securitypolicyviolation` of the document into window.__cspViolations. */
export function collectCspViolations(): void {
  window.__cspViolations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) =>
      window.__cspViolations!.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      }),
    true,
  );
}

/** Collects the duration (ms) of every main-thread long task (> 50 ms) into window.__longTasks. */
export function collectLongTasks(): void {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks!.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the test sees an empty list and its own check of the API fails it.
  }
}

/** Throws with the recorded problems when there are any. */
export function assertNoProblems(w: Watch, what: string): void {
  if (w.problems.length > 0) throw new Error(`${what}:\n${w.problems.join('\n')}`);
}
