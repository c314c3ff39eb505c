/**
 * What a live figure's status line said while it ran. A run the size of a test shows some lines
 * for less than a poll's interval, so polling the line would miss them: a MutationObserver in the
 * page keeps every text the line shows instead. The figure tests share it.
 */
import type { Locator } from 'playwright-core';

/** Where the page keeps what it recorded, by the status element's test id. */
type Recorder = typeof globalThis & { recordedTexts?: Record<string, string[]> };

/**
 * Records every text `status` (an element with a data-testid, inside an element with an id)
 * shows from now on; the function returned reads them, in the order they were shown. The
 * observer watches the nearest ancestor with an id, not the element itself: React may replace the
 * element (a re-render after a picked setting, on a loaded machine, came after the observer was
 * set on the old one, and the test read no texts at all).
 */
export async function recordTexts(status: Locator): Promise<() => Promise<string[]>> {
  const id = await status.evaluate((el: HTMLElement) => {
    const testId = el.dataset.testid;
    const anchor = el.parentElement?.closest<HTMLElement>('[id]');
    if (!testId || !anchor)
      throw new Error('recordTexts needs a test id inside an element with an id');
    const scope = globalThis as Recorder;
    const seen: string[] = [];
    (scope.recordedTexts ??= {})[testId] = seen;
    const selector = `[data-testid="${testId}"]`;
    let last = el.textContent ?? '';
    new MutationObserver(() => {
      const now = anchor.querySelector(selector)?.textContent ?? '';
      if (now !== last) seen.push((last = now));
    }).observe(anchor, { childList: true, characterData: true, subtree: true });
    return testId;
  });
  return () =>
    status.page().evaluate((testId) => (globalThis as Recorder).recordedTexts?.[testId] ?? [], id);
}
