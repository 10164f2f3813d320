/**
 * RASTER_DEFAULTS: every threshold of the raster box search, in one documented object that README
 * and the tests cite. Lengths are PDF points (so they mean the same at any scan resolution), shares
 * are 0..1, grey levels 0 (black) ..255 (white).
 */
export const RASTER_DEFAULTS = {
  // --- candidates: solid dark rectangles
  /** Smallest box height that can hide a word. */
  minHeightPt: 6,
  /** Smallest box width. */
  minWidthPt: 10,
  /** Largest mean grey of a box's dark pixels (rejects mid-grey photos, stamps). */
  maxDarkMean: 90,
  /** Smallest share of the box that is dark or enclosed label strokes. */
  minFill: 0.85,
  /** Smallest share of raw dark pixels (white labels lower it). */
  minDarkRatio: 0.5,
  /** Largest skew searched, degrees. */
  maxSkewDeg: 2,
  /** Regions closer than this to the image border are scanner borders. */
  edgeMarginPt: 2,
  /** Tallest enclosed white hole filled as label text. */
  maxHoleHeightPt: 20,
  /** Widest white stroke of a label letter: holes a square this wide fits in are not label text. */
  maxStrokePt: 3,
} as const;

export type RasterSettings = { -readonly [K in keyof typeof RASTER_DEFAULTS]: number };

/** Options of findRasterBoxes: any RASTER_DEFAULTS value, and a fixed dark threshold (default: Otsu of the page, clamped to 50..128). */
export type RasterOptions = Partial<RasterSettings> & { threshold?: number };

export function rasterSettings(opts: RasterOptions = {}): RasterSettings {
  const out = { ...RASTER_DEFAULTS } as RasterSettings;
  for (const k of Object.keys(RASTER_DEFAULTS) as (keyof RasterSettings)[]) {
    const v = opts[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}
