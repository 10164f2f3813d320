/**
 * Stage 4-5 of the raster box search: regions of the opened solid mask, deskewed and cut into
 * rectangles (one per band of constant extent), each measured on the raw cell counts.
 */
import type { BBox } from '../../model.js';
import type { GreyImage } from '../render.js';
import { componentsOf, labelRuns, median, type Runs } from './binary.js';
import { longestGradualRun, mergeBumps, rowBands, type Band } from './bands.js';
import type { CellGrid } from './grid.js';
import { estimateSkew, frameOf, regionOf, srcCell, toGrid, type CellRegion, type Frame } from './skew.js';

/** A candidate rectangle: rows v0..v1 and columns u0..u1 (exclusive ends) of a deskewed frame. */
export interface Rect {
  frame: Frame;
  /** Root of the region it was cut from (the lines of one multi-line redaction share it). */
  region: number;
  v0: number;
  v1: number;
  u0: number;
  u1: number;
  /** Share of the rectangle's pixels that are dark. */
  darkRatio: number;
  /** Share of its cells that are solid or enclosed label strokes. */
  fill: number;
  /** Mean grey of its dark pixels. */
  darkMean: number;
  /** The second least-filled of its four corner squares (a quarter of its shorter side), share of cells solid or label: a label may start in one corner. */
  corners: number;
}

export interface RectangleOptions {
  minHeightPt: number;
  minWidthPt: number;
  maxSkewDeg: number;
  edgeMarginPt: number;
}

/** Every rectangle of every region of the opened mask (unverified). */
export function findRectangles(grid: CellGrid, filled: Uint8Array, opened: Uint8Array, o: RectangleOptions): Rect[] {
  const { gw, gh, cellPt } = grid;
  if (opened.indexOf(1) < 0) return []; // nothing survived the opening (most pages' mid-tones)
  const runs = labelRuns(opened, gw, gh, 1);
  const label = new Int32Array(gw * gh).fill(-1);
  for (let i = 0; i < runs.n; i++) label.fill(runs.root[i], runs.y[i] * gw + runs.x0[i], runs.y[i] * gw + runs.x1[i]);
  const margin = Math.max(1, Math.round(o.edgeMarginPt / cellPt));
  const out: Rect[] = [];
  for (const [root, list] of componentsOf(runs)) {
    const region = regionOf(root, list, runs);
    const { bx0, by0, bx1, by1 } = region;
    if (bx0 < margin || by0 < margin || bx1 > gw - margin || by1 > gh - margin) continue; // scanner border
    if (bx1 - bx0 < (o.minWidthPt / cellPt) * 0.9 || by1 - by0 < (o.minHeightPt / cellPt) * 0.9) continue;
    const theta = estimateSkew(region, label, gw, gh, o.maxSkewDeg);
    const frame = frameOf(region, runs, theta);
    for (const r of regionRectangles(region, frame, label, grid, o)) out.push(measure(r, grid, filled));
  }
  return out;
}

/** Bands of the region in its frame, minus curved outlines; one rectangle per tall-enough band. */
function regionRectangles(region: CellRegion, frame: Frame, label: Int32Array, grid: CellGrid, o: RectangleOptions): Omit<Rect, 'darkRatio' | 'fill' | 'darkMean' | 'corners'>[] {
  const { gw, gh, cellPt } = grid;
  const minHC = o.minHeightPt / cellPt;
  const minWC = o.minWidthPt / cellPt;
  const tol = Math.max(2, Math.round(2 / cellPt));
  const rowMin = new Int32Array(frame.lh).fill(-1);
  const rowMax = new Int32Array(frame.lh).fill(-1);
  for (let iv = 0; iv < frame.lh; iv++) {
    for (let iu = 0; iu < frame.lw; iu++) {
      const k = srcCell(frame, iu, iv, gw, gh);
      if (k >= 0 && label[k] === region.root) {
        if (rowMin[iv] < 0) rowMin[iv] = iu;
        rowMax[iv] = iu;
      }
    }
  }
  const { bands, rows } = rowBands(rowMin, rowMax, tol);
  if (longestGradualRun(bands, minHC, tol) >= 4) return []; // a curve: letters, seals, logos
  mergeBumps(bands, tol, 12 / cellPt);
  let thinRows = 0;
  for (const b of bands) if (b.v1 - b.v0 < minHC) thinRows += b.v1 - b.v0;
  if (thinRows > Math.max(2 * tol, 0.25 * rows)) return []; // curved outline: letters, logos
  return bands
    .filter((b: Band) => b.v1 - b.v0 >= minHC)
    .map((b) => ({ frame, region: region.root, v0: b.v0, v1: b.v1, u0: median(b.mins), u1: median(b.maxs) + 1 }))
    .filter((r) => r.u1 - r.u0 >= minWC);
}

/** Raw counts over the rectangle: dark share, filled share, mean grey of the dark pixels. */
function measure(r: Omit<Rect, 'darkRatio' | 'fill' | 'darkMean' | 'corners'>, grid: CellGrid, filled: Uint8Array): Rect {
  const { gw, gh, c, cnt, gsum } = grid;
  let n = 0;
  let dark = 0;
  let greySum = 0;
  let fil = 0;
  for (let iv = r.v0; iv < r.v1; iv++) {
    for (let iu = r.u0; iu < r.u1; iu++) {
      const k = srcCell(r.frame, iu, iv, gw, gh);
      n++;
      if (k < 0) continue;
      dark += cnt[k];
      greySum += gsum[k];
      fil += filled[k];
    }
  }
  return { ...r, darkRatio: dark / (n * c * c), fill: fil / n, darkMean: dark > 0 ? greySum / dark : 255, corners: cornerFill(r, grid, filled) };
}

/** Filled share of the second least-filled corner square of a rectangle. */
function cornerFill(r: Omit<Rect, 'darkRatio' | 'fill' | 'darkMean' | 'corners'>, grid: CellGrid, filled: Uint8Array): number {
  const a = Math.max(1, Math.round(Math.min(r.u1 - r.u0, r.v1 - r.v0) / 4));
  const share = (u0: number, v0: number) => {
    let n = 0;
    let f = 0;
    for (let v = v0; v < v0 + a; v++) {
      for (let u = u0; u < u0 + a; u++) {
        const k = srcCell(r.frame, u, v, grid.gw, grid.gh);
        n++;
        if (k >= 0) f += filled[k];
      }
    }
    return f / n;
  };
  return [share(r.u0, r.v0), share(r.u1 - a, r.v0), share(r.u0, r.v1 - a), share(r.u1 - a, r.v1 - a)].sort((p, q) => p - q)[1];
}

/** The rectangle's corners in pixels (clockwise from top-left) and its pixel hull, edges refined when axis-aligned. */
export function rectPixels(r: Rect, img: GreyImage, grid: CellGrid): { pxBox: BBox; pxQuad: [number, number][] } {
  const { c, T } = grid;
  const quad = ([
    [r.u0, r.v0],
    [r.u1, r.v0],
    [r.u1, r.v1],
    [r.u0, r.v1],
  ] as const).map(([u, v]) => toGrid(r.frame, u, v).map((p) => p * c) as [number, number]);
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const hull: BBox = [
    Math.max(0, Math.round(Math.min(...xs))),
    Math.max(0, Math.round(Math.min(...ys))),
    Math.min(img.width, Math.round(Math.max(...xs))),
    Math.min(img.height, Math.round(Math.max(...ys))),
  ];
  if (r.frame.theta !== 0) return { pxBox: hull, pxQuad: quad };
  const px = refineEdges(img, hull, T, c);
  return { pxBox: px, pxQuad: [[px[0], px[1]], [px[2], px[1]], [px[2], px[3]], [px[0], px[3]]] };
}

/** Move each edge of an axis-aligned box, by up to 1.5 cells, to where pixel lines turn dark. */
export function refineEdges(img: GreyImage, box: BBox, T: number, c: number): BBox {
  const { width: W, height: H, data } = img;
  const r = Math.max(2, Math.ceil(c * 1.5));
  let [x0, y0, x1, y1] = box;
  // inner span (middle 80%) used to measure each pixel line
  const spanX0 = Math.round(x0 + (x1 - x0) * 0.1);
  const spanX1 = Math.round(x1 - (x1 - x0) * 0.1);
  const spanY0 = Math.round(y0 + (y1 - y0) * 0.1);
  const spanY1 = Math.round(y1 - (y1 - y0) * 0.1);
  const rowDark = (y: number) => {
    if (y < 0 || y >= H) return 0;
    let d = 0;
    const b = y * W;
    for (let x = spanX0; x < spanX1; x++) if (data[b + x] < T) d++;
    return d / Math.max(1, spanX1 - spanX0);
  };
  const colDark = (x: number) => {
    if (x < 0 || x >= W) return 0;
    let d = 0;
    for (let y = spanY0; y < spanY1; y++) if (data[y * W + x] < T) d++;
    return d / Math.max(1, spanY1 - spanY0);
  };
  for (let y = y0 - r; y <= y0 + r; y++) if (rowDark(y) >= 0.5) { y0 = Math.max(0, y); break; }
  for (let y = y1 - 1 + r; y >= y1 - 1 - r; y--) if (rowDark(y) >= 0.5) { y1 = Math.min(H, y + 1); break; }
  for (let x = x0 - r; x <= x0 + r; x++) if (colDark(x) >= 0.5) { x0 = Math.max(0, x); break; }
  for (let x = x1 - 1 + r; x >= x1 - 1 - r; x--) if (colDark(x) >= 0.5) { x1 = Math.min(W, x + 1); break; }
  return [x0, y0, x1, y1];
}

export type { Runs };

/**
 * Grow an axis-aligned box outwards, one pixel line at a time, while the next line across the box is
 * mostly dark (>= minDark) and stays clear of `blocked` boxes: a label printed at a box's very edge
 * leaves it open to the paper, so the solid stages stop short of the box's true edge. At most
 * maxPx = [horizontal, vertical] per side.
 */
export function growEdges(img: GreyImage, box: BBox, T: number, maxPx: [number, number], blocked: BBox[], minDark = 0.6): BBox {
  const [maxX, maxY] = maxPx;
  const { width: W, height: H, data } = img;
  let [x0, y0, x1, y1] = box;
  const rowDark = (y: number) => {
    let d = 0;
    for (let x = x0; x < x1; x++) if (data[y * W + x] < T) d++;
    return d / Math.max(1, x1 - x0);
  };
  const colDark = (x: number) => {
    let d = 0;
    for (let y = y0; y < y1; y++) if (data[y * W + x] < T) d++;
    return d / Math.max(1, y1 - y0);
  };
  const free = (b: BBox) => !blocked.some((o) => o[0] < b[2] && o[2] > b[0] && o[1] < b[3] && o[3] > b[1]);
  for (let k = 0; k < maxY && y0 > 0 && rowDark(y0 - 1) >= minDark && free([x0, y0 - 1, x1, y0]); k++) y0--;
  for (let k = 0; k < maxY && y1 < H && rowDark(y1) >= minDark && free([x0, y1, x1, y1 + 1]); k++) y1++;
  for (let k = 0; k < maxX && x0 > 0 && colDark(x0 - 1) >= minDark && free([x0 - 1, y0, x0, y1]); k++) x0--;
  for (let k = 0; k < maxX && x1 < W && colDark(x1) >= minDark && free([x1, y0, x1 + 1, y1]); k++) x1++;
  return [x0, y0, x1, y1];
}
