/**
 * What the page's own print looks like, measured from its pixels: the height of its characters
 * and the grey of its paper. Box rules compare candidates with these (a box is taller than the
 * text it hides; a glyph is not a box).
 */
import type { GreyImage } from '../render.js';
import { labelRuns } from './binary.js';
import { greyHistogram, type CellGrid } from './grid.js';

export interface PageMetrics {
  /** Median height of character-sized ink blobs, points (10 when the page shows no text). */
  charHeightPt: number;
  /** How many character-sized blobs were measured. */
  chars: number;
  /** Grey level of the paper (the brightest well-populated level). */
  paper: number;
}

/** Character height: median height of ink components 2.5..40 pt tall and no wider than 3 heights. */
export function pageMetrics(img: GreyImage, grid: CellGrid): PageMetrics {
  const { gw, gh, cnt, c, cellPt } = grid;
  const ink = new Uint8Array(gw * gh);
  const need = Math.max(1, Math.round(c * c * 0.25));
  for (let i = 0; i < ink.length; i++) if (cnt[i] >= need) ink[i] = 1;
  const runs = labelRuns(ink, gw, gh, 1);
  // bbox of each component, accumulated at its root run (typed arrays: pages hold 10^5 blobs)
  const x0 = new Int32Array(runs.n).fill(0x7fffffff);
  const x1 = new Int32Array(runs.n).fill(-1);
  const y0 = new Int32Array(runs.n).fill(0x7fffffff);
  const y1 = new Int32Array(runs.n).fill(-1);
  for (let i = 0; i < runs.n; i++) {
    const k = runs.root[i];
    if (runs.x0[i] < x0[k]) x0[k] = runs.x0[i];
    if (runs.x1[i] > x1[k]) x1[k] = runs.x1[i];
    if (runs.y[i] < y0[k]) y0[k] = runs.y[i];
    if (runs.y[i] + 1 > y1[k]) y1[k] = runs.y[i] + 1;
  }
  const heights: number[] = [];
  for (let k = 0; k < runs.n; k++) {
    if (runs.root[k] !== k) continue;
    const h = (y1[k] - y0[k]) * cellPt;
    const w = (x1[k] - x0[k]) * cellPt;
    if (h >= 2.5 && h <= 40 && w <= 3 * h) heights.push(h);
  }
  heights.sort((a, b) => a - b);
  return {
    charHeightPt: heights.length >= 20 ? heights[heights.length >> 1] : 10,
    chars: heights.length,
    paper: paperLevel(img),
  };
}

/** The paper's grey: the 90th percentile of the page's grey levels (most of a page is paper). */
export function paperLevel(img: GreyImage): number {
  const hist = greyHistogram(img);
  let total = 0;
  for (let i = 0; i < 256; i++) total += hist[i];
  let acc = 0;
  for (let i = 0; i < 256; i++) {
    acc += hist[i];
    if (acc >= total * 0.9) return i;
  }
  return 255;
}
