/**
 * Hidden text: text a born-digital page holds (anyone can extract or search it) but never shows.
 * Each way of hiding is a small rule over one glyph:
 *
 * - drawn in render mode 3 (invisible) with no image under it: an OCR layer lies over its scan,
 *   invisible text anywhere else is hidden;
 * - the same colour as what lies under it (white on the white page, or on a box of its own colour);
 * - smaller than 1 pt, or of size zero;
 * - entirely outside the page's crop box;
 * - in an optional-content layer the document hides by default;
 * - clipped away entirely by a clipping path.
 *
 * Glyphs a redaction already covers are not counted here (they are `text-under-box` leaks).
 */
import type { BBox, FilledShape, Glyph, Leak, PageFacts, PlacedImage, Rgb, UndrawnReason } from '../model.js';
import { intersection, union } from '../facts/geometry.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import { glyphText, luminance } from './coverage.js';
import { MIN_FILL } from './vector-redactions.js';

/** Text smaller than this (points) cannot be read. */
export const MIN_VISIBLE_FONT_SIZE = 1;
/** Text whose colour differs from its background by no more than this (0..255, every channel) is not seen. */
export const SAME_COLOUR_TOLERANCE = 12;
/** Shapes at least this opaque decide the colour behind a glyph; fainter ones leave it unknown. */
export const BACKGROUND_MIN_ALPHA = 0.9;

export type HiddenWhy = 'invisible' | 'same-colour' | 'tiny' | 'off-page' | UndrawnReason;

export const HIDDEN_DETAIL: Record<HiddenWhy, string> = {
  invisible: 'invisible text (render mode 3) with no scanned image under it',
  'same-colour': 'text the same colour as its background',
  tiny: `text smaller than ${MIN_VISIBLE_FONT_SIZE} pt`,
  'zero-size': 'text of size zero',
  'off-page': 'text outside the page (crop box)',
  'layer-off': 'text in an optional-content layer that is hidden',
  clipped: 'text clipped away by a clipping path',
};

const PAGE_WHITE: Rgb = [255, 255, 255];

function centre(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

function contains(b: BBox, [x, y]: [number, number]): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

/**
 * Rule: invisible (render mode 3) text with nothing drawn under it is hidden. Over an image it is
 * an OCR layer; over visible text or ink drawn as paths (text turned into outlines) a search layer
 * of what is drawn there.
 */
export function isInvisibleWithoutScan(
  g: Glyph,
  images: readonly PlacedImage[],
  shapes: readonly FilledShape[] = [],
  visibleGlyphs: readonly Glyph[] = [],
): boolean {
  if (!g.invisible) return false;
  const c = centre(g.bbox);
  if (images.some((img) => contains(img.bbox, c))) return false;
  if (visibleGlyphs.some((v) => intersection(v.bbox, g.bbox) !== null)) return false;
  return !shapes.some((s) => (s.unknownPaint || luminance(s.color) < INK_LUMINANCE) && intersection(s.bbox, g.bbox) !== null);
}

/** Paint darker than this (luminance 0..255) under invisible text is ink it may be the search layer of. */
export const INK_LUMINANCE = 200;

/** Rule: text under 1 pt is a dot on the page. */
export function isTinyText(g: Glyph): boolean {
  return !g.invisible && g.fontSize > 0 && g.fontSize < MIN_VISIBLE_FONT_SIZE;
}

/** Rule: a glyph entirely outside the page (its crop box) is never shown. */
export function isOffPage(g: Glyph, width: number, height: number): boolean {
  const [x0, y0, x1, y1] = g.bbox;
  return x1 <= 0 || y1 <= 0 || x0 >= width || y0 >= height;
}

/**
 * The colour behind a glyph: the last opaque, known-colour shape painted before it under its centre,
 * else the white page. Undefined when what lies behind is unknown (an image, a pattern, a blend, a
 * translucent or partly filled shape).
 */
export function backgroundOf(g: Glyph, shapes: readonly FilledShape[], images: readonly PlacedImage[]): Rgb | undefined {
  const c = centre(g.bbox);
  let top: { order: number; color?: Rgb } | undefined;
  for (const s of shapes) {
    if (s.order >= g.order || (top && s.order < top.order) || !contains(s.bbox, c)) continue;
    const known = !s.unknownPaint && s.alpha >= BACKGROUND_MIN_ALPHA && s.fillRatio >= MIN_FILL;
    top = { order: s.order, color: known ? s.color : undefined };
  }
  for (const img of images) {
    if (img.order >= g.order || (top && img.order < top.order) || !contains(img.bbox, c)) continue;
    top = { order: img.order };
  }
  return top ? top.color : PAGE_WHITE;
}

/** Rule: drawn in the colour of its background (white on white). */
export function isSameColour(g: Glyph, background: Rgb | undefined): boolean {
  if (g.invisible || g.unknownPaint || !background) return false;
  const c = g.color;
  return Math.abs(c[0] - background[0]) <= SAME_COLOUR_TOLERANCE && Math.abs(c[1] - background[1]) <= SAME_COLOUR_TOLERANCE && Math.abs(c[2] - background[2]) <= SAME_COLOUR_TOLERANCE;
}

/** Why a drawn glyph cannot be seen, if it cannot. `palette`: the colours a background can have. */
export function hiddenWhy(
  g: Glyph,
  facts: PageFacts,
  backgrounds: readonly FilledShape[],
  palette: readonly FilledShape[] = [],
  drawnGlyphs: readonly Glyph[] = [],
): HiddenWhy | undefined {
  if (isInvisibleWithoutScan(g, facts.images, backgrounds, drawnGlyphs)) return 'invisible';
  if (g.invisible) return undefined;
  if (isOffPage(g, facts.width, facts.height)) return 'off-page';
  if (isTinyText(g)) return 'tiny';
  // the background is looked up only when it could be the glyph's colour: the white page, or a shape
  // of that colour under it (cheap on text-heavy pages with black boxes)
  if (!mightMatch(g, palette) || !isSameColour(g, backgroundOf(g, backgrounds, facts.images))) return undefined;
  return 'same-colour';
}

/** Opaque known-colour shapes, the candidates for a glyph's background colour. */
export function backgroundPalette(shapes: readonly FilledShape[]): FilledShape[] {
  return shapes.filter((s) => !s.unknownPaint && s.alpha >= BACKGROUND_MIN_ALPHA);
}

function mightMatch(g: Glyph, palette: readonly FilledShape[]): boolean {
  if (g.invisible || g.unknownPaint) return false;
  if (isSameColour(g, PAGE_WHITE)) return true;
  const c = centre(g.bbox);
  return palette.some((s) => isSameColour(g, s.color) && contains(s.bbox, c));
}

export interface HiddenText {
  leaks: Leak[];
  /** Drawn glyphs found hidden (to be kept out of the readable words). */
  hidden: Set<Glyph>;
}

/**
 * Hidden-text leaks of one page. `covered` are glyphs a redaction covers (reported by it);
 * `backgrounds` the filled shapes of the page and of its annotation appearances.
 */
export function findHiddenText(facts: PageFacts, covered: ReadonlySet<Glyph>, backgrounds: readonly FilledShape[] = facts.shapes): HiddenText {
  const hidden = new Set<Glyph>();
  const byWhy = new Map<HiddenWhy, Glyph[]>();
  const add = (why: HiddenWhy, g: Glyph) => {
    const list = byWhy.get(why);
    if (list) list.push(g);
    else byWhy.set(why, [g]);
  };
  const palette = backgroundPalette(backgrounds);
  const drawn = facts.glyphs.filter((g) => !g.invisible && !g.isSpace);
  for (const g of facts.glyphs) {
    // spaces part words by their gap alone (runText), they need no verdict of their own
    if (g.isSpace || covered.has(g)) continue;
    const why = hiddenWhy(g, facts, backgrounds, palette, drawn);
    if (!why) continue;
    hidden.add(g);
    add(why, g);
  }
  for (const g of facts.undrawn ?? []) add(g.why, g);
  const leaks: Leak[] = [];
  for (const [why, glyphs] of byWhy) {
    for (const run of runsOf(glyphs)) {
      const text = runText(run);
      if (!readsAsLanguage(text) || isExemptionLabel(text)) continue;
      leaks.push({ kind: 'hidden-text', page: facts.page, bbox: run.map((g) => g.bbox).reduce(union), text, redactionId: null, detail: HIDDEN_DETAIL[why] });
    }
  }
  return { leaks, hidden };
}

/**
 * Hidden text worth reporting reads as words or numbers: a token of letters only (2+, a vowel
 * among Latin ones) or of digits (3+). Machine tags that mix letters and digits inside one token
 * (a transcript's "YVer1f" verification mark) are not withheld text.
 */
export function readsAsLanguage(text: string): boolean {
  return text.split(/\s+/).some((raw) => {
    const t = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (/^\p{L}[\p{L}'’.-]*\p{L}$/u.test(t)) return !/^[a-z'’.-]+$/i.test(t) || /[aeiouy]/i.test(t);
    return /^\p{N}[\p{N}.,/:-]*$/u.test(t) && (t.match(/\p{N}/gu) ?? []).length >= 3;
  });
}

/**
 * The text of a run of hidden glyphs: glyphText, with words parted by gaps measured against the
 * run's own font size (tiny text's gaps are tiny); text of size zero keeps its space glyphs.
 */
export function runText(run: Glyph[]): string {
  if (run.some((g) => g.fontSize === 0)) return glyphText(run);
  const scale = Math.min(1, Math.max(...run.map((g) => g.fontSize)));
  if (scale >= 1) return glyphText(run);
  const zoomed = run.map((g) => ({ ...g, bbox: g.bbox.map((v) => v / scale) as BBox, fontSize: g.fontSize / scale }));
  return glyphText(zoomed);
}

/** Split glyphs (in paint order) into runs of nearby text: a new run after a jump of more than a few lines. */
export function runsOf(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => a.order - b.order || a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const runs: Glyph[][] = [];
  let cur: Glyph[] = [];
  for (const g of sorted) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const size = Math.max(prev.fontSize, g.fontSize, 1);
      const jump = Math.abs(centre(g.bbox)[1] - centre(prev.bbox)[1]) > 3 * size || Math.abs(g.bbox[0] - prev.bbox[2]) > 40 * size;
      if (jump) {
        runs.push(cur);
        cur = [];
      }
    }
    cur.push(g);
  }
  if (cur.length) runs.push(cur);
  return runs;
}
