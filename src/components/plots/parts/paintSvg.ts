import { buildExportSvg, downloadBlob, fileNameFor, type RasterLayer } from './exporting';

/*
 * PNG export paints the plot's own SVG onto a canvas with the 2D API instead of loading the SVG
 * as an image: a strict CSP (img-src 'self') blocks data: and blob: images, and this path needs
 * neither. It supports exactly the elements and presentation attributes the plots use.
 */

interface Paint {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: number[];
  opacity: number;
  fillOpacity: number;
  strokeOpacity: number;
  fontSize: number;
  fontFamily: string;
  fontWeight: string;
  anchor: string;
}

const num = (el: Element, name: string, fallback = 0): number => {
  const v = Number.parseFloat(el.getAttribute(name) ?? '');
  return Number.isFinite(v) ? v : fallback;
};

function inherit(el: Element, p: Paint): Paint {
  const a = (n: string) => el.getAttribute(n);
  const q = { ...p };
  if (a('fill') !== null) q.fill = a('fill') as string;
  if (a('stroke') !== null) q.stroke = a('stroke') as string;
  if (a('stroke-width') !== null) q.strokeWidth = num(el, 'stroke-width', 1);
  if (a('stroke-dasharray') !== null) {
    const d = (a('stroke-dasharray') as string).split(/[\s,]+/).map(Number);
    q.dash = d.every(Number.isFinite) ? d : [];
  }
  if (a('opacity') !== null) q.opacity *= num(el, 'opacity', 1);
  if (a('fill-opacity') !== null) q.fillOpacity = num(el, 'fill-opacity', 1);
  if (a('stroke-opacity') !== null) q.strokeOpacity = num(el, 'stroke-opacity', 1);
  if (a('font-size') !== null) q.fontSize = num(el, 'font-size', 12);
  if (a('font-family') !== null) q.fontFamily = a('font-family') as string;
  if (a('font-weight') !== null) q.fontWeight = a('font-weight') as string;
  if (a('text-anchor') !== null) q.anchor = a('text-anchor') as string;
  return q;
}

function applyTransform(ctx: CanvasRenderingContext2D, t: string | null): void {
  if (!t) return;
  for (const m of t.matchAll(/(translate|rotate|scale)\(([^)]*)\)/g)) {
    const args = (m[2] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (m[1] === 'translate') ctx.translate(args[0] ?? 0, args[1] ?? 0);
    else if (m[1] === 'rotate') ctx.rotate(((args[0] ?? 0) * Math.PI) / 180);
    else ctx.scale(args[0] ?? 1, args[1] ?? args[0] ?? 1);
  }
}

function fillStroke(ctx: CanvasRenderingContext2D, p: Paint, path: Path2D, closed: boolean): void {
  if (closed && p.fill !== 'none') {
    ctx.globalAlpha = p.opacity * p.fillOpacity;
    ctx.fillStyle = p.fill;
    ctx.fill(path);
  }
  if (p.stroke !== 'none' && p.strokeWidth > 0) {
    ctx.globalAlpha = p.opacity * p.strokeOpacity;
    ctx.strokeStyle = p.stroke;
    ctx.lineWidth = p.strokeWidth;
    ctx.setLineDash(p.dash);
    ctx.stroke(path);
  }
}

function paintNode(
  ctx: CanvasRenderingContext2D,
  el: Element,
  parent: Paint,
  raster: RasterLayer | null,
): void {
  const p = inherit(el, parent);
  if (el.getAttribute('display') === 'none' || el.getAttribute('visibility') === 'hidden') return;
  ctx.save();
  applyTransform(ctx, el.getAttribute('transform'));
  const tag = el.localName;
  const path = new Path2D();
  switch (tag) {
    case 'svg':
    case 'g':
      for (const child of Array.from(el.children)) paintNode(ctx, child, p, raster);
      break;
    case 'rect':
      path.rect(num(el, 'x'), num(el, 'y'), num(el, 'width'), num(el, 'height'));
      fillStroke(ctx, p, path, true);
      break;
    case 'circle':
      path.arc(num(el, 'cx'), num(el, 'cy'), num(el, 'r'), 0, 2 * Math.PI);
      fillStroke(ctx, p, path, true);
      break;
    case 'line':
      path.moveTo(num(el, 'x1'), num(el, 'y1'));
      path.lineTo(num(el, 'x2'), num(el, 'y2'));
      fillStroke(ctx, p, path, false);
      break;
    case 'path': {
      const d = el.getAttribute('d');
      if (d) fillStroke(ctx, p, new Path2D(d), true);
      break;
    }
    case 'image':
      if (raster && el.hasAttribute('data-raster')) {
        ctx.globalAlpha = p.opacity;
        ctx.drawImage(raster.canvas, raster.x, raster.y, raster.width, raster.height);
      }
      break;
    case 'text': {
      const dyAttr = el.getAttribute('dy') ?? '0';
      const dy = dyAttr.endsWith('em')
        ? Number.parseFloat(dyAttr) * p.fontSize
        : Number.parseFloat(dyAttr) || 0;
      ctx.globalAlpha = p.opacity * p.fillOpacity;
      ctx.fillStyle = p.fill === 'none' ? 'transparent' : p.fill;
      ctx.font = `${p.fontWeight} ${p.fontSize}px ${p.fontFamily}`;
      ctx.textAlign = p.anchor === 'middle' ? 'center' : p.anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = 'alphabetic';
      // Lines of a wrapped export title: tspans that restart at x, each dy below the last.
      const lines = Array.from(el.children).filter(
        (c) => c.localName === 'tspan' && c.hasAttribute('x'),
      );
      if (lines.length === 0) {
        ctx.fillText(el.textContent ?? '', num(el, 'x'), num(el, 'y') + dy);
        break;
      }
      let y = num(el, 'y') + dy;
      lines.forEach((line, i) => {
        if (i > 0) y += Number.parseFloat(line.getAttribute('dy') ?? '0') || 0;
        ctx.fillText(line.textContent ?? '', num(line, 'x'), y);
      });
      break;
    }
    default:
      break; // title, desc and anything unknown paint nothing
  }
  ctx.restore();
}

/** Paints an SVG element tree (as produced by the plots) onto a 2D context. */
export function paintSvg(
  ctx: CanvasRenderingContext2D,
  svg: Element,
  raster: RasterLayer | null = null,
): void {
  const root: Paint = {
    fill: '#000000',
    stroke: 'none',
    strokeWidth: 1,
    dash: [],
    opacity: 1,
    fillOpacity: 1,
    strokeOpacity: 1,
    fontSize: 12,
    fontFamily: 'system-ui, sans-serif',
    fontWeight: 'normal',
    anchor: 'start',
  };
  paintNode(ctx, svg, root, raster);
}

/**
 * Downloads the plot as a PNG at 2× resolution. Resolves false where canvas or download APIs are
 * missing (jsdom, very old browsers) instead of throwing.
 */
export function exportPng(
  svg: SVGSVGElement,
  title: string,
  raster?: RasterLayer | null,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Path2D === 'undefined') return resolve(false);
    const out = buildExportSvg(svg, title, null);
    if (raster) {
      // Mark where the raster goes; paintSvg draws the live canvas there without a data URL.
      const img = out.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'image');
      img.setAttribute('data-raster', '');
      const body = out.querySelector('g');
      const slot = body?.querySelector('[data-raster]');
      if (slot) slot.replaceWith(img);
      else body?.insertBefore(img, body.firstChild);
    }
    const scale = 2;
    const w = Number(out.getAttribute('width'));
    const h = Number(out.getAttribute('height'));
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    let ctx: CanvasRenderingContext2D | null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null; // some environments throw instead of returning null
    }
    if (!ctx || typeof canvas.toBlob !== 'function') return resolve(false);
    ctx.scale(scale, scale);
    paintSvg(ctx, out, raster ?? null);
    canvas.toBlob((blob) => {
      resolve(blob ? downloadBlob(blob, fileNameFor(title, 'png')) : false);
    }, 'image/png');
  });
}
