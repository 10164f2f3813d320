/**
 * Text painted twice reads once. A reader sees one word where a page draws it twice: a header
 * stamped by two annotations at the same place, fake bold (the same run again, a hair to the
 * side), an invisible OCR layer lying under the page's own visible text (a born-digital slide
 * run through OCR). Without these rules the page text read "CRYSTAL CRYSTAL M. M. LONG LONG", and
 * the doubled words reached section titles and word counts.
 *
 * Only what is read changes: leaks and hidden text are found on every glyph the page holds.
 */
import type { BBox, Glyph } from '../model.js';
import { alongText, area, intersectionArea, isSaneBox } from '../facts/geometry.js';
import { glyphRuns } from '../facts/glyph-runs.js';

/**
 * A glyph repeats an earlier one when it has the same text and starts within this share of its
 * font size of it along the line (poppler's pdftotext uses the same, dupMaxPriDelta)…
 */
export const OVERPRINT_ALONG = 0.1;
/** …and within this share across the line (poppler's dupMaxSecDelta). */
export const OVERPRINT_ACROSS = 0.2;
/**
 * An invisible word (render mode 3/7: an OCR layer) is the copy of visible text when visible glyphs
 * cover at least this share of its glyphs' boxes.
 */
export const UNDER_VISIBLE_SHARE = 0.5;

/**
 * …or when they cover at least this share and spell the invisible word's text: an OCR layer's line
 * box is often taller than the printed glyphs and sits a little above them (corpus 30's slide 19:
 * "ELERTS Attention Engine employs" covered 45 %, and read twice).
 */
export const SAME_TEXT_SHARE = 0.25;

/** Cells of this size (pt) index the visible glyphs' boxes. */
const CELL_PT = 16;

/** The glyphs a reader sees once: later copies of overprinted glyphs and invisible copies of visible text left out. */
export function readOnce(glyphs: Glyph[]): Glyph[] {
  return withoutOverprints(withoutInvisibleCopies(glyphs));
}

/**
 * Drop each glyph that repeats an earlier-painted one (same text, direction and visibility, the
 * same place within OVERPRINT_*). The glyphs are sorted by where they start along their line
 * (positions and indices packed into one number, so that a typed array sorts them: a page of
 * 30,000 glyphs costs a few milliseconds), and each is compared with its neighbours there.
 */
export function withoutOverprints(glyphs: Glyph[]): Glyph[] {
  const n = glyphs.length;
  if (n < 2 || n >= INDEX_LIMIT) return glyphs;
  const along = new Float64Array(n);
  const across = new Float64Array(n);
  const keys = new Float64Array(n);
  let sortable = 0;
  for (let i = 0; i < n; i++) {
    const g = glyphs[i];
    const b = g.dir ? alongText(g.bbox, g.dir) : g.bbox;
    along[i] = b[0];
    across[i] = (b[1] + b[3]) / 2;
    const q = Math.round(b[0] * ALONG_STEPS) + QUANTUM_OFFSET;
    // a position out of range (or not a number) is left out of the comparison, and kept
    if (!g.isSpace && q >= 0 && q < QUANTUM_LIMIT && Number.isFinite(across[i])) keys[sortable++] = q * INDEX_LIMIT + i;
  }
  const packed = keys.subarray(0, sortable).sort();
  const sorted = new Int32Array(sortable);
  for (let k = 0; k < sortable; k++) sorted[k] = packed[k] % INDEX_LIMIT;
  const dropped = new Uint8Array(n);
  let any = false;
  for (let k = 0; k < sortable; k++) {
    const j = sorted[k];
    if (repeatsEarlier(glyphs, sorted, k, along, across)) {
      dropped[j] = 1;
      any = true;
    }
  }
  return any ? glyphs.filter((_, i) => !dropped[i]) : glyphs;
}

/** Glyph indices below this are packed with their position (more glyphs: the rule is skipped). */
const INDEX_LIMIT = 2 ** 21;
/** Positions are compared in 1/16 pt steps when packed… */
const ALONG_STEPS = 16;
/** …from −2^20 pt… */
const QUANTUM_OFFSET = 2 ** 24;
/** …up to +2^20 pt (a packed key stays below 2^53). */
const QUANTUM_LIMIT = 2 ** 25;

/** True when a glyph painted before glyphs[sorted[k]] repeats it (its neighbours in `sorted` are looked at, both ways). */
function repeatsEarlier(glyphs: Glyph[], sorted: Int32Array, k: number, along: Float64Array, across: Float64Array): boolean {
  const j = sorted[k];
  const size = Math.max(glyphs[j].fontSize, 1);
  const reach = OVERPRINT_ALONG * size + 1 / ALONG_STEPS;
  for (let m = k - 1; m >= 0 && along[j] - along[sorted[m]] <= reach; m--) if (sorted[m] < j && repeats(glyphs, sorted[m], j, size, along, across)) return true;
  for (let m = k + 1; m < sorted.length && along[sorted[m]] - along[j] <= reach; m++) if (sorted[m] < j && repeats(glyphs, sorted[m], j, size, along, across)) return true;
  return false;
}

function repeats(glyphs: Glyph[], i: number, j: number, size: number, along: Float64Array, across: Float64Array): boolean {
  const g = glyphs[j];
  const h = glyphs[i];
  return h.text === g.text && h.invisible === g.invisible && (h.dir ?? 0) === (g.dir ?? 0) && Math.abs(along[i] - along[j]) <= OVERPRINT_ALONG * size && Math.abs(across[i] - across[j]) <= OVERPRINT_ACROSS * size;
}

/**
 * Drop the invisible words (runs of invisible glyphs, as words are joined) whose glyph boxes visible
 * glyphs cover by UNDER_VISIBLE_SHARE or more, taken together: an OCR word a little longer than the
 * printed one goes as a whole, not leaving its last letter behind. Covered by SAME_TEXT_SHARE or
 * more, it goes when the visible glyphs it overlaps spell it (spellsUnder).
 */
export function withoutInvisibleCopies(glyphs: Glyph[]): Glyph[] {
  if (!glyphs.some((g) => g.invisible) || !glyphs.some((g) => !g.invisible && !g.isSpace)) return glyphs;
  const visible = glyphs.filter((g) => !g.invisible && !g.isSpace);
  const index = new BoxIndex(visible.map((g) => g.bbox));
  const glyphOf = new Map(visible.map((g) => [g.bbox, g]));
  const copies = new Set<Glyph>();
  for (const run of glyphRuns(glyphs.filter((g) => g.invisible))) {
    let total = 0, covered = 0;
    for (const g of run) {
      const a = areaOf(g.bbox);
      total += a;
      if (a > 0) covered += a * coveredShare(g.bbox, a, index.near(g.bbox));
    }
    if (total <= 0 || covered < SAME_TEXT_SHARE * total) continue;
    if (covered >= UNDER_VISIBLE_SHARE * total || spellsUnder(run, index, glyphOf)) for (const g of run) copies.add(g);
  }
  return copies.size === 0 ? glyphs : glyphs.filter((g) => !copies.has(g));
}

/** Letters and digits of a text, lower case: how an OCR word and the printed words are compared. */
const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Rule: the visible glyphs overlapping an invisible run, in paint order, spell its text (two letters or more). */
function spellsUnder(run: readonly Glyph[], index: BoxIndex, glyphOf: ReadonlyMap<BBox, Glyph>): boolean {
  const wanted = letters(run.map((g) => g.text).join(''));
  if (wanted.length < 2) return false;
  const under = new Set<Glyph>();
  for (const g of run) for (const b of index.near(g.bbox)) if (intersectionArea(g.bbox, b) > 0) under.add(glyphOf.get(b)!);
  return letters([...under].sort((a, b) => a.order - b.order).map((g) => g.text).join('')).includes(wanted);
}

/** The box's area; 0 for a box of damaged numbers (geometry.ts, isSaneBox). */
function areaOf(b: BBox): number {
  return isSaneBox(b) ? area(b) : 0;
}

/** Boxes by the CELL_PT cells they touch; a box wider or taller than MAX_SPAN cells (a damaged font matrix) is kept aside and always near. */
class BoxIndex {
  private readonly cells = new Map<string, BBox[]>();
  private readonly large: BBox[] = [];

  constructor(boxes: BBox[]) {
    for (const b of boxes) {
      if (!spansFew(b)) this.large.push(b);
      else forCells(b, (key) => {
        const list = this.cells.get(key);
        if (list) list.push(b);
        else this.cells.set(key, [b]);
      });
    }
  }

  /** The boxes that may overlap b (each once). */
  near(b: BBox): Iterable<BBox> {
    if (!spansFew(b)) return [...new Set([...this.cells.values()].flat()), ...this.large];
    const found = new Set<BBox>(this.large);
    forCells(b, (key) => {
      for (const v of this.cells.get(key) ?? []) found.add(v);
    });
    return found;
  }
}

/** Cells a box may span on each axis to be indexed cell by cell. */
const MAX_SPAN = 32;

function spansFew(b: BBox): boolean {
  return isSaneBox(b) && (b[2] - b[0]) / CELL_PT < MAX_SPAN && (b[3] - b[1]) / CELL_PT < MAX_SPAN;
}

function forCells(b: BBox, f: (key: string) => void): void {
  for (let cx = Math.floor(b[0] / CELL_PT); cx <= Math.floor(b[2] / CELL_PT); cx++) {
    for (let cy = Math.floor(b[1] / CELL_PT); cy <= Math.floor(b[3] / CELL_PT); cy++) f(`${cx},${cy}`);
  }
}

/** The share of b (of area `bArea`) that the boxes cover (overlaps between them counted twice, the share capped at 1). */
function coveredShare(b: BBox, bArea: number, boxes: Iterable<BBox>): number {
  let covered = 0;
  for (const v of boxes) covered += intersectionArea(b, v);
  return Math.min(1, covered / bArea);
}
