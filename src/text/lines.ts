/**
 * Words and redaction placeholders of one page -> lines in reading order.
 *
 * Words are chained into rows left to right: a word joins the row whose right-most word is
 * vertically closest to it (centre distance within half the taller box), so slightly skewed OCR
 * lines stay one row. Each redaction then joins the row it overlaps (the best-overlapping row for
 * a one-line box, the top-most overlapped row for a taller box), so a box spanning several lines
 * appears once, at its first line; boxes that overlap no row form rows of their own. Rows are
 * ordered top to bottom; when the page has a clear column gutter, rows are split at it and read
 * column by column (see columns.ts).
 *
 * A page whose text mostly runs sideways or upside down is read in its reading frame (see
 * direction.ts: its lines carry `turn`); words running another way than the rest of their page (a
 * stamp up the margin) make rows of their own, read in their own direction.
 */
import type { BBox, PageLayout, Redaction, TextDirection, Word } from '../model.js';
import { findGutter, readColumns } from './columns.js';
import { dirOf, dominantDirection, toFrameBox, turnLayout } from './direction.js';
import { median } from './math.js';

export interface WordToken {
  kind: 'word';
  text: string;
  bbox: BBox;
  word: Word;
}

export interface RedactionToken {
  kind: 'redaction';
  text: string;
  bbox: BBox;
  redaction: Redaction;
}

export type Token = WordToken | RedactionToken;

/** Where a line sits: across the text frame, or in the left/right column of a two-column page. */
export type LineRegion = 'full' | 'left' | 'right';

export interface Line {
  page: number;
  pageWidth: number;
  pageHeight: number;
  /** Union of the line's token boxes (a tall redaction makes it tall). */
  bbox: BBox;
  /** Tokens left to right. */
  tokens: Token[];
  /** Tokens joined by single spaces. */
  text: string;
  region: LineRegion;
  /**
   * Set when the page is read in a turned frame (its text runs sideways or upside down): the
   * line's boxes and pageWidth/pageHeight are in that frame, `turn` quarter turns from the
   * display (direction.ts displayBox turns them back).
   */
  turn?: TextDirection;
}

/** The placeholder a redaction becomes in the text: `[REDACTED]` or `[REDACTED (b)(6)]`. */
export function redactionPlaceholder(redaction: Pick<Redaction, 'label'>): string {
  const label = redaction.label?.replace(/\s+/g, ' ').trim();
  return label ? `[REDACTED ${label}]` : '[REDACTED]';
}

const height = (b: BBox): number => b[3] - b[1];
const centreY = (b: BBox): number => (b[1] + b[3]) / 2;

export function unionBox(boxes: readonly BBox[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

/**
 * Groups words into rows (one row = one printed line). Words are taken left to right; each joins
 * the row whose right-most word is vertically closest, when the centre distance is within half
 * the taller of the two boxes; otherwise it starts a row. Rows come back unordered.
 */
export function groupWordsIntoRows(words: readonly Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.bbox[0] - b.bbox[0] || a.bbox[1] - b.bbox[1]);
  const rows: { words: Word[]; last: Word }[] = [];
  for (const word of sorted) {
    let best: { words: Word[]; last: Word } | undefined;
    let bestDistance = Infinity;
    for (const row of rows) {
      const dy = Math.abs(centreY(word.bbox) - centreY(row.last.bbox));
      const tolerance = 0.5 * Math.max(height(word.bbox), height(row.last.bbox));
      if (dy <= tolerance && dy < bestDistance) {
        best = row;
        bestDistance = dy;
      }
    }
    if (best) {
      best.words.push(word);
      best.last = word;
    } else {
      rows.push({ words: [word], last: word });
    }
  }
  return rows.map((r) => r.words);
}

interface Row {
  tokens: Token[];
  /** Vertical band the row's text occupies (median top/bottom of its words). */
  band: [number, number];
  /** Sort key: vertical centre of the row's first line. */
  y: number;
  /** Tokens already in reading order (a row of sideways words): not re-sorted left to right. */
  ordered?: boolean;
}

function wordRow(words: Word[]): Row {
  const top = median(words.map((w) => w.bbox[1]));
  const bottom = median(words.map((w) => w.bbox[3]));
  return {
    tokens: words.map((word) => ({ kind: 'word', text: word.text, bbox: word.bbox, word })),
    band: [top, bottom],
    y: median(words.map((w) => centreY(w.bbox))),
  };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Places each redaction in a row: a box no taller than 1.5 rows joins the row it overlaps most;
 * a taller box joins the top-most row it overlaps. Overlap must cover half of the smaller of
 * the row band and the box. Unplaced boxes are grouped into rows of their own by the band of
 * their first line (top of the box, one typical line high).
 */
function placeRedactions(rows: Row[], redactions: readonly Redaction[], lineHeight: number): Row[] {
  const loose: { redaction: Redaction; band: [number, number] }[] = [];
  for (const redaction of redactions) {
    const [, top, , bottom] = redaction.bbox;
    const boxHeight = Math.max(bottom - top, 0.01);
    let target: Row | undefined;
    let targetScore = -Infinity;
    for (const row of rows) {
      const rowHeight = Math.max(row.band[1] - row.band[0], 0.01);
      const ov = overlap(top, bottom, row.band[0], row.band[1]);
      if (ov < 0.5 * Math.min(rowHeight, boxHeight)) continue;
      const tall = boxHeight > 1.5 * rowHeight;
      const score = tall ? -row.band[0] : ov;
      if (score > targetScore) {
        target = row;
        targetScore = score;
      }
    }
    const token: Token = {
      kind: 'redaction',
      text: redactionPlaceholder(redaction),
      bbox: redaction.bbox,
      redaction,
    };
    if (target) target.tokens.push(token);
    else loose.push({ redaction, band: [top, top + Math.min(boxHeight, lineHeight)] });
  }

  const own: Row[] = [];
  loose.sort((a, b) => a.band[0] - b.band[0]);
  for (const item of loose) {
    const token: Token = {
      kind: 'redaction',
      text: redactionPlaceholder(item.redaction),
      bbox: item.redaction.bbox,
      redaction: item.redaction,
    };
    const itemHeight = item.band[1] - item.band[0];
    const row = own.find((r) => {
      const ov = overlap(item.band[0], item.band[1], r.band[0], r.band[1]);
      return ov >= 0.5 * Math.min(itemHeight, r.band[1] - r.band[0]);
    });
    if (row) row.tokens.push(token);
    else own.push({ tokens: [token], band: item.band, y: (item.band[0] + item.band[1]) / 2 });
  }
  return [...rows, ...own];
}

/**
 * Rows of words that run another way than the page (relative direction ≠ 0): grouped and ordered in
 * their own direction, placed at the top of the band they cover.
 */
function sidewaysRows(words: Word[], width: number, height: number): Row[] {
  const rows: Row[] = [];
  for (const d of [1, 2, 3] as const) {
    const own = words.filter((w) => dirOf(w) === d);
    const turned = new Map(own.map((w) => [{ ...w, bbox: toFrameBox(w.bbox, d, width, height) }, w] as const));
    for (const row of groupWordsIntoRows([...turned.keys()])) {
      const ordered = row.sort((a, b) => a.bbox[0] - b.bbox[0]).map((t) => turned.get(t)!);
      const top = Math.min(...ordered.map((w) => w.bbox[1]));
      rows.push({
        tokens: ordered.map((word) => ({ kind: 'word', text: word.text, bbox: word.bbox, word })),
        band: [top, Math.max(...ordered.map((w) => w.bbox[3]))],
        y: top,
        ordered: true,
      });
    }
  }
  return rows;
}

function toLine(layout: PageLayout, tokens: Token[], region: Line['region'], keepOrder = false): Line {
  const ordered = keepOrder ? tokens : [...tokens].sort((a, b) => a.bbox[0] - b.bbox[0] || a.bbox[1] - b.bbox[1]);
  return {
    page: layout.page,
    pageWidth: layout.width,
    pageHeight: layout.height,
    bbox: unionBox(ordered.map((t) => t.bbox)),
    tokens: ordered,
    text: ordered.map((t) => t.text).join(' '),
    region,
  };
}

/** The page's lines in reading order, redactions as placeholder tokens. */
export function buildPageLines(layout: PageLayout): Line[] {
  const turn = dominantDirection(layout.words);
  if (turn === 0) return buildFrameLines(layout);
  return buildFrameLines(turnLayout(layout, turn)).map((line) => ({ ...line, turn }));
}

/** buildPageLines in the page's reading frame (most words run left to right). */
function buildFrameLines(layout: PageLayout): Line[] {
  const all = layout.words
    .map((w) => ({ ...w, text: w.text.replace(/\s+/g, ' ').trim() }))
    .filter((w) => w.text.length > 0);
  const words = all.filter((w) => dirOf(w) === 0);
  const sideways = sidewaysRows(
    all.filter((w) => dirOf(w) !== 0),
    layout.width,
    layout.height,
  );
  const wordRows = groupWordsIntoRows(words).map(wordRow);
  const heights = words.map((w) => height(w.bbox)).filter((h) => h > 0);
  const lineHeight = heights.length > 0 ? median(heights) : 12;
  const rows = placeRedactions(wordRows, layout.redactions, lineHeight);
  rows.sort((a, b) => a.y - b.y || a.band[0] - b.band[0]);

  const gutter = findGutter(
    [...words.map((w) => w.bbox), ...layout.redactions.map((r) => r.bbox)],
    layout.width,
    layout.height,
  );
  if (!gutter) {
    const all = sideways.length ? [...rows, ...sideways].sort((a, b) => a.y - b.y || a.band[0] - b.band[0]) : rows;
    return all.map((r) => toLine(layout, r.tokens, 'full', r.ordered));
  }
  const columns = readColumns(
    rows.map((r) => r.tokens),
    gutter,
  ).map((part) => toLine(layout, part.tokens, part.region));
  // sideways rows cross the columns: after them, top to bottom
  return [...columns, ...sideways.sort((a, b) => a.y - b.y).map((r) => toLine(layout, r.tokens, 'full', true))];
}
