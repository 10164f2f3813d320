/**
 * Coloured (tinted) redaction boxes: a flat fill lighter than ink and darker than the paper (light
 * blue, grey, any colour seen in grey), usually with the exemption code printed on it in dark
 * print. The same stages as for dark boxes run on a grid of mid-tone pixels instead of dark ones;
 * a rectangle is kept when it is bigger than a glyph, its fill is flat (a photo or a map is not) and
 * it holds some print.
 * Shaded table rows, buttons and form headers are flat tinted rectangles too, so a coloured box is
 * a redaction only when its print reads as an exemption code (needsLabel).
 */
import type { BBox } from '../../model.js';
import type { GreyImage } from '../render.js';
import { openRect } from './binary.js';
import type { RasterSettings } from './defaults.js';
import { solidCells, toneGrid } from './grid.js';
import { fillLabelHoles } from './label-holes.js';
import { findRectangles } from './rectangles.js';
import { toGrid } from './skew.js';
import type { PageMetrics } from './text-metrics.js';

export interface ColouredBox {
  pxBox: BBox;
  /** Mean grey of the fill. */
  tone: number;
  /** Standard deviation of the fill's grey. */
  spread: number;
}

/** Mean and standard deviation of the mid-tone pixels in a pixel box (every other pixel). */
function toneStats(img: GreyImage, b: BBox, lo: number, hi: number): { mean: number; sd: number } {
  let n = 0;
  let s = 0;
  let ss = 0;
  for (let y = Math.max(0, b[1]); y < Math.min(img.height, b[3]); y += 2) {
    for (let x = Math.max(0, b[0]); x < Math.min(img.width, b[2]); x += 2) {
      const v = img.data[y * img.width + x];
      if (v < lo || v >= hi) continue;
      n++;
      s += v;
      ss += v * v;
    }
  }
  const mean = n ? s / n : 255;
  return { mean, sd: n ? Math.sqrt(Math.max(0, ss / n - mean * mean)) : 0 };
}

/** Share of dark pixels in a pixel box (every other pixel). */
function darkInside(img: GreyImage, b: BBox, T: number): number {
  let n = 0;
  let d = 0;
  for (let y = Math.max(0, b[1]); y < Math.min(img.height, b[3]); y += 2) {
    for (let x = Math.max(0, b[0]); x < Math.min(img.width, b[2]); x += 2) {
      n++;
      if (img.data[y * img.width + x] < T) d++;
    }
  }
  return n ? d / n : 0;
}

/** Flat tinted rectangles of a page (T: the page's dark threshold). */
export function findColouredBoxes(img: GreyImage, T: number, page: PageMetrics, s: RasterSettings): ColouredBox[] {
  const lo = T;
  const hi = Math.max(lo + 1, page.paper - s.colourPaperGap);
  const grid = toneGrid(img, lo, hi);
  const solid = solidCells(grid);
  // most pages have no flat tint at all: stop before the costly stages
  const minCells = (s.minWidthPt * s.minHeightPt * 0.5) / (grid.cellPt * grid.cellPt);
  let n = 0;
  for (let i = 0; i < solid.length && n < minCells; i++) n += solid[i];
  if (n < minCells) return [];
  const filled = fillLabelHoles(solid, grid, s);
  const sw = Math.max(2, Math.floor((s.minWidthPt * 0.8) / grid.cellPt));
  const sh = Math.max(2, Math.floor((s.minHeightPt * 0.8) / grid.cellPt));
  const out: ColouredBox[] = [];
  for (const r of findRectangles(grid, filled, openRect(filled, grid.gw, grid.gh, sw, sh), s)) {
    if (r.fill < s.minFill || r.darkRatio < s.colourMinTone) continue;
    const corners = [toGrid(r.frame, r.u0, r.v0), toGrid(r.frame, r.u1, r.v1), toGrid(r.frame, r.u1, r.v0), toGrid(r.frame, r.u0, r.v1)];
    const xs = corners.map((p) => p[0] * grid.c);
    const ys = corners.map((p) => p[1] * grid.c);
    const pxBox: BBox = [Math.round(Math.min(...xs)), Math.round(Math.min(...ys)), Math.round(Math.max(...xs)), Math.round(Math.max(...ys))];
    const wPt = (pxBox[2] - pxBox[0]) / img.scale;
    const hPt = (pxBox[3] - pxBox[1]) / img.scale;
    const lim = s.glyphSize * page.charHeightPt;
    if (wPt < lim && hPt < lim) continue; // a dot, a pin's head
    const { mean, sd } = toneStats(img, pxBox, lo, hi);
    if (sd > s.colourMaxSpread) continue; // a photo, a map: not a flat fill
    if (darkInside(img, pxBox, T) < s.colourMinPrint) continue; // no print: nothing could say it is a redaction
    out.push({ pxBox, tone: mean, spread: sd });
  }
  return out;
}
