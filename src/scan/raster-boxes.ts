/**
 * Burned-in redaction boxes in a rendered (scanned) page, found in named stages (src/scan/raster/),
 * every threshold in RASTER_DEFAULTS:
 *
 *  1. grid: threshold the grey image (Otsu, capped), count dark pixels and their grey per cell
 *     about half a point wide (typed arrays, no per-pixel objects);
 *  2. solid cells: >= 50% dark over a 3x3-cell window (absorbs halftone, stripes, JPEG speckle);
 *  3. label holes: fill enclosed white holes shaped like letter strokes (white labels on boxes);
 *  4. rectangles: open with a rectangle a little smaller than the smallest box, then cut each
 *     region into row bands of constant extent (a multi-line redaction is a staircase);
 *  5. skew: each region is deskewed first (minimum spread of its edges over +-2 degrees);
 *  6. verification: each rectangle against what a redaction is (raster/verify.ts).
 */
import type { BBox } from '../model.js';
import type { GreyImage } from './render.js';
import { openRect } from './raster/binary.js';
import { rasterSettings, type RasterOptions } from './raster/defaults.js';
import { cellGrid, darkThreshold, solidCells } from './raster/grid.js';
import { fillLabelHoles } from './raster/label-holes.js';
import { findRectangles, rectPixels } from './raster/rectangles.js';
import { verifyRect } from './raster/verify.js';

export { otsu, darkThreshold } from './raster/grid.js';
export { RASTER_DEFAULTS, type RasterOptions } from './raster/defaults.js';

export interface RasterBox {
  /** PDF points (pixel coordinates / scale), top-left origin. */
  bbox: BBox;
  /** Pixels of the analysed image. */
  pxBox: BBox;
  /** Share of the box's pixels that are dark (below the threshold), 0..1. */
  darkRatio: number;
  /** Share of the box covered by dark cells or enclosed white label strokes, 0..1. */
  fill: number;
  /** Estimated skew of the box, degrees (0 when axis-aligned). bbox is then the axis-aligned hull. */
  skewDeg: number;
  /** The box's corners in pixels (top-left, top-right, bottom-right, bottom-left): exact when skewed. */
  pxQuad: [number, number][];
  /**
   * Boxes cut from one connected dark region (the lines of one multi-line redaction) share a
   * group number (0, 1, ... per call).
   */
  group: number;
}

/** @deprecated use RasterOptions */
export type RasterBoxOptions = RasterOptions;

/**
 * Find burned-in redaction boxes in a grey page image. Boxes are returned in reading order
 * (top to bottom, then left to right); a multi-line (staircase) redaction gives one box per
 * band of constant extent.
 */
export function findRasterBoxes(img: GreyImage, opts: RasterOptions = {}): RasterBox[] {
  if (img.width < 4 || img.height < 4 || !(img.scale > 0)) return [];
  const s = rasterSettings(opts);
  const grid = cellGrid(img, opts.threshold ?? darkThreshold(img));
  const solid = solidCells(grid);
  const filled = fillLabelHoles(solid, grid, s);
  const sw = Math.max(2, Math.floor((s.minWidthPt * 0.8) / grid.cellPt));
  const sh = Math.max(2, Math.floor((s.minHeightPt * 0.8) / grid.cellPt));
  const opened = openRect(filled, grid.gw, grid.gh, sw, sh);
  const groups = new Map<number, number>();
  const out: RasterBox[] = [];
  for (const r of findRectangles(grid, filled, opened, s)) {
    if (verifyRect(r, s)) continue;
    const { pxBox, pxQuad } = rectPixels(r, img, grid);
    let g = groups.get(r.region);
    if (g === undefined) groups.set(r.region, (g = groups.size));
    out.push({
      bbox: [pxBox[0] / img.scale, pxBox[1] / img.scale, pxBox[2] / img.scale, pxBox[3] / img.scale],
      pxBox,
      darkRatio: r.darkRatio,
      fill: r.fill,
      skewDeg: (r.frame.theta * 180) / Math.PI,
      pxQuad,
      group: g,
    });
  }
  out.sort((a, b) => a.pxBox[1] - b.pxBox[1] || a.pxBox[0] - b.pxBox[0]);
  return out;
}
