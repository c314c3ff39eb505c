import { memo, useState } from 'react';

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** Column headers; the first column holds the row headers. */
  columns: readonly string[];
  /** Rows of already formatted cells; cell 0 is the row header. */
  rows: readonly (readonly string[])[];
  caption?: string;
  /** Names the scrollable region, e.g. the plot title; must be unique on the page. */
  label?: string;
  /** Shown under the table, e.g. "every 10th step". */
  note?: string;
}

/**
 * The text alternative of a plot: a collapsed table with column and row headers. The body is
 * rendered only while the table is open: plots update about ten times a second during training,
 * and hundreds of hidden cells would dominate the cost of each update.
 */
export const DataTable = memo(function DataTable({
  columns,
  rows,
  caption,
  label,
  note,
}: DataTableProps) {
  const [open, setOpen] = useState(false);
  return (
    <details className="plot-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Data table</summary>
      {/* Focusable so that keyboard users can scroll a wide table on a narrow screen. */}
      <div
        className="plot-data-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Data table: ${label ?? caption ?? ''}`}
      >
        <table className="plot-table">
          {caption ? <caption>{caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {open ? (
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          ) : null}
        </table>
      </div>
      {note ? <p className="plot-data-note">{note}</p> : null}
    </details>
  );
});
