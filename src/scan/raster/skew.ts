/**
 * Stage 5 of the raster box search: the skew of a dark region, and its deskewed frame.
 *
 * The skew is the angle (within +-maxSkew degrees, 0.1 degree steps) that best concentrates the
 * region's horizontal edges (the top and bottom borders of its cells) into few rows: it works for
 * single rectangles and for the staircases of multi-line redactions alike.
 */
import type { Runs } from './binary.js';

/** A connected region of the opened cell mask. */
export interface CellRegion {
  root: number;
  /** Its runs (indices into runs). */
  list: number[];
  /** Cell bbox, x1/y1 exclusive. */
  bx0: number;
  by0: number;
  bx1: number;
  by1: number;
}

/** A rotated frame over the cell grid: local cell (iu, iv) <-> grid cell. */
export interface Frame {
  theta: number;
  cx: number;
  cy: number;
  cs: number;
  sn: number;
  lu0: number;
  lv0: number;
  lw: number;
  lh: number;
}

export function regionOf(root: number, list: number[], runs: Runs): CellRegion {
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -Infinity;
  let by1 = -Infinity;
  for (const i of list) {
    bx0 = Math.min(bx0, runs.x0[i]);
    bx1 = Math.max(bx1, runs.x1[i]);
    by0 = Math.min(by0, runs.y[i]);
    by1 = Math.max(by1, runs.y[i] + 1);
  }
  return { root, list, bx0, by0, bx1, by1 };
}

/** Sum of squared row counts of the edge points rotated by th: high when edges line up. */
function edgeScore(ex: number[], ey: number[], th: number, hist: Float64Array, span: number): number {
  hist.fill(0);
  const cs = Math.cos(th);
  const sn = Math.sin(th);
  let sc = 0;
  for (let i = 0; i < ex.length; i++) {
    const k = Math.round(-ex[i] * sn + ey[i] * cs) + span;
    sc += 2 * hist[k] + 1; // running sum of squares
    hist[k]++;
  }
  return sc;
}

/** Skew angle (radians) of a region whose cells carry `label[cell] === region.root`. */
export function estimateSkew(region: CellRegion, label: Int32Array, gw: number, gh: number, maxSkewDeg: number): number {
  if (!(maxSkewDeg > 0)) return 0;
  const { root, bx0, by0, bx1, by1 } = region;
  const cx = (bx0 + bx1) / 2;
  const cy = (by0 + by1) / 2;
  const ex: number[] = [];
  const ey: number[] = [];
  for (let y = by0; y < by1; y++) {
    const b = y * gw;
    for (let x = bx0; x < bx1; x++) {
      if (label[b + x] !== root) continue;
      if (y === 0 || label[b - gw + x] !== root) {
        ex.push(x + 0.5 - cx);
        ey.push(y - cy);
      }
      if (y === gh - 1 || label[b + gw + x] !== root) {
        ex.push(x + 0.5 - cx);
        ey.push(y + 1 - cy);
      }
    }
  }
  const span = Math.ceil(Math.hypot(bx1 - bx0, by1 - by0)) + 4;
  const hist = new Float64Array(2 * span + 1);
  const base = edgeScore(ex, ey, 0, hist, span);
  let bestScore = base;
  let theta = 0;
  const step = (0.1 * Math.PI) / 180;
  const nSteps = Math.round(maxSkewDeg / 0.1);
  for (let i = -nSteps; i <= nSteps; i++) {
    if (i === 0) continue;
    const sc = edgeScore(ex, ey, i * step, hist, span);
    if (sc > bestScore) {
      bestScore = sc;
      theta = i * step;
    }
  }
  return bestScore < base * 1.05 ? 0 : theta;
}

/** The frame rotated by theta that holds the region's runs. */
export function frameOf(region: CellRegion, runs: Runs, theta: number): Frame {
  const cx = (region.bx0 + region.bx1) / 2;
  const cy = (region.by0 + region.by1) / 2;
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const i of region.list) {
    const ya = runs.y[i] - cy;
    const xa = runs.x0[i] - cx;
    const xb = runs.x1[i] - cx;
    for (let q = 0; q < 4; q++) {
      const px = q & 1 ? xb : xa;
      const py = q & 2 ? ya + 1 : ya;
      const u = px * cs + py * sn;
      const v = -px * sn + py * cs;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
  }
  const lu0 = Math.floor(u0);
  const lv0 = Math.floor(v0);
  return { theta, cx, cy, cs, sn, lu0, lv0, lw: Math.ceil(u1) - lu0, lh: Math.ceil(v1) - lv0 };
}

/** Grid cell index of local cell (iu, iv), or -1 outside the grid. */
export function srcCell(f: Frame, iu: number, iv: number, gw: number, gh: number): number {
  const u = f.lu0 + iu + 0.5;
  const v = f.lv0 + iv + 0.5;
  const x = Math.floor(f.cx + u * f.cs - v * f.sn);
  const y = Math.floor(f.cy + u * f.sn + v * f.cs);
  if (x < 0 || y < 0 || x >= gw || y >= gh) return -1;
  return y * gw + x;
}

/** Grid (cell) coordinates of local point (u, v) measured from the frame origin lu0/lv0. */
export function toGrid(f: Frame, u: number, v: number): [number, number] {
  const uu = f.lu0 + u;
  const vv = f.lv0 + v;
  return [f.cx + uu * f.cs - vv * f.sn, f.cy + uu * f.sn + vv * f.cs];
}
