import { useCallback, useState, type ReactNode, type RefObject } from 'react';
import { DataTable, type DataTableProps } from './DataTable';
import { exportSvg, type RasterLayer } from './exporting';
import { exportPng } from './paintSvg';
import '../plots.css';

/** Props of {@link PlotFrame}. */
export interface PlotFrameProps {
  title: string;
  /** The SVG that holds the drawing (axes, marks, legend); it is what gets exported. */
  svgRef: RefObject<SVGSVGElement | null>;
  /** The element whose width the plot follows. */
  containerRef: RefObject<HTMLDivElement | null>;
  /** Returns the canvas layer for exports, if the plot has one. */
  getRaster?: () => RasterLayer | null;
  /** The graphic: the role="img" element, the focusable overlay and the readout. */
  children: ReactNode;
  /** The data-table alternative, shown under the plot (its label is the title). */
  table?: Pick<DataTableProps, 'columns' | 'rows' | 'note' | 'caption'>;
  /** Extra line under the title (e.g. how to read the plot). */
  note?: ReactNode;
}

/**
 * The shared frame of every plot: a figure with the title as caption, the graphic, "Download PNG"
 * and "Download SVG" buttons, and the data table.
 */
export function PlotFrame({
  title,
  svgRef,
  containerRef,
  getRaster,
  children,
  table,
  note,
}: PlotFrameProps) {
  const [status, setStatus] = useState('');
  const onSvg = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const ok = exportSvg(svg, title, getRaster?.() ?? null);
    setStatus(ok ? '' : 'Download is not available in this browser.');
  }, [svgRef, title, getRaster]);
  const onPng = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    void exportPng(svg, title, getRaster?.() ?? null).then((ok) =>
      setStatus(ok ? '' : 'PNG export is not available in this browser.'),
    );
  }, [svgRef, title, getRaster]);
  return (
    <figure className="plot">
      <figcaption className="plot-title">{title}</figcaption>
      {note ? <p className="plot-note">{note}</p> : null}
      <div className="plot-area" ref={containerRef}>
        {children}
      </div>
      <div className="plot-actions">
        <button
          type="button"
          className="plot-button"
          onClick={onPng}
          aria-label={`Download PNG: ${title}`}
        >
          Download PNG
        </button>
        <button
          type="button"
          className="plot-button"
          onClick={onSvg}
          aria-label={`Download SVG: ${title}`}
        >
          Download SVG
        </button>
        {status ? (
          <span className="plot-status" role="status">
            {status}
          </span>
        ) : null}
      </div>
      {table ? <DataTable label={title} {...table} /> : null}
    </figure>
  );
}
