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
 *  6. verification: each rectangle against what a redaction is (raster/verify.ts): filled, really
 *     dark, solid rows, not a glyph, straight edges, seen on paper.
 */
import type { BBox, RedactionStyle } from '../model.js';
import type { GreyImage } from './render.js';
import { openRect } from './raster/binary.js';
import { measureCandidates, type BoxFeatures } from './raster/candidates.js';
import { rasterSettings, type RasterOptions } from './raster/defaults.js';
import { cellGrid, darkThreshold, solidCells } from './raster/grid.js';
import { fillLabelHoles } from './raster/label-holes.js';
import { findRectangles, rectPixels } from './raster/rectangles.js';
import { findMarkerBlobs, type MarkerBlob } from './raster/markers.js';
import { findOutlineBoxes } from './raster/outlines.js';
import { findColouredBoxes } from './raster/coloured.js';
import { area, intersectionArea } from '../facts/geometry.js';
import { pageMetrics, type PageMetrics } from './raster/text-metrics.js';
import { verifyBox, verifyRect } from './raster/verify.js';

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
  /** Inside a picture of a born-digital page (RasterContext.pictures): a redaction only when it carries an exemption label. */
  inPicture?: boolean;
  /**
   * An outlined box holding a line of print: a redaction only when that print reads as an
   * exemption label (read from labelPx, dark print on light).
   */
  needsLabel?: boolean;
  /** Where the label of an outlined or coloured box is read: inside its lines or edges, pixels. */
  labelPx?: BBox;
  /** Its label is dark print on a lighter ground (outlined and coloured boxes), not light print on a dark box. */
  printDark?: boolean;
  /** solid: a burned-in box; marker: a hand-drawn marker blob (pxQuad is its oriented box); outline: a box drawn as four lines around an empty interior. */
  style: Extract<RedactionStyle, 'solid' | 'marker' | 'outline'>;
}

/** A candidate the verification turned down, and the rule that did. */
export interface RejectedBox {
  bbox: BBox;
  why: string;
  features?: BoxFeatures;
}

export interface RasterExplanation {
  boxes: (RasterBox & { features?: BoxFeatures })[];
  rejected: RejectedBox[];
  page: PageMetrics;
}

/**
 * Find burned-in redaction boxes in a grey page image. Boxes are returned in reading order
 * (top to bottom, then left to right); a multi-line (staircase) redaction gives one box per
 * band of constant extent.
 */
export function findRasterBoxes(img: GreyImage, opts: RasterOptions = {}, context: RasterContext = {}): RasterBox[] {
  return explainRasterBoxes(img, opts, context).boxes.map(({ features: _f, ...b }) => b);
}

/** What the page's facts tell about where boxes can be (points). */
export interface RasterContext {
  /** Pictures placed in a born-digital page (scan/pictures.ts): boxes inside them are flagged inPicture. */
  pictures?: BBox[];
}

/** findRasterBoxes, with every candidate's measurements and the rule that rejected each one turned down. */
export function explainRasterBoxes(img: GreyImage, opts: RasterOptions = {}, context: RasterContext = {}): RasterExplanation {
  const rejected: RejectedBox[] = [];
  if (img.width < 4 || img.height < 4 || !(img.scale > 0)) return { boxes: [], rejected, page: { charHeightPt: 10, chars: 0, paper: 255 } };
  const s = rasterSettings(opts);
  const sc = img.scale;
  const toPt = (b: BBox): BBox => [b[0] / sc, b[1] / sc, b[2] / sc, b[3] / sc];
  const grid = cellGrid(img, opts.threshold ?? darkThreshold(img));
  const solid = solidCells(grid);
  const filled = fillLabelHoles(solid, grid, s);
  const sw = Math.max(2, Math.floor((s.minWidthPt * 0.8) / grid.cellPt));
  const sh = Math.max(2, Math.floor((s.minHeightPt * 0.8) / grid.cellPt));
  const rects = findRectangles(grid, filled, openRect(filled, grid.gw, grid.gh, sw, sh), s).filter((r) => {
    const why = verifyRect(r, s);
    if (why) rejected.push({ bbox: toPt(rectPixels(r, img, grid).pxBox), why });
    return !why;
  });
  const page = pageMetrics(img, grid);
  const groups = new Map<number, number>();
  const boxes: RasterExplanation['boxes'] = [];
  for (const c of measureCandidates(img, grid, rects, page, [s.maxGrowSidePt, s.maxGrowPt])) {
    const why = verifyBox(c, page, s);
    if (why) {
      rejected.push({ bbox: toPt(c.pxBox), why, features: c.features });
      continue;
    }
    let g = groups.get(c.rect.region);
    if (g === undefined) groups.set(c.rect.region, (g = groups.size));
    const { rect: r, pxBox, pxQuad, features } = c;
    boxes.push({ bbox: toPt(pxBox), pxBox, darkRatio: r.darkRatio, fill: r.fill, skewDeg: (r.frame.theta * 180) / Math.PI, pxQuad, group: g, style: 'solid', features });
  }
  const markers = keepMarkers(findMarkerBlobs(img, grid, solid, filled, page, s), boxes, s.markerMaxBoxCover);
  for (const m of markers.blobs) {
    boxes.push({ bbox: toPt(m.pxBox), pxBox: m.pxBox, darkRatio: m.core, fill: m.fill, skewDeg: m.slantDeg, pxQuad: m.pxQuad, group: groups.size + markers.blobs.indexOf(m), style: 'marker' });
  }
  boxes.splice(0, boxes.length, ...boxes.filter((b) => !markers.inside.has(b)));
  let next = groups.size + markers.blobs.length;
  for (const o of findOutlineBoxes(grid, page, s)) {
    const bbox = toPt(o.pxBox);
    const why = o.inGrid ? 'outline: a cell of a table' : !o.labelled && !o.inTextFlow ? 'outline: empty, no text beside it' : null;
    if (why) {
      rejected.push({ bbox, why });
      continue;
    }
    const [x0, y0, x1, y1] = o.pxBox;
    boxes.push({
      bbox, pxBox: o.pxBox, darkRatio: 0, fill: 0, skewDeg: 0, pxQuad: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], group: next++, style: 'outline',
      labelPx: o.pxInner, printDark: true, ...(o.labelled ? { needsLabel: true } : {}),
    });
  }
  const taken = boxes.map((b) => b.pxBox);
  for (const k of findColouredBoxes(img, grid.T, page, s)) {
    if (taken.some((t) => intersectionArea(t, k.pxBox) > 0.2 * area(k.pxBox))) continue;
    const [x0, y0, x1, y1] = k.pxBox;
    const e = Math.max(1, Math.round(sc / 2));
    boxes.push({
      bbox: toPt(k.pxBox), pxBox: k.pxBox, darkRatio: 0, fill: 1, skewDeg: 0, pxQuad: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], group: next++,
      style: 'solid', needsLabel: true, printDark: true, labelPx: [x0 + e, y0 + e, x1 - e, y1 - e],
    });
  }
  boxes.sort((a, b) => a.pxBox[1] - b.pxBox[1] || a.pxBox[0] - b.pxBox[0]);
  for (const b of boxes) if ((context.pictures ?? []).some((p) => intersectionArea(b.bbox, p) >= 0.5 * area(b.bbox))) b.inPicture = true;
  return { boxes, rejected, page };
}

/**
 * Marker blobs that are not solid boxes (boxes covering more than maxCover of a blob's hull make it
 * those boxes: a multi-line redaction), and the solid boxes lying inside a kept blob.
 */
function keepMarkers<B extends { pxBox: BBox }>(blobs: MarkerBlob[], boxes: B[], maxCover: number): { blobs: MarkerBlob[]; inside: Set<B> } {
  const inside = new Set<B>();
  const kept = blobs.filter((m) => {
    const covered = boxes.reduce((sum, b) => sum + intersectionArea(b.pxBox, m.pxBox), 0);
    if (covered >= maxCover * area(m.pxBox)) return false;
    for (const b of boxes) if (intersectionArea(b.pxBox, m.pxBox) >= 0.5 * area(b.pxBox)) inside.add(b);
    return true;
  });
  return { blobs: kept, inside };
}
