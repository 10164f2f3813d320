/**
 * What one line looks like, measured against the document's own statistics: numbering, size,
 * bold, capitals, length, punctuation, position in the text frame.
 */
import type { Line, Token, WordToken } from './lines.js';
import { parseNumbering, type Numbering } from './numbering.js';
import { lineFontSize, type DocumentTypography } from './stats.js';

/** Lines under this share of the body size are fine print, never headings. */
export const SMALL_PRINT = 0.85;

const LETTER = /^\p{L}$/u;

/** Letters (\p{L}) in the text, counted by code point: ASCII at once, the rest by the regex. */
export function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) n++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (LETTER.test(String.fromCodePoint(cp))) n++;
    if (cp > 0xffff) i++;
  }
  return n;
}

/** At least two letters and (allowing for an OCR slip) at most 10 % of them lower case. */
export function isAllCaps(text: string): boolean {
  const letters = letterCount(text);
  const lower = (text.match(/\p{Ll}/gu) ?? []).length;
  return letters >= 2 && lower <= 0.1 * letters;
}

/** Abbreviations whose period ends no sentence (`et al.`, `Inc.`, `No.`, `v.`), lower case, without the period. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  'al inc co corp ltd llc no nos jr sr st mr mrs ms dr vs art sec secs dept gov assn bros ave cf para pp vol'.split(' '),
);

/**
 * Rule: a word inside a line that ends a sentence or a clause (`;`, `:`, `.`, `!`, `?`), which a
 * heading does not hold. Not an initial (`v.`, `J.`), an initialism (`U.S.`), an abbreviation
 * (ABBREVIATIONS: `et al.`, `Inc.`), nor, in OCR (ours, or an invisible text layer's), a `!` right
 * after a letter (a misread `l` or `I`: "Kami! Ekim").
 */
export function breaksLine(w: WordToken): boolean {
  const t = w.text;
  if (!/[;:]$|[.!?]["'\u201d\u2019)]*$/u.test(t)) return false;
  if (/^\p{L}\.$|\.\p{L}\.$/u.test(t)) return false;
  if (/\.$/.test(t) && ABBREVIATIONS.has(t.slice(0, -1).replace(/^["'\u201c\u2018(\[]+/u, '').toLowerCase())) return false;
  const ocr = w.word.confidence !== undefined || w.word.invisible === true;
  return !(ocr && /\p{L}!$/u.test(t));
}

export interface LineLook {
  numbering: Numbering | null;
  /** Tokens after the numbering (words and redaction placeholders). */
  contentTokens: number;
  /** Font size of the line (stats.ts lineFontSize; body size when it has no words). */
  size: number;
  /** Larger than body text (12 % and 0.75 pt; for OCR sizes, which are box heights, 30 % and 3+ words). */
  larger: boolean;
  /** Mostly bold (60 % of characters), in a document where bold is not the norm. */
  bold: boolean;
  /** All capitals (at least 3 letters), in a document where capitals are not the norm. */
  caps: boolean;
  /** Set in fine print: under SMALL_PRINT of the body size (form numbers, captions, footnotes). */
  smaller: boolean;
  /** bold || larger || caps. */
  typographic: boolean;
  /** Size class: floor((size / body - 1) / 0.15) for larger lines, else 0. */
  sizeBucket: number;
  /** How loud the typography is: 4 per 15 % of extra size, +2 capitals, +1 bold (+1 slightly larger). */
  strength: number;
  /** Last content word ends a sentence (. ! ?). */
  endsSentence: boolean;
  /** Last content word ends with , or ; (a list item or a clause goes on). */
  endsClause: boolean;
  endsColon: boolean;
  /** Runs to (within 10 % of) the right edge of its text frame, as a wrapped paragraph line does. */
  reachesRight: boolean;
  /** Centred in its frame (or on the page) and clearly indented from both frame edges. */
  centred: boolean;
  /** First content token starts with a capital or a digit (or is a redaction). */
  startsUpper: boolean;
  onlyRedactions: boolean;
  /** Among the content words: a ; or : or a sentence end before the last word. */
  innerPunctuation: boolean;
  /** Share of content words of 4+ letters that start with a capital (1 when there are none). */
  titleCaseShare: number;
  /** At least two gaps between content tokens wider than 1.5 font sizes: a table row. */
  tabular: boolean;
  /**
   * Run-in heading: number of leading tokens (numbering included) that are bold and end with
   * '.' or ':' while the rest of the line is not bold, e.g. "**1. Purpose.** The purpose …"; 0 if none.
   */
  runInTokens: number;
  /**
   * When the numbering was read only through OCR repairs (numbering.ts), the line as it looks
   * without it: used when the outline's sequence rejects those readings.
   */
  strict?: LineLook;
}

const LEADING_SPECKS = /^['\u2018\u2019\u201c\u201d"`|*\u00b7\u2022]+(?=\S)/u;
const TRAILING_CLOSERS = /["'\u201d\u2019)\]]+$/u;

/** Last punctuation of the content: closers (`"`, `)`, `]`) are skipped, also as tokens of their own. */
function ending(tokens: readonly Token[]): string {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind !== 'word') return '';
    const core = t.text.replace(TRAILING_CLOSERS, '');
    if (core) return core.slice(-1);
  }
  return '';
}

function boldShareOf(words: readonly WordToken[]): number {
  let chars = 0;
  let bold = 0;
  for (const w of words) {
    const n = Math.max(1, w.text.length);
    chars += n;
    if (w.word.bold) bold += n;
  }
  return chars > 0 ? bold / chars : 0;
}

/** The first two word texts of a line, a leading OCR speck removed from the first. */
export function leadingWords(line: Line): string[] {
  const out: string[] = [];
  for (const t of line.tokens) {
    if (t.kind !== 'word' || out.length === 2) break;
    // OCR often reads a speck before the first word as a quote or bar: ignore it for numbering.
    out.push(out.length === 0 ? t.text.replace(LEADING_SPECKS, '') : t.text);
  }
  return out;
}

export interface DescribeOptions {
  /** Offer numbering readings through OCR confusions (default true). */
  repairs?: boolean;
}

export function describeLine(line: Line, typo: DocumentTypography, options: DescribeOptions = {}): LineLook {
  const tokens = line.tokens;
  const numbering = parseNumbering(leadingWords(line), { repairs: options.repairs !== false });
  const start = numbering?.tokenCount ?? 0;
  const content = tokens.slice(start);
  const words = tokens.filter((t): t is WordToken => t.kind === 'word');
  const contentWords = content.filter((t): t is WordToken => t.kind === 'word');

  const measured = lineFontSize(words.map((w) => w.word));
  const size = Number.isFinite(measured) ? measured : typo.bodyFontSize;
  const ratio = size / typo.bodyFontSize;
  // OCR sizes are box heights: one tall word ("Telephone:") is no evidence, so OCR lines need
  // three words and 30 % more.
  const larger = typo.ocr
    ? words.length >= 3 && ratio >= 1.3
    : ratio >= 1.12 && size - typo.bodyFontSize >= 0.75;
  const boldRare = typo.boldShare < 0.4;
  const bold = boldRare && words.length > 0 && boldShareOf(words) >= 0.6;
  const capsText = (contentWords.length > 0 ? contentWords : words).map((w) => w.text).join(' ');
  const caps = typo.capsLineShare < 0.3 && letterCount(capsText) >= 3 && isAllCaps(capsText);
  const bucket = larger ? Math.max(0, Math.min(6, Math.floor((ratio - 1) / 0.15 + 1e-9))) : 0;
  const strength = 4 * bucket + (larger && bucket === 0 ? 1 : 0) + (caps ? 2 : 0) + (bold ? 1 : 0);

  const end = ending(content);
  const frame = typo.frames[line.region];
  const frameWidth = Math.max(1, frame.right - frame.left);
  const [x0, , x1] = line.bbox;
  const centre = (x0 + x1) / 2;
  // Centred on the text frame or on the page (ragged-right text makes the frame look narrow).
  const tolerance = Math.max(0.06 * frameWidth, 8);
  const centred =
    (Math.abs(centre - (frame.left + frame.right) / 2) <= tolerance ||
      (line.region === 'full' && Math.abs(centre - line.pageWidth / 2) <= tolerance)) &&
    x0 >= frame.left + 0.08 * frameWidth &&
    x1 <= frame.right - 0.08 * frameWidth;

  const first = content[0];
  const startsUpper =
    first === undefined || first.kind === 'redaction' || /^["'\u201c\u2018(\[]*[\p{Lu}\p{N}]/u.test(first.text);

  let runInTokens = 0;
  if (boldRare && !bold) {
    let n = 0;
    while (n < content.length && content[n].kind === 'word' && (content[n] as WordToken).word.bold) n++;
    if (n >= 1 && n <= 10 && n < content.length && /[.:]$/.test(content[n - 1].text.replace(TRAILING_CLOSERS, ''))) {
      runInTokens = start + n;
    }
  }

  const innerPunctuation = contentWords.slice(0, -1).some(breaksLine);
  const long = contentWords.filter((w) => letterCount(w.text) >= 4);
  const titleCaseShare = long.length === 0 ? 1 : long.filter((w) => /^["'\u201c\u2018(\[]*\p{Lu}/u.test(w.text)).length / long.length;
  let wideGaps = 0;
  for (let i = 1; i < content.length; i++) {
    if (content[i].bbox[0] - content[i - 1].bbox[2] > 1.5 * size) wideGaps++;
  }

  return {
    numbering,
    contentTokens: content.length,
    size,
    larger,
    smaller: ratio < SMALL_PRINT,
    bold,
    caps,
    typographic: bold || larger || caps,
    sizeBucket: bucket,
    strength,
    endsSentence: /[.!?]/.test(end),
    endsClause: /[,;]/.test(end),
    endsColon: end === ':',
    reachesRight: x1 >= frame.right - 0.1 * frameWidth,
    centred,
    startsUpper,
    onlyRedactions: words.length === 0,
    innerPunctuation,
    titleCaseShare,
    tabular: wideGaps >= 2,
    runInTokens,
    ...(numbering && numbering.readings.every((r) => r.repair > 0) ? { strict: describeLine(line, typo, { repairs: false }) } : {}),
  };
}
