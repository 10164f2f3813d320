/**
 * Candidate boxes with their pixel measurements (features.ts), taken once per candidate so that
 * every verification rule reads plain numbers. Sides of a candidate that touch another candidate
 * (the next line of a multi-line redaction, a box beside it) are marked shared: what lies beyond
 * them is that other box, not evidence about this one.
 */
import type { BBox } from '../../model.js';
import type { GreyImage } from '../render.js';
import type { CellGrid } from './grid.js';
import { outsideRuns, pixelFrame, solidRowShare, surround, type PixelFrame } from './features.js';
import { growEdges, rectPixels, type Rect } from './rectangles.js';
import type { PageMetrics } from './text-metrics.js';

export interface BoxFeatures {
  wPt: number;
  hPt: number;
  /** Share of pixel rows >= 90% dark. */
  solidRows: number;
  /** Light label strokes enclosed in the box (fill minus raw dark share). */
  label: number;
  /** Longest dark run just outside each side (top, right, bottom, left), share of the side. */
  runs: [number, number, number, number];
  /** Sides that touch another candidate. */
  shared: [boolean, boolean, boolean, boolean];
  /** The ring around the box (other candidates left out): paper, ink and mid-tone shares. */
  ring: { paper: number; ink: number; mid: number };
}

export interface Candidate {
  rect: Rect;
  pxBox: BBox;
  pxQuad: [number, number][];
  frame: PixelFrame;
  features: BoxFeatures;
}

/** Pixel quads of the rectangles, then each one's features. */
export function measureCandidates(img: GreyImage, grid: CellGrid, rects: Rect[], page: PageMetrics, growPt: [number, number]): Candidate[] {
  const located = rects.map((rect) => ({ rect, ...rectPixels(rect, img, grid) }));
  // axis-aligned boxes grow to their true edges (a label at the edge stops the solid stages short)
  located.forEach((c, i) => {
    if (c.rect.frame.theta !== 0) return;
    const blocked = located.filter((_, j) => j !== i).map((o) => o.pxBox);
    const px = growEdges(img, c.pxBox, grid.T, [Math.round(growPt[0] * img.scale), Math.round(growPt[1] * img.scale)], blocked);
    c.pxBox = px;
    c.pxQuad = [[px[0], px[1]], [px[2], px[1]], [px[2], px[3]], [px[0], px[3]]];
  });
  const sc = img.scale;
  const gap = Math.max(2, Math.round(sc));
  const width = Math.max(2, Math.round(sc * 1.5));
  return located.map((c, i) => {
    const frame = pixelFrame(c.pxQuad);
    const others = located.filter((_, j) => j !== i).map((o) => o.pxBox);
    const near = (b: BBox) => others.some((o) => o[0] < b[2] && o[2] > b[0] && o[1] < b[3] && o[3] > b[1]);
    const [x0, y0, x1, y1] = c.pxBox;
    const reach = gap + width;
    const shared: [boolean, boolean, boolean, boolean] = [
      near([x0, y0 - reach, x1, y0]),
      near([x1, y0, x1 + reach, y1]),
      near([x0, y1, x1, y1 + reach]),
      near([x0 - reach, y0, x0, y1]),
    ];
    const inOther = (x: number, y: number) => others.some((o) => x >= o[0] && x < o[2] && y >= o[1] && y < o[3]);
    const ringWidth = Math.round(sc * Math.max(4, frame.h / sc / 2));
    const features: BoxFeatures = {
      wPt: frame.w / sc,
      hPt: frame.h / sc,
      solidRows: solidRowShare(img, frame, grid.T),
      label: Math.max(0, c.rect.fill - c.rect.darkRatio),
      runs: outsideRuns(img, frame, grid.T, width, gap),
      shared,
      ring: surround(img, frame, grid.T, page.paper, Math.round(sc * 2), ringWidth, inOther),
    };
    return { ...c, frame, features };
  });
}
