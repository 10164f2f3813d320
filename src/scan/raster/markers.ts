/**
 * Marker blobs: hand-drawn redactions made with a marker pen. Unlike burned-in boxes they are
 * ragged, slanted and do not fill their bounding box, so the rectangle stages miss them. A blob is
 * a connected region of solid cells that:
 *  - is big and thick enough to hide text (area, length and stroke height against the page's
 *    character height);
 *  - fills >= markerMinFill of its oriented box (the rectangle along its own main axis, found from
 *    its second moments, within +-markerMaxSlantDeg of horizontal);
 *  - is solid ink: its own cells are >= markerMinInk dark, and so is the middle half of its
 *    thickness along its length (>= markerMinCore), unlike a word in bold print;
 *  - is really dark, and lies on paper (not in a dark bar or a photo);
 *  - is drawn by hand: at most one of its four sides is a straight line (a logo, a button or a
 *    printed bar has straight sides; a marker stroke has ragged ones);
 *  - has no letter counters: enclosed white holes are at most markerMaxHoles of it (over-inked
 *    bold print runs together into blobs, but keeps the holes of its o, e, a and d).
 * It is reported with the corners of its oriented box.
 */
import type { BBox } from '../../model.js';
import type { GreyImage } from '../render.js';
import { componentsOf, labelRuns } from './binary.js';
import type { RasterSettings } from './defaults.js';
import { darkShare, pixelFrame, surround, type PixelFrame } from './features.js';
import type { CellGrid } from './grid.js';
import type { PageMetrics } from './text-metrics.js';

export interface MarkerBlob {
  /** Corners of the oriented box, pixels (top-left, top-right, bottom-right, bottom-left). */
  pxQuad: [number, number][];
  /** Axis-aligned hull, pixels. */
  pxBox: BBox;
  slantDeg: number;
  /** Share of the oriented box the blob covers. */
  fill: number;
  /** Dark share of the blob's core. */
  core: number;
  darkMean: number;
}

interface Moments {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  dark: number;
  grey: number;
}

/** Cell moments of one component (cells as unit squares at their centres). */
function momentsOf(list: number[], runs: ReturnType<typeof labelRuns>, grid: CellGrid): Moments {
  const m: Moments = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, dark: 0, grey: 0 };
  for (const i of list) {
    const y = runs.y[i] + 0.5;
    for (let x = runs.x0[i]; x < runs.x1[i]; x++) {
      const cx = x + 0.5;
      m.n++;
      m.sx += cx;
      m.sy += y;
      m.sxx += cx * cx;
      m.syy += y * y;
      m.sxy += cx * y;
      const k = runs.y[i] * grid.gw + x;
      m.dark += grid.cnt[k];
      m.grey += grid.gsum[k];
    }
  }
  return m;
}

/** The oriented box (in cells) of a component: its main axis angle and extents along both axes. */
function orientedBox(list: number[], runs: ReturnType<typeof labelRuns>, m: Moments) {
  const mx = m.sx / m.n;
  const my = m.sy / m.n;
  const cxx = m.sxx / m.n - mx * mx;
  const cyy = m.syy / m.n - my * my;
  const cxy = m.sxy / m.n - mx * my;
  const theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const i of list) {
    for (const [x, y] of [
      [runs.x0[i], runs.y[i]],
      [runs.x1[i], runs.y[i]],
      [runs.x0[i], runs.y[i] + 1],
      [runs.x1[i], runs.y[i] + 1],
    ]) {
      const u = (x - mx) * cs + (y - my) * sn;
      const v = -(x - mx) * sn + (y - my) * cs;
      u0 = Math.min(u0, u);
      u1 = Math.max(u1, u);
      v0 = Math.min(v0, v);
      v1 = Math.max(v1, v);
    }
  }
  const corner = (u: number, v: number): [number, number] => [mx + u * cs - v * sn, my + u * sn + v * cs];
  return { theta, quad: [corner(u0, v0), corner(u1, v0), corner(u1, v1), corner(u0, v1)], len: u1 - u0, thick: v1 - v0 };
}

/** Dark share of the middle half of the blob's thickness, along its length (pixels). */
function coreDarkness(img: GreyImage, f: PixelFrame, T: number): number {
  return darkShare(img, f, f.w * 0.05, f.h * 0.25, f.w * 0.95, f.h * 0.75, T, Math.max(1, Math.round(img.scale / 2)));
}

/** Spread (P90 - P10) of a boundary profile around its least-squares line; NaN for short profiles. */
export function profileSpread(p: number[]): number {
  const n = p.length;
  if (n < 4) return NaN;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += p[i];
    sxx += i * i;
    sxy += i * p[i];
  }
  const slope = (n * sxy - sx * sy) / Math.max(1e-9, n * sxx - sx * sx);
  const icept = (sy - slope * sx) / n;
  const res = p.map((v, i) => v - (icept + slope * i)).sort((a, b) => a - b);
  return res[Math.floor(n * 0.9)] - res[Math.floor(n * 0.1)];
}

/** Cell bounds [x0, y0, x1, y1) of a component's runs. */
function runBounds(list: number[], runs: ReturnType<typeof labelRuns>): [number, number, number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const i of list) {
    x0 = Math.min(x0, runs.x0[i]);
    x1 = Math.max(x1, runs.x1[i]);
    y0 = Math.min(y0, runs.y[i]);
    y1 = Math.max(y1, runs.y[i] + 1);
  }
  return [x0, y0, x1, y1];
}

/** How many of the component's sides (top, bottom, left, right; middle 80% of each) are straight within tol cells. */
export function straightSides(list: number[], runs: ReturnType<typeof labelRuns>, tol: number): number {
  const [x0, y0, x1, y1] = runBounds(list, runs);
  const top = new Array<number>(x1 - x0).fill(Infinity);
  const bottom = new Array<number>(x1 - x0).fill(-Infinity);
  const left = new Array<number>(y1 - y0).fill(Infinity);
  const right = new Array<number>(y1 - y0).fill(-Infinity);
  for (const i of list) {
    const y = runs.y[i];
    left[y - y0] = Math.min(left[y - y0], runs.x0[i]);
    right[y - y0] = Math.max(right[y - y0], runs.x1[i]);
    for (let x = runs.x0[i]; x < runs.x1[i]; x++) {
      top[x - x0] = Math.min(top[x - x0], y);
      bottom[x - x0] = Math.max(bottom[x - x0], y + 1);
    }
  }
  const mid = (p: number[]) => p.slice(Math.floor(p.length * 0.1), Math.ceil(p.length * 0.9)).filter(Number.isFinite);
  return [top, bottom, left, right].filter((p) => profileSpread(mid(p)) <= tol).length;
}

/** Cells inside the component's bbox that are enclosed white holes (filled by the label-hole stage, not solid). */
function enclosedHoles(list: number[], runs: ReturnType<typeof labelRuns>, solid: Uint8Array, filled: Uint8Array, gw: number): number {
  const [x0, y0, x1, y1] = runBounds(list, runs);
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (filled[y * gw + x] && !solid[y * gw + x]) n++;
  return n;
}

/** Marker blobs of a page: components of the solid-cell mask that pass the rules above. */
export function findMarkerBlobs(img: GreyImage, grid: CellGrid, solid: Uint8Array, filled: Uint8Array, page: PageMetrics, s: RasterSettings): MarkerBlob[] {
  const { gw, gh, cellPt, c } = grid;
  const runs = labelRuns(solid, gw, gh, 1);
  const minCells = s.markerMinAreaPt2 / (cellPt * cellPt);
  const out: MarkerBlob[] = [];
  for (const list of componentsOf(runs).values()) {
    let cells = 0;
    for (const i of list) cells += runs.x1[i] - runs.x0[i];
    if (cells < minCells) continue;
    const m = momentsOf(list, runs, grid);
    const ob = orientedBox(list, runs, m);
    const slantDeg = (ob.theta * 180) / Math.PI;
    const lenPt = ob.len * cellPt;
    const thickPt = ob.thick * cellPt;
    if (Math.abs(slantDeg) > s.markerMaxSlantDeg) continue;
    if (lenPt < s.markerMinLength * page.charHeightPt || thickPt < Math.max(s.minHeightPt, s.markerMinThickness * page.charHeightPt)) continue;
    const fill = m.n / (ob.len * ob.thick);
    const darkMean = m.dark > 0 ? m.grey / m.dark : 255;
    const ink = m.dark / (m.n * c * c);
    if (fill < s.markerMinFill || darkMean > s.maxDarkMean || ink < s.markerMinInk) continue;
    if (straightSides(list, runs, s.markerStraightPt / cellPt) > 1) continue;
    if (enclosedHoles(list, runs, solid, filled, gw) > s.markerMaxHoles * m.n) continue; // letter counters: print
    const pxQuad = ob.quad.map(([x, y]) => [x * c, y * c] as [number, number]);
    const f = pixelFrame(pxQuad);
    const core = coreDarkness(img, f, grid.T);
    if (core < s.markerMinCore) continue;
    const ring = surround(img, f, grid.T, page.paper, Math.round(img.scale * 2), Math.round(img.scale * 4));
    if (ring.ink > s.maxRingInk || ring.mid > s.maxRingMid) continue;
    const xs = pxQuad.map((p) => p[0]);
    const ys = pxQuad.map((p) => p[1]);
    const pxBox: BBox = [
      Math.max(0, Math.floor(Math.min(...xs))),
      Math.max(0, Math.floor(Math.min(...ys))),
      Math.min(img.width, Math.ceil(Math.max(...xs))),
      Math.min(img.height, Math.ceil(Math.max(...ys))),
    ];
    const margin = s.edgeMarginPt * img.scale;
    if (pxBox[0] < margin || pxBox[1] < margin || pxBox[2] > img.width - margin || pxBox[3] > img.height - margin) continue; // scanner border
    out.push({ pxQuad, pxBox, slantDeg, fill, core, darkMean });
  }
  return out;
}
