/**
 * Reading plotted values the way a reader can: open a plot's "Data table" and read its rows.
 * The figure tests share these.
 */
import type { Locator } from 'playwright-core';

/** The body rows of the data table of the plot titled `title` in `figure`, opened. */
export async function tableRows(figure: Locator, title: string): Promise<string[][]> {
  const plot = figure.locator('figure.plot', { hasText: title });
  const details = plot.locator('details.plot-data');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await plot.locator('summary', { hasText: 'Data table' }).click();
  const rows = plot.locator('table.plot-table tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
  );
}

/** The data table of `title` as records keyed by column header. */
export async function tableRecords(
  figure: Locator,
  title: string,
): Promise<Record<string, string>[]> {
  const rows = await tableRows(figure, title);
  const plot = figure.locator('figure.plot', { hasText: title });
  const headers = await plot
    .locator('table.plot-table thead th')
    .evaluateAll((ths) => ths.map((th) => th.textContent ?? ''));
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
}
