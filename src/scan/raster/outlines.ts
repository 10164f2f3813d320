/**
 * Outlined (white) redaction boxes: a rectangle drawn as four thin lines around an empty interior,
 * the way many FOIA offices mark a deletion, often with the exemption code inside (`(b)(6)`) or in
 * the margin beside it (`b6`, `b7C`).
 *
 *  1. lines: runs of ink cells at least outlineMinLinePt long (gaps up to a point bridged) along
 *     rows give horizontal segments, along columns vertical ones; segments thicker than
 *     outlineMaxThickPt are not lines;
 *  2. rectangles: two vertical segments and two horizontal ones meeting at four corners;
 *  3. interior: inside the lines it is empty (specks aside), or holds one line of print (a label,
 *     at most outlineLabelLines character heights tall); anything else (a frame around a
 *     paragraph) is not a deletion;
 *  4. decision: a cell of a table (lines continuing past two of its corners) is never a deletion
 *     box; a box holding a label is reported for its label to be read (a redaction only if it
 *     reads as an exemption code); an empty box is a redaction when it sits in the text flow
 *     (text beside it on its first line).
 */
import type { BBox } from '../../model.js';
import { componentsOf, labelRuns } from './binary.js';
import type { RasterSettings } from './defaults.js';
import type { CellGrid } from './grid.js';
import type { PageMetrics } from './text-metrics.js';

/** A straight line segment, cells: along a (x for horizontal), at b0/b1 across at its two ends. */
export interface Segment {
  a0: number;
  /** Exclusive end. */
  a1: number;
  b0: number;
  b1: number;
  thick: number;
}

export interface OutlineBox {
  /** Outer edges of the outline, pixels. */
  pxBox: BBox;
  /** Inside the lines, pixels. */
  pxInner: BBox;
  /** The interior holds a label (to be read); otherwise it is empty. */
  labelled: boolean;
  /** Its lines continue past its corners (a table cell). */
  inGrid: boolean;
  /** Text stands beside it on its first line. */
  inTextFlow: boolean;
}

/** Ink cells: at least a quarter of the cell dark. */
export function inkCells(grid: CellGrid): Uint8Array {
  const need = Math.max(1, Math.round(grid.c * grid.c * 0.25));
  const ink = new Uint8Array(grid.gw * grid.gh);
  for (let i = 0; i < ink.length; i++) if (grid.cnt[i] >= need) ink[i] = 1;
  return ink;
}

/**
 * Segments along rows (horizontal) of a grid of width w and height h: runs of ink at least minRun
 * cells long, gaps of up to maxGap cells bridged, joined across rows into components.
 */
export function segments(ink: Uint8Array, w: number, h: number, minRun: number, maxGap: number, maxThick: number): Segment[] {
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const base = y * w;
    let x = 0;
    while (x < w) {
      while (x < w && !ink[base + x]) x++;
      const s = x;
      let last = x;
      while (x < w && x - last <= maxGap) {
        if (ink[base + x]) last = x;
        x++;
      }
      if (last + 1 - s >= minRun) mask.fill(1, base + s, base + last + 1);
      x = last + 1;
    }
  }
  const runs = labelRuns(mask, w, h, 1);
  const out: Segment[] = [];
  for (const list of componentsOf(runs).values()) {
    let a0 = Infinity;
    let a1 = -Infinity;
    for (const i of list) {
      a0 = Math.min(a0, runs.x0[i]);
      a1 = Math.max(a1, runs.x1[i]);
    }
    if (a1 - a0 < minRun) continue;
    // extent across, per position along: the line's centre at each end and its thickness
    const lo = new Float64Array(a1 - a0).fill(Infinity);
    const hi = new Float64Array(a1 - a0).fill(-Infinity);
    for (const i of list) {
      for (let x = runs.x0[i]; x < runs.x1[i]; x++) {
        lo[x - a0] = Math.min(lo[x - a0], runs.y[i]);
        hi[x - a0] = Math.max(hi[x - a0], runs.y[i] + 1);
      }
    }
    const thicks = Array.from(lo, (l, k) => hi[k] - l).filter(Number.isFinite).sort((p, q) => p - q);
    const thick = thicks[thicks.length >> 1];
    if (thick > maxThick) continue;
    const end = Math.max(1, Math.round((a1 - a0) * 0.05));
    const centre = (k0: number, k1: number) => {
      let s = 0;
      let n = 0;
      for (let k = k0; k < k1; k++) if (Number.isFinite(lo[k])) (s += (lo[k] + hi[k]) / 2), n++;
      return n ? s / n : NaN;
    };
    out.push({ a0, a1, b0: centre(0, end), b1: centre(a1 - a0 - end, a1 - a0), thick });
  }
  return out;
}

/**
 * Join segments lying on one line (ends within tolAcross of each other across, at most maxGap apart
 * along): a scanned line broken by faint toner is still one side.
 */
export function joinCollinear(segs: Segment[], tolAcross: number, maxGap: number): Segment[] {
  const sorted = [...segs].sort((p, q) => p.a0 - q.a0);
  const out: Segment[] = [];
  for (const s of sorted) {
    const prev = out.find((p) => s.a0 - p.a1 <= maxGap && s.a0 >= p.a0 && Math.abs(across(p, s.a0) - s.b0) <= tolAcross);
    if (!prev) {
      out.push({ ...s });
      continue;
    }
    if (s.a1 > prev.a1) {
      prev.b1 = s.b1;
      prev.a1 = s.a1;
    }
    prev.thick = Math.max(prev.thick, s.thick);
  }
  return out;
}

/** The grid transposed (columns become rows), for vertical segments. */
function transpose(m: Uint8Array, w: number, h: number): Uint8Array {
  const t = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t[x * h + y] = m[y * w + x];
  return t;
}

/** Where a segment lies across at position a along it (linear between its ends). */
const across = (s: Segment, a: number) => s.b0 + ((s.b1 - s.b0) * (a - s.a0)) / Math.max(1, s.a1 - s.a0);

/** Rectangles of two vertical and two horizontal segments meeting within tol cells at the corners. */
export function rectanglesOf(hs: Segment[], vs: Segment[], tol: number, minW: number, minH: number): { x0: number; y0: number; x1: number; y1: number; sides: Segment[] }[] {
  const out: { x0: number; y0: number; x1: number; y1: number; sides: Segment[] }[] = [];
  const spans = (s: Segment, from: number, to: number) => s.a0 <= from + tol && s.a1 >= to - tol;
  for (const l of vs) {
    for (const r of vs) {
      const xl = (l.b0 + l.b1) / 2;
      const xr = (r.b0 + r.b1) / 2;
      if (xr - xl < minW) continue;
      const top = Math.max(l.a0, r.a0);
      const bottom = Math.min(l.a1, r.a1);
      if (bottom - top < minH) continue;
      // horizontal lines spanning from l to r, meeting both within the vertical overlap
      const rungs = hs
        .filter((h) => spans(h, xl, xr))
        .map((h) => ({ h, yl: across(h, xl), yr: across(h, xr) }))
        .filter(({ yl, yr }) => yl >= top - tol && yl <= bottom + tol && yr >= top - tol && yr <= bottom + tol)
        .sort((p, q) => p.yl - q.yl);
      for (let k = 0; k + 1 < rungs.length; k++) {
        const t = rungs[k];
        const b = rungs[k + 1];
        // one cell at a time: no vertical line between the sides spans it
        const y0 = Math.max(t.yl, t.yr);
        const y1 = Math.min(b.yl, b.yr);
        if (vs.some((m) => m !== l && m !== r && (m.b0 + m.b1) / 2 > xl + tol && (m.b0 + m.b1) / 2 < xr - tol && spans(m, y0, y1))) continue;
        // the sides must reach both rungs
        if (!spans(l, Math.min(t.yl, t.yr), Math.max(b.yl, b.yr)) || !spans(r, Math.min(t.yl, t.yr), Math.max(b.yl, b.yr))) continue;
        if (b.yl - t.yl < minH) continue;
        out.push({ x0: xl, y0: Math.min(t.yl, t.yr), x1: xr, y1: Math.max(b.yl, b.yr), sides: [t.h, r, b.h, l] });
      }
    }
  }
  return out;
}

/** Ink cells in a cell rectangle, and their bounding box. */
function inkIn(ink: Uint8Array, gw: number, x0: number, y0: number, x1: number, y1: number): { n: number; box: BBox | null } {
  let n = 0;
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -Infinity;
  let by1 = -Infinity;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.ceil(y1); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(gw, Math.ceil(x1)); x++) {
      if (!ink[y * gw + x]) continue;
      n++;
      bx0 = Math.min(bx0, x);
      by0 = Math.min(by0, y);
      bx1 = Math.max(bx1, x + 1);
      by1 = Math.max(by1, y + 1);
    }
  }
  return { n, box: n ? [bx0, by0, bx1, by1] : null };
}

/** Outlined boxes of a page (cells -> pixels), with what their interior holds and where they stand. */
export function findOutlineBoxes(grid: CellGrid, page: PageMetrics, s: RasterSettings): OutlineBox[] {
  const { gw, gh, cellPt, c } = grid;
  const ink = inkCells(grid);
  const cells = (pt: number) => pt / cellPt;
  const minRun = cells(s.outlineMinLinePt);
  const gap = Math.max(1, Math.round(cells(1)));
  const maxThick = cells(s.outlineMaxThickPt);
  const join = (segs: Segment[]) => joinCollinear(segs, cells(1.5), cells(s.outlineMaxGapPt));
  // vertical pieces longer than any letter stroke
  const minV = Math.max(minRun, cells(1.5 * page.charHeightPt));
  const hs = join(segments(ink, gw, gh, minRun, gap, maxThick));
  if (hs.length < 2) return []; // no box without a top and a bottom line
  const vs = join(segments(transpose(ink, gw, gh), gh, gw, minV, gap, maxThick));
  const minW = Math.max(cells(s.minWidthPt), cells(s.outlineMinChars * page.charHeightPt));
  const minH = Math.max(cells(s.minHeightPt), cells(1.2 * page.charHeightPt));
  const out: OutlineBox[] = [];
  for (const r of rectanglesOf(hs, vs, cells(2), minW, minH)) {
    const box = classify(r, ink, grid, page, s);
    // the box is its lines too: r runs through their middles
    const half = Math.max(...r.sides.map((x) => x.thick)) / 2 + 0.5;
    if (box) out.push({ ...box, pxBox: [r.x0 - half, r.y0 - half, r.x1 + half, r.y1 + half].map((v) => Math.round(v * c)) as BBox });
  }
  return dedupe(out);
}

/** What a rectangle's interior holds and where it stands; null when it is not a deletion box. */
function classify(
  r: { x0: number; y0: number; x1: number; y1: number; sides: Segment[] },
  ink: Uint8Array,
  grid: CellGrid,
  page: PageMetrics,
  s: RasterSettings,
): Omit<OutlineBox, 'pxBox'> | null {
  const { gw, cellPt, c } = grid;
  // inside the lines, allowing for their thickness and the drift of a skewed scan
  const inset = Math.max(...r.sides.map((x) => x.thick / 2 + Math.abs(x.b1 - x.b0))) + 1;
  const ix0 = r.x0 + inset;
  const iy0 = r.y0 + inset;
  const ix1 = r.x1 - inset;
  const iy1 = r.y1 - inset;
  if (ix1 <= ix0 || iy1 <= iy0) return null;
  const inside = inkIn(ink, gw, ix0, iy0, ix1, iy1);
  const share = inside.n / ((ix1 - ix0) * (iy1 - iy0));
  // one line of print (a label) inside, else empty but for specks, else content (not a deletion)
  const inkH = inside.box ? (inside.box[3] - inside.box[1]) * cellPt : 0;
  const labelled = inkH >= 0.5 * page.charHeightPt && inkH <= s.outlineLabelLines * page.charHeightPt;
  if (!labelled && share > s.outlineMaxInk) return null;
  const tol = (s.outlineOverhangChars * page.charHeightPt) / cellPt;
  const [t, right, bottom, left] = r.sides;
  // a cell of a table: its lines continue past at least two of its corners (further than a stray stroke)
  const overhangs = [t.a0 < r.x0 - tol, t.a1 > r.x1 + tol, bottom.a0 < r.x0 - tol, bottom.a1 > r.x1 + tol,
    left.a0 < r.y0 - tol, left.a1 > r.y1 + tol, right.a0 < r.y0 - tol, right.a1 > r.y1 + tol];
  const inGrid = overhangs.filter(Boolean).length >= 2;
  const reach = (s.outlineBesideChars * page.charHeightPt) / cellPt;
  const lineBottom = Math.min(r.y1, r.y0 + (2.5 * page.charHeightPt) / cellPt);
  const near = (x0: number, x1: number) => {
    const k = inkIn(ink, gw, x0, r.y0, x1, lineBottom);
    return k.n / Math.max(1, (x1 - x0) * (lineBottom - r.y0)) >= 0.02;
  };
  const inTextFlow = near(r.x0 - reach - 1 / cellPt, r.x0 - 1 / cellPt) || near(r.x1 + 1 / cellPt, r.x1 + reach + 1 / cellPt);
  // where a label is read: just inside the lines (print may come close to them)
  const li = Math.max(...r.sides.map((x) => x.thick)) / 2 + 0.5;
  const pxInner = [r.x0 + li, r.y0 + li, r.x1 - li, r.y1 - li].map((v) => Math.round(v * c)) as BBox;
  return { pxInner, labelled, inGrid, inTextFlow };
}

/** One box per place: of boxes sharing most of their area, the smallest. */
function dedupe(boxes: OutlineBox[]): OutlineBox[] {
  const area = (b: BBox) => (b[2] - b[0]) * (b[3] - b[1]);
  const sorted = [...boxes].sort((a, b) => area(a.pxBox) - area(b.pxBox));
  const kept: OutlineBox[] = [];
  for (const b of sorted) {
    const dup = kept.some((k) => {
      const ix = Math.max(0, Math.min(k.pxBox[2], b.pxBox[2]) - Math.max(k.pxBox[0], b.pxBox[0]));
      const iy = Math.max(0, Math.min(k.pxBox[3], b.pxBox[3]) - Math.max(k.pxBox[1], b.pxBox[1]));
      return ix * iy >= 0.8 * area(b.pxBox);
    });
    if (!dup) kept.push(b);
  }
  return kept;
}
