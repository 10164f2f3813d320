/**
 * Stage 3 of the raster box search: white holes enclosed by solid cells that look like the strokes
 * of a label printed on a box (white on black) are filled, so that a labelled box stays one solid
 * rectangle. Large clean white areas (letter counters of big bold type, table cells, frames) are
 * not: a square `maxStrokePt` wide fits inside them.
 */
import { labelRuns, squareFits } from './binary.js';
import type { CellGrid } from './grid.js';

export function fillLabelHoles(solid: Uint8Array, grid: CellGrid, opts: { maxHoleHeightPt: number; maxStrokePt: number }): Uint8Array {
  const { gw, gh, cellPt } = grid;
  const filled = solid.slice();
  const r = labelRuns(solid, gw, gh, 0);
  const nr = r.n;
  const minx = new Int32Array(nr).fill(0x7fffffff);
  const maxx = new Int32Array(nr).fill(-1);
  const miny = new Int32Array(nr).fill(0x7fffffff);
  const maxy = new Int32Array(nr).fill(-1);
  for (let i = 0; i < nr; i++) {
    const k = r.root[i];
    if (r.x0[i] < minx[k]) minx[k] = r.x0[i];
    if (r.x1[i] - 1 > maxx[k]) maxx[k] = r.x1[i] - 1;
    if (r.y[i] < miny[k]) miny[k] = r.y[i];
    if (r.y[i] > maxy[k]) maxy[k] = r.y[i];
  }
  const k = Math.max(2, Math.round(opts.maxStrokePt / cellPt));
  const sq = squareFits(solid, gw, gh, k);
  const thick = new Uint8Array(nr);
  for (let i = 0; i < nr; i++) {
    const root = r.root[i];
    if (thick[root]) continue;
    const b = r.y[i] * gw;
    for (let x = r.x0[i]; x < r.x1[i]; x++) {
      if (sq[b + x]) {
        thick[root] = 1;
        break;
      }
    }
  }
  const maxHoleCells = opts.maxHoleHeightPt / cellPt;
  const fillIt = new Uint8Array(nr);
  for (let q = 0; q < nr; q++) {
    if (r.root[q] !== q || thick[q]) continue;
    if (minx[q] === 0 || miny[q] === 0 || maxx[q] === gw - 1 || maxy[q] === gh - 1) continue; // open to the border
    if (maxy[q] - miny[q] + 1 > maxHoleCells) continue;
    fillIt[q] = 1;
  }
  for (let i = 0; i < nr; i++) {
    if (!fillIt[r.root[i]]) continue;
    const b = r.y[i] * gw;
    filled.fill(1, b + r.x0[i], b + r.x1[i]);
  }
  return filled;
}
