/**
 * Page furniture: header/footer lines that are not part of the document's text flow
 * (court filing stamps, running headers and footers, page numbers).
 *
 * A line is furniture when
 *  - it is a court filing stamp ("Case … Document … Filed …", optionally "USCA"/"Appellate"
 *    first) in the top or bottom STAMP_BAND of the page — by its pattern, so one page suffices;
 *  - it is a page number ("3", "- 3 -", "Page 3", "Page 3 of 15", "3 of 15", "iv"; OCR's
 *    "Page |" for "Page 1") in the top or bottom PAGE_NUMBER_BAND;
 *  - it repeats in the same band (top or bottom REPEAT_BAND) on at least half of the pages and
 *    on at least two, comparing text with digit runs normalised to '#' (so "Page 3 of 15" and
 *    "Page 4 of 15" match) and tolerating small OCR differences (edit-distance similarity),
 *    at about the same height on each page (within REPEAT_Y_SPREAD of the page height), unless
 *    the line starts with outline numbering (a heading that opens each page).
 * Furniture in the upper half of the page is a header, in the lower half a footer.
 */
import type { Line } from './lines.js';
import { editDistance } from './math.js';
import { parseNumbering } from './numbering.js';

export type Furniture = 'header' | 'footer';

const STAMP_BAND = 0.15;
const PAGE_NUMBER_BAND = 0.1;
/** Narrower than 10 %: the first body line under a one-inch margin sits at about 9-10 % of the page. */
const REPEAT_BAND = 0.085;
const SIMILARITY = 0.85;
/**
 * Long lines (>= LONG_LINE characters) repeat under looser similarity: a running header OCRed by
 * two engines, or struck through, comes out garbled differently on each page (measured 0.54-0.91
 * between the pages of a scanned report), while unrelated long lines score about 0.3-0.45.
 */
const LONG_LINE = 40;
const LONG_SIMILARITY = 0.65;
/** Repeated lines must sit at about the same height on every page (share of page height). */
const REPEAT_Y_SPREAD = 0.015;

const STAMP = /^\s*(?:(?:usca|appellate|appeal)\s+)?case\b\s*(?:no\.?)?\s*[:#]?\s*\S*\d.{0,60}?\bdoc(?:ument)?\b.{0,50}?\bfiled\b/i;
const DASH = '[-\u2013\u2014]';
const PAGE_NUMBER = [
  new RegExp(`^${DASH}?\\s*\\d{1,4}\\s*${DASH}?$`),
  new RegExp(`^${DASH}?\\s*[ivxlc]{1,7}\\s*${DASH}?$`),
  // After "Page", OCR may read a 1 as | l I or !.
  /^(?:page|pg\.?|p\.)\s*(?:\d{1,4}|[|lI!])(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
  /^\d{1,4}\s*(?:of|\/)\s*\d{1,4}$/i,
];

/** True for a court filing stamp line such as `Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page 3 of 15`. */
export function isFilingStamp(text: string): boolean {
  return STAMP.test(text);
}

/** True for a bare page number line: `3`, `- 3 -`, `Page 3`, `Page 3 of 15`, `3 of 15`, `iv` (and OCR's `Page |`). */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

/** Text for repeat comparison: lower case, digit runs as '#', single spaces. */
export function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

interface Keyed {
  key: string;
  grams: Set<string>;
}

/**
 * Same text after normalisation, or (both at least 20 characters) edit similarity >= SIMILARITY,
 * or (both at least LONG_LINE characters) >= LONG_SIMILARITY.
 */
function similar(a: Keyed, b: Keyed): 'same' | 'loose' | false {
  if (a.key === b.key) return 'same';
  const longest = Math.max(a.key.length, b.key.length);
  const shortest = Math.min(a.key.length, b.key.length);
  if (shortest < 20) return false;
  const need = shortest >= LONG_LINE ? LONG_SIMILARITY : SIMILARITY;
  if (Math.abs(a.key.length - b.key.length) > (1 - need) * longest) return false;
  // Cheap bigram-overlap filter before the quadratic edit distance.
  let shared = 0;
  for (const g of a.grams) if (b.grams.has(g)) shared++;
  if ((2 * shared) / (a.grams.size + b.grams.size) < need - 0.3) return false;
  const sim = 1 - editDistance(a.key, b.key) / longest;
  return sim >= SIMILARITY ? 'same' : sim >= need ? 'loose' : false;
}

/** A header held together only by loose matches must repeat on this share of pages (and 3 at least). */
const LOOSE_REPEAT = 0.75;

/** Position of the line's centre as a share of the page height (0 top, 1 bottom). */
function relativeY(line: Line): number {
  if (!(line.pageHeight > 0)) return 0.5;
  return (line.bbox[1] + line.bbox[3]) / 2 / line.pageHeight;
}

function inBand(line: Line, band: number): 'top' | 'bottom' | null {
  const y = relativeY(line);
  if (y <= band) return 'top';
  if (y >= 1 - band) return 'bottom';
  return null;
}

/** Text of the line's words only (redaction placeholders left out). */
function wordText(line: Line): string {
  return line.tokens
    .filter((t) => t.kind === 'word')
    .map((t) => t.text)
    .join(' ');
}

/**
 * Marks the furniture lines of a document. `pages` holds each page's lines; the answer has the
 * same shape, with 'header', 'footer' or null per line.
 */
export function findFurniture(pages: readonly (readonly Line[])[]): (Furniture | null)[][] {
  const marks = pages.map((lines) => lines.map((): Furniture | null => null));
  const kindOf = (line: Line): Furniture => (relativeY(line) < 0.5 ? 'header' : 'footer');

  // Pattern rules, page by page.
  pages.forEach((lines, p) =>
    lines.forEach((line, i) => {
      const text = wordText(line);
      if (!text) return;
      if ((inBand(line, STAMP_BAND) && isFilingStamp(text)) || (inBand(line, PAGE_NUMBER_BAND) && isPageNumber(text))) {
        marks[p][i] = kindOf(line);
      }
    }),
  );

  // Repetition across pages, per band.
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const needed = Math.max(2, Math.ceil(pagesWithText * 0.5));
  if (pagesWithText < 2) return marks;
  for (const band of ['top', 'bottom'] as const) {
    const clusters: { keys: Keyed[]; pages: Set<number>; members: [number, number][]; loose: boolean }[] = [];
    pages.forEach((lines, p) =>
      lines.forEach((line, i) => {
        if (inBand(line, REPEAT_BAND) !== band) return;
        const text = wordText(line);
        if (!/[\p{L}\p{N}]/u.test(text)) return;
        // Outline-numbered lines ("Section 2", "II. TERMS") are headings that may open each page.
        if (parseNumbering(text.split(' ').slice(0, 2))) return;
        const key = repeatKey(text);
        const keyed = { key, grams: bigrams(key) };
        // single link: like any line already in the cluster (OCR variants drift from page to page)
        let link: 'same' | 'loose' | false = false;
        let cluster: (typeof clusters)[number] | undefined;
        for (const c of clusters) {
          for (const k of c.keys) if ((link = similar(k, keyed))) break;
          if (link) {
            cluster = c;
            break;
          }
        }
        if (!cluster) {
          cluster = { keys: [], pages: new Set(), members: [], loose: false };
          clusters.push(cluster);
        } else if (link === 'loose') cluster.loose = true;
        cluster.keys.push(keyed);
        cluster.pages.add(p);
        cluster.members.push([p, i]);
      }),
    );
    for (const c of clusters) {
      if (c.pages.size < (c.loose ? Math.max(3, Math.ceil(pagesWithText * LOOSE_REPEAT)) : needed)) continue;
      const ys = c.members.map(([p, i]) => relativeY(pages[p][i]));
      if (Math.max(...ys) - Math.min(...ys) > REPEAT_Y_SPREAD) continue;
      for (const [p, i] of c.members) marks[p][i] = kindOf(pages[p][i]);
    }
  }
  return marks;
}

/** Numbered lines a page needs for its numbers to be pleading line numbers (pleading paper has 28, transcripts 25). */
export const LINE_NUMBER_MIN = 20;
/** Highest pleading line number. */
export const LINE_NUMBER_MAX = 32;

/**
 * Pleading paper and transcripts number their lines in the left margin (`1 II. BACKGROUND FACTS`).
 * When at least LINE_NUMBER_MIN lines of a page start with a bare number up to LINE_NUMBER_MAX,
 * in one column (left or right edges within 4 pt), each (but one in ten) the one before plus 1,
 * those numbers are furniture: the lines come back without them, and lines that held only a
 * number are dropped (the page text keeps them). A table's numbered rows are too few for it. A
 * condensed transcript (four pages to a sheet, in two columns) has two such columns: each is
 * furniture.
 */
export function stripLineNumbers(lines: readonly Line[]): Line[] {
  const numbered = lines.filter((l) => {
    const t = l.tokens[0];
    return t?.kind === 'word' && /^\d{1,2}$/.test(t.text) && Number(t.text) >= 1 && Number(t.text) <= LINE_NUMBER_MAX;
  });
  if (numbered.length < LINE_NUMBER_MIN) return [...lines];
  const strip = new Set<Line>();
  for (const column of numberColumns(numbered)) {
    const values = column.map((l) => Number(l.tokens[0].text));
    const consecutive = values.filter((v, i) => i > 0 && v === values[i - 1] + 1).length;
    if (column.length >= LINE_NUMBER_MIN && consecutive >= 0.9 * (values.length - 1)) for (const l of column) strip.add(l);
  }
  if (strip.size === 0) return [...lines];
  return lines.flatMap((l) => {
    if (!strip.has(l)) return [l];
    const tokens = l.tokens.slice(1);
    if (tokens.length === 0) return [];
    const bs = tokens.map((t) => t.bbox);
    const bbox: Line['bbox'] = [Math.min(...bs.map((b) => b[0])), Math.min(...bs.map((b) => b[1])), Math.max(...bs.map((b) => b[2])), Math.max(...bs.map((b) => b[3]))];
    return [{ ...l, tokens, bbox, text: tokens.map((t) => t.text).join(' ') }];
  });
}

/**
 * The numbered lines in columns, in reading order: the lines whose number starts, or ends, within
 * 4 pt of the median such edge; then the same among the rest, while LINE_NUMBER_MIN are left.
 */
function numberColumns(numbered: readonly Line[]): Line[][] {
  const columns: Line[][] = [];
  let rest = [...numbered];
  while (rest.length >= LINE_NUMBER_MIN) {
    const edge = (l: Line, k: 0 | 2) => l.tokens[0].bbox[k];
    const mid = (k: 0 | 2) => rest.map((l) => edge(l, k)).sort((a, b) => a - b)[Math.floor(rest.length / 2)];
    const [left, right] = [mid(0), mid(2)];
    const column = rest.filter((l) => Math.abs(edge(l, 0) - left) <= 4 || Math.abs(edge(l, 2) - right) <= 4);
    if (column.length === 0) break;
    columns.push(column);
    const taken = new Set(column);
    rest = rest.filter((l) => !taken.has(l));
  }
  return columns;
}
