/**
 * What a live figure's status line said while it ran. A run the size of a test shows some lines
 * for less than a poll's interval, so polling the line would miss them: a MutationObserver in the
 * page keeps every text the line shows instead. The figure tests share it.
 */
import type { Locator } from 'playwright-core';

/** The status element, with the texts recorded on it. */
type Recorded = HTMLElement & { recordedTexts?: string[] };

/**
 * Records every text `status` shows from now on; the function returned reads them, in the order
 * they were shown.
 */
export async function recordTexts(status: Locator): Promise<() => Promise<string[]>> {
  await status.evaluate((el: Recorded) => {
    const seen: string[] = [];
    el.recordedTexts = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => status.evaluate((el: Recorded) => el.recordedTexts ?? []);
}
