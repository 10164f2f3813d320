/**
 * Stage 6 of the raster box search: each candidate against what a redaction is. Every rule is a
 * small named function that returns why the candidate is not a redaction, or null; thresholds are
 * in RASTER_DEFAULTS.
 */
import type { Candidate } from './candidates.js';
import type { RasterSettings } from './defaults.js';
import type { Rect } from './rectangles.js';
import type { PageMetrics } from './text-metrics.js';

export type RectRule = (r: Rect, s: RasterSettings) => string | null;
export type BoxRule = (c: Candidate, page: PageMetrics, s: RasterSettings) => string | null;

/** Mostly dark or enclosed label: fill >= minFill and raw dark share >= minDarkRatio. */
export const filledRule: RectRule = (r, s) =>
  r.fill < s.minFill ? `fill ${r.fill.toFixed(2)} < ${s.minFill}` : r.darkRatio < s.minDarkRatio ? `dark ${r.darkRatio.toFixed(2)} < ${s.minDarkRatio}` : null;

/** Its dark pixels are really dark (not a mid-grey photo or stamp). */
export const reallyDarkRule: RectRule = (r, s) => (r.darkMean > s.maxDarkMean ? `dark pixels grey ${r.darkMean.toFixed(0)} > ${s.maxDarkMean}` : null);

/** A near-uniform dark interior: enough rows solid from end to end (bold words and doubled print have gaps in every row). */
export const solidRowsRule: BoxRule = (c, _p, s) =>
  c.features.solidRows < s.minSolidRows ? `solid rows ${c.features.solidRows.toFixed(2)} < ${s.minSolidRows}` : null;

/** Not a glyph: a box without a label is taller or longer than glyphSize character heights (a dot, a letter, a pin is not). */
export const notAGlyphRule: BoxRule = (c, p, s) => {
  const { hPt, wPt, label } = c.features;
  const lim = s.glyphSize * p.charHeightPt;
  return label < s.minLabel && hPt < lim && wPt < lim ? `glyph-sized ${wPt.toFixed(1)}x${hPt.toFixed(1)} pt, characters ${p.charHeightPt.toFixed(1)} pt` : null;
};

/**
 * Straight edges: beyond the top and bottom sides (when not shared with another box) lies paper or
 * the short strokes of letters, not the rest of a shape (a dot, a pin, a logo); beyond the left and
 * right sides letters may touch the box, but no shape runs along a whole side.
 */
export const straightEdgesRule: BoxRule = (c, _p, s) => {
  const { runs, shared } = c.features;
  const side = runs.findIndex((r, i) => !shared[i] && r > (i % 2 ? s.maxSideRun : s.maxOutsideRun));
  return side >= 0 ? `${['top', 'right', 'bottom', 'left'][side]} edge continues (${runs[side].toFixed(2)} of its length)` : null;
};

/** Seen on paper: a box on a dark ground (a logo in a dark bar) or among mid-tones (a photo, a map) is a picture element. */
export const onPaperRule: BoxRule = (c, _p, s) => {
  const { ring } = c.features;
  if (ring.ink > s.maxRingInk) return `dark surround ${ring.ink.toFixed(2)} > ${s.maxRingInk}`;
  if (ring.mid > s.maxRingMid) return `mid-tone surround ${ring.mid.toFixed(2)} > ${s.maxRingMid}`;
  return null;
};

/** Square corners: three of the box's four corners are filled (a label may start in the fourth; a dot, a pin's head or a rounded logo leaves its corners empty). */
export const squareCornersRule: RectRule = (r, s) => (r.corners < s.minCornerFill ? `corner filled ${r.corners.toFixed(2)} < ${s.minCornerFill}` : null);

export const RECT_RULES: Record<string, RectRule> = { filled: filledRule, reallyDark: reallyDarkRule, squareCorners: squareCornersRule };
export const BOX_RULES: Record<string, BoxRule> = {
  solidRows: solidRowsRule,
  notAGlyph: notAGlyphRule,
  straightEdges: straightEdgesRule,
  onPaper: onPaperRule,
};

/** The first cheap rule the rectangle fails, as "rule: reason", or null. */
export function verifyRect(r: Rect, s: RasterSettings): string | null {
  for (const [name, rule] of Object.entries(RECT_RULES)) {
    const why = rule(r, s);
    if (why) return `${name}: ${why}`;
  }
  return null;
}

/** The first box rule the candidate fails, as "rule: reason", or null when it is a redaction box. */
export function verifyBox(c: Candidate, page: PageMetrics, s: RasterSettings): string | null {
  for (const [name, rule] of Object.entries(BOX_RULES)) {
    const why = rule(c, page, s);
    if (why) return `${name}: ${why}`;
  }
  return null;
}
