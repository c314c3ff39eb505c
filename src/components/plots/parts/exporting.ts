import { PLOT_COLORS, PLOT_FONT } from '../geometry/colors';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height of one title line above the plot in exports, and the room above and below it. */
const TITLE_LINE = 18;
const TITLE_PAD = 10;
/** About the width of one 14 px bold character: enough to keep a title inside the export. */
const TITLE_CHAR_PX = 8;

/** `title` broken at spaces into lines that fit `width` px (a word longer than a line stays whole). */
export function titleLines(title: string, width: number): string[] {
  const max = Math.max(10, Math.floor((width - 16) / TITLE_CHAR_PX));
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A canvas drawn under the SVG (heatmap, decision boundary), placed at the plot area. */
export interface RasterLayer {
  canvas: HTMLCanvasElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

function canvasDataUrl(canvas: HTMLCanvasElement): string | null {
  try {
    const url = canvas.toDataURL('image/png');
    return typeof url === 'string' && url.startsWith('data:image/') ? url : null;
  } catch {
    return null; // jsdom without the canvas package, or a tainted canvas
  }
}

/**
 * A standalone copy of a plot's SVG: explicit size and namespace, a white background, the title
 * on top and the raster layer embedded as a PNG data URL. The plots draw with presentation
 * attributes only, so the copy needs no stylesheet.
 */
export function buildExportSvg(
  svg: SVGSVGElement,
  title: string,
  raster?: RasterLayer | null,
): SVGSVGElement {
  const width = Number(svg.getAttribute('width')) || 600;
  const height = Number(svg.getAttribute('height')) || 300;
  // Built in a document of its own, with no window: an <image> with a data: URL made in the page's
  // document is fetched at once, and the page's Content-Security-Policy (img-src 'self') refuses
  // it with a console error. Nothing in an inert document loads.
  const doc = svg.ownerDocument.implementation.createDocument(SVG_NS, 'svg', null);
  const out = doc.createElementNS(SVG_NS, 'svg');
  // A long title on a narrow plot (the heatmap on a phone) wraps instead of running off the edge.
  const lines = titleLines(title, width);
  const band = TITLE_PAD + lines.length * TITLE_LINE;
  const total = height + band;
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(total));
  out.setAttribute('viewBox', `0 0 ${width} ${total}`);
  out.setAttribute('font-family', PLOT_FONT);
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.textContent = svg.getAttribute('aria-label') ?? title;
  out.appendChild(titleEl);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of [
    ['width', String(width)],
    ['height', String(total)],
    ['fill', '#ffffff'],
  ]) {
    bg.setAttribute(k as string, v as string);
  }
  out.appendChild(bg);
  const text = doc.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', '8');
  text.setAttribute('y', '19');
  text.setAttribute('font-size', '14');
  text.setAttribute('font-weight', '600');
  text.setAttribute('fill', PLOT_COLORS.ink);
  lines.forEach((l, i) => {
    const span = doc.createElementNS(SVG_NS, 'tspan');
    span.setAttribute('x', '8');
    if (i > 0) span.setAttribute('dy', String(TITLE_LINE));
    span.textContent = l;
    text.appendChild(span);
  });
  out.appendChild(text);
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0,${band})`);
  for (const child of Array.from(svg.childNodes)) body.appendChild(child.cloneNode(true));
  out.appendChild(body);
  if (raster) {
    const url = canvasDataUrl(raster.canvas);
    const slot = body.querySelector('[data-raster]');
    if (url) {
      const img = doc.createElementNS(SVG_NS, 'image');
      img.setAttribute('href', url);
      img.setAttribute('x', String(raster.x));
      img.setAttribute('y', String(raster.y));
      img.setAttribute('width', String(raster.width));
      img.setAttribute('height', String(raster.height));
      img.setAttribute('preserveAspectRatio', 'none');
      img.setAttribute('data-raster', '');
      if (slot) slot.replaceWith(img);
      else body.insertBefore(img, body.firstChild);
    }
  }
  return out;
}

/** Serialises a plot to a standalone SVG document string. */
export function serializeSvg(
  svg: SVGSVGElement,
  title: string,
  raster?: RasterLayer | null,
): string {
  const out = buildExportSvg(svg, title, raster);
  // The serializer writes xmlns for an element created in the SVG namespace; setting it as an
  // attribute as well would duplicate it (a parse error), so add it only if it is missing.
  let xml = new XMLSerializer().serializeToString(out);
  if (!/^<svg[^>]*\sxmlns=/.test(xml)) xml = xml.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Starts a download of a blob. Returns false where the browser APIs are missing (jsdom). */
export function downloadBlob(blob: Blob, filename: string): boolean {
  if (typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  queueMicrotask(() => URL.revokeObjectURL(url));
  return true;
}

/** A file name from a title: "Gradient norm per layer" → "gradient-norm-per-layer". */
export function fileNameFor(title: string, ext: 'svg' | 'png'): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'plot';
  return `${base}.${ext}`;
}

/** Downloads the plot as SVG. */
export function exportSvg(svg: SVGSVGElement, title: string, raster?: RasterLayer | null): boolean {
  const text = serializeSvg(svg, title, raster);
  return downloadBlob(new Blob([text], { type: 'image/svg+xml' }), fileNameFor(title, 'svg'));
}
