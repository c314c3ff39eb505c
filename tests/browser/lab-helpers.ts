/**
 * Helpers of the lab browser tests: find a lab by its region name, wait for its step counter,
 * and read plotted values from the plots' data tables (the text alternative every plot has).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The lab region titled `name`, whatever number the article gives it ("Lab 2. " before the
 * title); the first one if the article places it twice.
 */
export function lab(page: Page, name: string): Locator {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The lab itself, not the placeholder it replaces once mounted (LabFigure, mountQueue.ts).
  return page
    .getByRole('region', { name: new RegExp(`^(Lab \\d+\\. )?${escaped}$`) })
    .and(page.locator('[data-lab]'))
    .first();
}

/** Opens the lab's "All settings" (closed by default), where every other control is. */
export async function allSettings(region: Locator): Promise<void> {
  const details = region.locator('details.lab-all-settings');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
}

/** Starts training with the lab's Train button (labs that ask for a prediction wait for it). */
export async function train(region: Locator): Promise<void> {
  await region.getByRole('button', { name: 'Train', exact: true }).click();
  // A run whose nets all diverge at step 1 is over before a poll could see it training.
  await until(async () => (await isTraining(region)) || (await stepOf(region)) > 0);
}

/** The step the lab's status line shows. */
export async function stepOf(region: Locator): Promise<number> {
  const text = (await region.getByTestId('lab-status').textContent()) ?? '';
  return Number(/Step (\d+)/.exec(text)?.[1] ?? -1);
}

/** Whether the lab says it is training. */
export async function isTraining(region: Locator): Promise<boolean> {
  return ((await region.getByTestId('lab-status').textContent()) ?? '').includes('(training)');
}

/** Waits until `cond` holds, polling (no fixed sleeps); a throwing `cond` counts as false. */
export async function until(cond: () => Promise<boolean>, timeout = 90_000): Promise<void> {
  const safe = () => cond().catch(() => false);
  await expect.poll(safe, { timeout, interval: 150 }).toBe(true);
}

/** Scrolls the lab into view and waits until a backend is running and step 0 is plotted. */
export async function ready(region: Locator): Promise<string> {
  await region.scrollIntoViewIfNeeded();
  await until(async () =>
    /Backend: (wasm|webgl|cpu)/.test((await region.getByTestId('lab-status').textContent()) ?? ''),
  );
  const status = (await region.getByTestId('lab-status').textContent()) ?? '';
  return /Backend: (wasm|webgl|cpu)/.exec(status)![1]!;
}

/** Pauses the lab if it trains and waits until it has stopped. */
export async function pause(region: Locator): Promise<void> {
  const button = region.getByRole('button', { name: 'Pause', exact: true });
  if (await button.isEnabled()) await button.click();
  await until(async () => !(await isTraining(region)));
}

/** Resets the lab and waits for its step-0 measurements. */
export async function reset(region: Locator): Promise<void> {
  await pause(region);
  await region.getByRole('button', { name: 'Reset', exact: true }).click();
  await until(
    async () => (await stepOf(region)) === 0 && (await profile(region)).columns.length > 1,
  );
}

/** A data table: its column headers and its rows (header cell first), as text. */
export interface Table {
  columns: string[];
  rows: string[][];
  /** Its caption, if it has one (e.g. that the values were precomputed). */
  caption?: string;
}

/** The data table of the plot whose title ends with `titleEnd` (e.g. "weight gradient per layer"). */
export async function table(region: Locator, titleEnd: string): Promise<Table> {
  const t = region
    .getByRole('region', { name: new RegExp(`Data table: .*${titleEnd}$`), includeHidden: true })
    .first();
  if ((await t.count()) === 0) return { columns: [], rows: [] };
  // The table renders its rows only while its <details> is open (as a reader would open it).
  await t.evaluate((el) => {
    const details = el.closest('details');
    if (details && !details.open) details.open = true;
  });
  // One evaluation: the caption and the values it describes are read from the same render.
  return t.evaluate((el) => ({
    caption: el.querySelector('caption')?.textContent ?? undefined,
    columns: [...el.querySelectorAll('thead th')].map((c) => c.textContent ?? ''),
    rows: [...el.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent ?? ''),
    ),
  }));
}

/** The gradient-per-layer table (weights or signal, whichever the lab shows). */
export function profile(region: Locator): Promise<Table> {
  return table(region, 'gradient per layer');
}

/** Parses a formatted plot value: "1.5e-32", "0 (below float32 range)" → 0, "not finite" → NaN. */
export function value(text: string): number {
  if (text.startsWith('0 (')) return 0;
  if (text === 'not finite' || text === '') return NaN;
  return Number(text);
}

/**
 * The values of the first column whose header starts with `prefix` ("A (", "B (", "Network A"):
 * the current step (the faint step-0 reference comes after it).
 */
export function column(t: Table, prefix: string): number[] {
  const i = t.columns.findIndex((c) => c.startsWith(prefix));
  if (i < 0) throw new Error(`no column "${prefix}…" in ${t.columns.join(' | ')}`);
  return t.rows.map((r) => value(r[i] ?? '')).filter((v) => !Number.isNaN(v));
}

/** First/last ratio of a column: input-side gradient over output-side gradient. */
export function ratio(values: number[]): number {
  return values[0]! / values[values.length - 1]!;
}

/** The values of the column whose header is exactly `header` (e.g. "A (plain), step 0"). */
export function columnNamed(t: Table, header: string): number[] {
  const i = t.columns.indexOf(header);
  if (i < 0) throw new Error(`no column "${header}" in ${t.columns.join(' | ')}`);
  return t.rows.map((r) => value(r[i] ?? '')).filter((v) => !Number.isNaN(v));
}
