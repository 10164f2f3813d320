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
  /** How far an axis-aligned box may grow up or down past where the solid stages stopped, over mostly dark lines (a label at its edge). */
  maxGrowPt: 8,
  /** The same to the left or right (a label at a box's end). */
  maxGrowSidePt: 40,
  /** Tallest enclosed white hole filled as label text. */
  maxHoleHeightPt: 20,
  /** Widest white stroke of a label letter: holes a square this wide fits in are not label text. */
  maxStrokePt: 3,

  // --- verification (raster/verify.ts)
  /** Smallest filled share of three of the four corner squares (a quarter of the box's shorter side). */
  minCornerFill: 0.6,
  /** Smallest share of a box's pixel rows that are solid (>= 90% dark) end to end. */
  minSolidRows: 0.3,
  /** Enclosed light strokes (fill minus dark share) from which a box counts as carrying a label. */
  minLabel: 0.03,
  /** A box without a label must be taller or longer than this many character heights of the page. */
  glyphSize: 2.5,
  /** Longest dark run just outside a free top or bottom side, as a share of that side. */
  maxOutsideRun: 0.35,
  /** The same for the left and right sides, where letters touching the box are common. */
  maxSideRun: 0.9,
  /** Largest share of dark pixels around a box. */
  maxRingInk: 0.45,
  /** Largest share of mid-tone pixels (neither paper nor ink) around a box. */
  maxRingMid: 0.4,

  // --- marker blobs (raster/markers.ts)
  /** Smallest area of a marker blob, square points. */
  markerMinAreaPt2: 200,
  /** Shortest marker blob, in character heights of the page. */
  markerMinLength: 3,
  /** Thinnest marker stroke, in character heights (it must cover a line of text). */
  markerMinThickness: 1.2,
  /** Smallest share of its oriented box a marker blob fills. */
  markerMinFill: 0.5,
  /** Smallest dark share of a marker blob's own cells. */
  markerMinInk: 0.85,
  /** Smallest dark share along the middle half of a marker's oriented box. */
  markerMinCore: 0.75,
  /** A side of a blob whose boundary stays within this of a straight line is straight (a marker has at most one). */
  markerStraightPt: 0.75,
  /** Largest share of enclosed white holes in a marker blob (letter counters make it print). */
  markerMaxHoles: 0.02,
  /** Steepest marker stroke, degrees from horizontal. */
  markerMaxSlantDeg: 20,
  /** Share of a marker blob's hull that solid boxes may cover: above it the blob is those boxes (a multi-line redaction). */
  markerMaxBoxCover: 0.1,

  // --- outlined (white) boxes (raster/outlines.ts)
  /** Shortest line run taken as a side of an outlined box. */
  outlineMinLinePt: 8,
  /** Longest break in a side (faint toner) bridged. */
  outlineMaxGapPt: 6,
  /** Thickest line taken as a side. */
  outlineMaxThickPt: 3,
  /** Narrowest outlined box, in character heights of the page. */
  outlineMinChars: 3,
  /** Largest ink share of an empty interior. */
  outlineMaxInk: 0.01,
  /** A label inside an outlined box is one line of print: at most this many character heights tall. */
  outlineLabelLines: 2.5,
  /** A box's lines that continue this many character heights past two of its corners make it a table cell. */
  outlineOverhangChars: 2,
  /** Text within this many character heights beside a box, on its first line, puts it in the text flow. */
  outlineBesideChars: 4,

  // --- coloured boxes (raster/coloured.ts)
  /** A mid-tone pixel is at least this much darker than the paper (and not dark). */
  colourPaperGap: 40,
  /** Smallest share of a coloured box's pixels in its mid-tone. */
  colourMinTone: 0.6,
  /** Largest standard deviation of a coloured box's grey (a flat fill, not a photo). */
  colourMaxSpread: 14,
  /** Smallest share of dark print inside a coloured box (it must say what it is). */
  colourMinPrint: 0.01,
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
