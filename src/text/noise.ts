/**
 * Lines that are never headings, whatever their typography: each rule is named, and tested alone.
 *
 *  - `debris`: the line (its numbering aside) does not read as language — fewer than
 *    LANGUAGE_SHARE of its tokens are words (letters in one case pattern, with a vowel unless a
 *    short acronym or an abbreviation; numbers, e-mail and web addresses do not count either way),
 *    or no word has MIN_WORD_LETTERS letters; OCR words under DEBRIS_CONFIDENCE count as
 *    non-words, unless a single character (a speck) (`§22¢ Tow oO 4%`, `Memora® um`);
 *  - `letterhead`: an address line (a ZIP code, P.O. box, street, telephone number, e-mail or web
 *    address), and the whole block of short lines (gaps under BLOCK_GAP line heights) holding an
 *    address, telephone or fax line (a letterhead, an address block); and the name heading an
 *    address (isAddressName: a short line set in the type of the address line right below it,
 *    within ADDRESS_NAME_GAP line heights, aligned with it: `HARRIS CORPORATION` over `P.O. BOX
 *    9800`, a quotation's `Bill To` name over its street);
 *  - `signature`: a closing (`Sincerely,`, `Respectfully submitted,`, `Approved:`, …) and the short lines after
 *    it (up to SIGNATURE_LINES), and signature-block lines anywhere (`/s/ Name`, `By:`, `Name:`,
 *    `Title:`, a signature rule `______`);
 *  - `email-header`: an e-mail or memo header field (`From:`, `To:`, `Cc:`, `Sent:`, `Date:`,
 *    `Subject:`, `Importance:`, …); read loosely (no colon but capitals, `TO Director`; an OCR
 *    variant within EDIT_TOLERANCE standing alone, `Frorrl(b)(6)`) only with another field
 *    within 3 lines;
 *  - `table-row`: two or more wide gaps between tokens, or one wide gap in two adjacent lines (the
 *    columns of a table or a form), or more digits than letters, or words standing on end
 *    (standsOnEnd: the column labels of a table set sideways, each word UPRIGHT_RATIO times taller
 *    than wide);
 *  - `form-field`: a fill-in blank (`____`) or a check box (`☐`, `[ ]`);
 *  - `date-line`: the line is a date (`March 15, 2024`, `03/15/2024`, `Dated: 15 March 2024`);
 *  - `docket-stamp`: a court's filing stamp or docket line (`ELECTRONICALLY FILED`, `Case No. …`,
 *    `Document 42 Filed 03/15/24`, `RECEIVED`);
 *  - `page-furniture`: `Page 3 of 15` inside a line, editorial lines in brackets
 *    (`[Signature page follows.]`, `(continued)`, `This page intentionally left blank`), and
 *    running heads: a line in the top RUNNING_HEAD_BAND of a page repeating (or holding, or held
 *    in) a line in that band of an earlier page, at least RUNNING_HEAD_LETTERS letters long; and
 *    a letterhead's first showing (isLetterheadStart): the top line of a page after the first
 *    (only noise above it), not centred, that repeats in that band on RUNNING_HEAD_REPEATS later
 *    pages — the company line atop each page of a vendor's terms, whose centred title stays.
 */
import { letterCount, type LineLook } from './features.js';
import { isFilingStamp } from './furniture.js';
import type { Line } from './lines.js';
import { editDistance, median } from './math.js';

export type NoiseKind =
  | 'debris'
  | 'letterhead'
  | 'signature'
  | 'email-header'
  | 'table-row'
  | 'form-field'
  | 'date-line'
  | 'docket-stamp'
  | 'page-furniture'
  | 'picture-text';

/** Share of a line's tokens (numbers aside) that must read as words. */
export const LANGUAGE_SHARE = 0.75;
/** A heading needs one word at least this long. */
export const MIN_WORD_LETTERS = 3;
/** OCR words below this confidence are not words. */
export const DEBRIS_CONFIDENCE = 50;
/** Running heads are looked for in this top share of the page. */
export const RUNNING_HEAD_BAND = 0.25;
/** Letters a repeated line needs to be a running head (short repeats, `A. Scope`, are not). */
export const RUNNING_HEAD_LETTERS = 15;
/** Lines of a block are at most this many line heights apart. */
export const BLOCK_GAP = 0.9;
/** Short lines after a closing that form the signature block. */
export const SIGNATURE_LINES = 6;
/** Edit distance within which an OCR-garbled field name (`Frorn`) still is one. */
export const EDIT_TOLERANCE = 1;
/** A running head's first showing is one too when it repeats on this many later pages (isLetterheadStart). */
export const RUNNING_HEAD_REPEATS = 2;
/** The name over an address stands at most this many line heights above it (a blank line between allowed). */
export const ADDRESS_NAME_GAP = 3;
/** A word standing on end (sideways type) is this many times taller than wide. */
export const UPRIGHT_RATIO = 1.5;

const OPEN = `["'\u2018\u201c(\\[]*`;
const CLOSE = `["'\u2019\u201d)\\].,;:!?]*`;
/** One word: letters in one case pattern (lower, Capitalised, CAPITALS), inner ' - . allowed. */
const WORD = new RegExp(`^${OPEN}(\\p{Lu}?\\p{Ll}+(?:['\u2019.-]\\p{L}+)*|\\p{Lu}+(?:['\u2019.&-]\\p{Lu}*)*|\\p{Lu}(?:\\.\\p{Lu})+\\.?)${CLOSE}$`, 'u');
const NUMBER = /^[([]*[$§#€£]?\d[\d,.:/-]*%?[)\].,;:]*$/;
/** E-mail and web addresses, identifiers (`FRIA-OIDE-2023-07`, `1:24-cv-01873`): neither words nor debris. */
const NEUTRAL_TOKEN = /^\S+@\S+\.\w+|^(?:https?:\/\/|www\.)\S+|^(?=[^\s]*\d)[\p{L}\d]+(?:[-/.:][\p{L}\d]+)+[.,;:)]?$/iu;
/** Abbreviations: Mr. Ms. Dr. St. Jr. v. vs. al. */
const ABBREVIATION = /^\p{L}\p{Ll}{0,3}\.,?$/u;
const VOWEL = /[aeiouyAEIOUY]/;

/** The word tokens of a line from token `from` on: text and OCR confidence. */
function wordsOf(line: Line, from = 0): { text: string; confidence?: number }[] {
  const out: { text: string; confidence?: number }[] = [];
  for (let i = from; i < line.tokens.length; i++) {
    const t = line.tokens[i];
    if (t.kind === 'word') out.push({ text: t.text, confidence: t.word.confidence });
  }
  return out;
}

/** True when the token reads as a word. */
export function isWordlike(text: string, confidence?: number): boolean {
  if (confidence !== undefined && confidence < DEBRIS_CONFIDENCE) return false;
  if (ABBREVIATION.test(text)) return true;
  const m = WORD.exec(text);
  if (!m) return false;
  const letters = m[1].replace(/[^\p{L}]/gu, '');
  if (letters.length === 1) return /^[aAI&]$/.test(letters) || /^\p{Lu}\.$/u.test(m[1]);
  // acronyms (FBI, DHS) need no vowel; words do
  return VOWEL.test(letters) || (letters === letters.toUpperCase() && letters.length <= 5);
}

/** A single character OCR is unsure of: a speck on the page, neither word nor debris. */
function isSpeck(text: string, confidence?: number): boolean {
  return confidence !== undefined && confidence < DEBRIS_CONFIDENCE && [...text].length === 1;
}

/** `debris`: the line does not read as language. */
export function isDebris(line: Line, numberingTokens = 0): boolean {
  const words = wordsOf(line, numberingTokens);
  let good = 0;
  let counted = 0;
  let long = false;
  for (const w of words) {
    if (NUMBER.test(w.text) || NEUTRAL_TOKEN.test(w.text) || isSpeck(w.text, w.confidence)) continue;
    counted++;
    if (isWordlike(w.text, w.confidence)) {
      good++;
      if (!long && letterCount(w.text) >= MIN_WORD_LETTERS) long = true;
    }
  }
  // only numbers and identifiers (`CPB-CHGIL-001`): no language either
  if (counted === 0) return words.some((w) => !isSpeck(w.text, w.confidence)) && !words.some((w) => NUMBER.test(w.text) && /^\d{1,3}[.)]?$/.test(w.text) && words.length === 1);
  return good / counted < LANGUAGE_SHARE || !long;
}

const FIELDS = ['from', 'to', 'cc', 'bcc', 'sent', 'date', 'subject', 're', 'importance', 'priority', 'attachments', 'attachment', 'type', 'received'];

/** `email-header`, exact: the line starts with a header field name and a colon. */
export function isHeaderField(text: string): boolean {
  const m = /^\s*([A-Za-z]+)\s*:/.exec(text);
  return m !== null && FIELDS.includes(m[1].toLowerCase());
}

/**
 * The field a line starts with, read loosely, or null: the name followed by a colon, or in
 * capitals (a memo's `TO`, `FROM`), or garbled by OCR within EDIT_TOLERANCE (`Frorrl(b)(6)`;
 * `rn`/`rr` read for `m` first).
 */
export function looseHeaderField(text: string): string | null {
  const m = /^\s*([A-Za-z]{2,9})(\s*:)?(\(|\s|$)?/.exec(text);
  if (!m) return null;
  const name = m[1].toLowerCase().replace(/rn|rr/g, 'm');
  const marked = m[2] !== undefined || m[1] === m[1].toUpperCase();
  if (FIELDS.includes(name)) return marked ? name : null;
  // a garbled name stands alone: followed by a colon, a parenthesis or the end of the line
  const alone = m[2] !== undefined || m[3] === '(' || m[3] === '';
  if (name.length < 4 || !alone) return null;
  for (const f of FIELDS) if (f.length >= 4 && editDistance(name, f) <= EDIT_TOLERANCE && name[0] === f[0]) return f;
  return null;
}

const CLOSING = /^(?:sincerely|respectfully(?: submitted)?|very truly yours|yours (?:truly|sincerely|faithfully)|(?:best |kind |warm )?regards|cordially|thank you|thanks|cheers|with best wishes)\b[,.]?\s*$/i;
const SIGNATURE_LINE = /^(?:\/s\/|s\/|by:|name:|title:|its:|signature\b|signed:|dated?:)|_{4,}|\besq\.?$/i;

/**
 * An approval field opens a signature block as a closing does: a memo's `Approved:`, `Concur:`,
 * `Submitted by:`, with its signer's name, title and unit below. OCR garbles within EDIT_TOLERANCE
 * are read as the field, as for header fields (corpus 34's `Approveg:`).
 */
const APPROVAL_FIELDS = ['approved', 'approved by', 'concur', 'concurred', 'recommended', 'reviewed by', 'submitted by'];

function isApprovalField(text: string): boolean {
  const m = /^([A-Za-z]+(?: by)?)\s*:/i.exec(text);
  if (!m) return false;
  const name = m[1].toLowerCase();
  return APPROVAL_FIELDS.some((f) => name === f || (f.length >= 6 && name[0] === f[0] && editDistance(name, f) <= EDIT_TOLERANCE));
}

/** `signature`: a closing line (or an approval field) or a signature-block line. */
export function isClosing(text: string): boolean {
  const t = text.trim();
  return CLOSING.test(t) || isApprovalField(t);
}
export function isSignatureLine(text: string): boolean {
  return SIGNATURE_LINE.test(text.trim());
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day,?';
const DATE_LINE = new RegExp(
  `^(?:dated?:?\\s*)?(?:${WEEKDAY}\\s+)?(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|${MONTH},?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}[/-]\\d{2}[/-]\\d{2})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?)?\\.?$`,
  'i',
);

/** `date-line`: the line is a date. */
export function isDateLine(text: string): boolean {
  return DATE_LINE.test(text.trim());
}

const DOCKET = [
  /\belectronically\s+filed\b/i,
  /^(?:FILED|RECEIVED|ENTERED|LODGED|SO ORDERED|Filed|Received|Entered|Lodged)\b[\s:]*(?:\d|$|\p{Lu})/u,
  /^(?:case|docket|civil action|criminal|cause)\s*(?:no\.?|number|#)\s*[:#]?\s*\S*\d/i,
  /\b\d{1,2}:\d{2}-[a-z]{2,3}-\d{3,6}\b/i,
  /\bdoc(?:ument)?\.?\s*(?:no\.?\s*)?#?\s*\d+(?:-\d+)?\s+filed\b/i,
];

/** `docket-stamp`: a court filing stamp or docket line. */
export function isDocketStamp(text: string): boolean {
  return isFilingStamp(text) || DOCKET.some((re) => re.test(text.trim()));
}

const EDITORIAL = /^\[[^\]]*\]\.?$|^\([^()]*\)\.?$|intentionally\s+(?:left\s+)?blank|^\(?continued\)?$|\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b/i;

/** `picture-text`: most of the line's words are a picture's OCR text (detect/picture-text.ts), not the page's own type. */
export function isPictureTextLine(line: Line): boolean {
  const words = line.tokens.filter((t) => t.kind === 'word');
  const picture = words.filter((t) => t.word.picture).length;
  return picture > 0 && picture * 2 > words.length;
}

/** A line of page labels only: `Page 2`, or `Page 2 Page 4` over the quarters of a condensed transcript sheet. */
const PAGE_LABELS = /^(?:(?:page|pg\.?)\s*\d{1,4}\s*)+$/i;

/** `page-furniture`: a page count inside a line, a line of page labels, or an editorial line in brackets. */
export function isPageFurnitureLine(text: string): boolean {
  const t = text.trim();
  return EDITORIAL.test(t) || PAGE_LABELS.test(t);
}

const FORM_FIELD = /_{3,}|[\u2610\u2611\u2612\u25a1\u25a0\u274f]|\[\s?[xX]?\s?\]/;

/** `form-field`: a fill-in blank or a check box. */
export function isFormField(text: string): boolean {
  return FORM_FIELD.test(text);
}

/** Evidence that a line is an address on its own: a ZIP code, a P.O. box, a street, a telephone number, an e-mail or web address. */
const STRONG_ADDRESS = [
  /\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b/, // state and ZIP
  /\bp\.?\s?o\.?\s+box\b/i,
  /^\d{1,6}\s+(?:[\w.'-]+\s+){0,5}(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|parkway|pkwy|highway|hwy|plaza|square|sq|suite|ste|floor|fl|room|rm)\b\.?/i,
  /\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/, // telephone
  /\S+@\S+\.\w{2,}/, // e-mail
  /\bwww\.|https?:\/\/|\S\.(?:gov|com|org|net|edu)\b/i,
];
/** Weaker evidence, enough within a block of short lines. */
const ADDRESS = [...STRONG_ADDRESS, /\b(?:suite|ste\.?|room|rm\.?|floor)\s+\d+/i, /\b(?:tel(?:ephone)?|phone|fax|facsimile)\b\.?:?/i];

/** An address, telephone, e-mail or web line (the evidence that makes a block a letterhead). */
export function isAddressLine(text: string): boolean {
  return ADDRESS.some((re) => re.test(text));
}

/** An address line that is one alone (`Chicago, IL 60624`, `(202) 555-0144`). */
export function isStrongAddressLine(text: string): boolean {
  return STRONG_ADDRESS.some((re) => re.test(text));
}

function lineHeight(line: Line): number {
  const hs = line.tokens.filter((t) => t.kind === 'word').map((t) => t.bbox[3] - t.bbox[1]);
  return Math.max(1, hs.length ? median(hs) : line.bbox[3] - line.bbox[1]);
}

/** Short-line blocks: runs of consecutive short lines close together on one page. */
function blocks(lines: readonly Line[], looks: readonly LineLook[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  const short = (i: number) => !looks[i].reachesRight && looks[i].contentTokens <= 10 && !looks[i].numbering;
  for (let i = 0; i <= lines.length; i++) {
    const joins =
      i < lines.length &&
      short(i) &&
      start >= 0 &&
      lines[i].page === lines[i - 1].page &&
      lines[i].bbox[1] - lines[i - 1].bbox[3] <= BLOCK_GAP * Math.max(lineHeight(lines[i]), lineHeight(lines[i - 1]));
    if (joins) continue;
    if (start >= 0) out.push([start, i]);
    start = i < lines.length && short(i) ? i : -1;
  }
  return out;
}

/** Marks the lines that can never be headings (null for the others). */
export function classifyNoise(lines: readonly Line[], looks: readonly LineLook[]): (NoiseKind | null)[] {
  const marks: (NoiseKind | null)[] = lines.map(() => null);
  const text = lines.map((l) =>
    l.tokens
      .filter((t) => t.kind === 'word')
      .map((t) => t.text)
      .join(' '),
  );
  const exactField = text.map(isHeaderField);
  const looseField = text.map((t) => looseHeaderField(t) !== null);
  // a loose field needs another field (exact or loose) within 3 lines
  const nearField = (i: number): boolean => {
    for (let k = Math.max(0, i - 3); k < Math.min(lines.length, i + 4); k++) if (k !== i && (exactField[k] || looseField[k])) return true;
    return false;
  };
  // the first rule that holds, in this order (each asked only when those before it do not hold)
  const firstRule = (line: Line, i: number, t: string): NoiseKind | null => {
    if (isPictureTextLine(line)) return 'picture-text';
    if (isDocketStamp(t)) return 'docket-stamp';
    if (isPageFurnitureLine(t)) return 'page-furniture';
    if (exactField[i] || (looseField[i] && nearField(i))) return 'email-header';
    if (isDateLine(t)) return 'date-line';
    if (isStrongAddressLine(t)) return 'letterhead';
    if (isClosing(t) || isSignatureLine(t)) return 'signature';
    if (isFormField(t)) return 'form-field';
    if (looks[i].tabular || tableNeighbours(lines, looks, i) || digitHeavy(contentText(line, looks[i])) || standsOnEnd(line)) return 'table-row';
    if (isDebris(line, looks[i].numbering?.tokenCount ?? 0)) return 'debris';
    return null;
  };
  for (let i = 0; i < lines.length; i++) if (text[i]) marks[i] = firstRule(lines[i], i, text[i]);
  for (const [a, b] of blocks(lines, looks)) {
    if (b - a < 2 || !text.slice(a, b).some(isAddressLine)) continue;
    for (let i = a; i < b; i++) if (!marks[i] || marks[i] === 'debris' || marks[i] === 'table-row') marks[i] = 'letterhead';
  }
  // one name line over an address: a name never makes the line above it a name too
  const address = marks.map((m, i) => m === 'letterhead' || isAddressLine(text[i]));
  for (let i = 0; i + 1 < lines.length; i++) if (!marks[i] && isAddressName(lines, looks, i, address[i + 1])) marks[i] = 'letterhead';
  markRunningHeads(lines, looks, text, marks);
  lines.forEach((_, i) => {
    if (!isClosing(text[i])) return;
    for (let k = i + 1; k < lines.length && k <= i + SIGNATURE_LINES; k++) {
      if (lines[k].page !== lines[i].page || looks[k].reachesRight || looks[k].numbering) break;
      marks[k] ??= 'signature';
    }
  });
  return marks;
}

/** Running-head key: the letters of the line, lower case; RUNNING_HEAD_LETTERS of them at least, else null. */
function runningKey(line: Line, text: string): string | null {
  if (!(line.pageHeight > 0) || line.bbox[1] > RUNNING_HEAD_BAND * line.pageHeight) return null;
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  return key.length >= RUNNING_HEAD_LETTERS ? key : null;
}

const sameHead = (a: string, b: string): boolean => a === b || a.includes(b) || b.includes(a);

/**
 * Marks lines near the top of a page that repeat one near the top of an earlier page, and the
 * first showing of such a line when it opens a later page as a letterhead does (isLetterheadStart).
 */
function markRunningHeads(lines: readonly Line[], looks: readonly LineLook[], text: readonly string[], marks: (NoiseKind | null)[]): void {
  const seen: { page: number; key: string; index: number }[] = [];
  lines.forEach((line, i) => {
    const key = runningKey(line, text[i]);
    if (key === null) return;
    const repeats = seen.some((s) => s.page < line.page && sameHead(s.key, key));
    if (repeats && !marks[i]) marks[i] = 'page-furniture';
    seen.push({ page: line.page, key, index: i });
  });
  for (const s of seen) {
    const later = new Set(seen.filter((o) => o.page > s.page && sameHead(o.key, s.key)).map((o) => o.page));
    if (!marks[s.index] && isLetterheadStart(lines, looks, marks, s.index, later.size)) marks[s.index] = 'page-furniture';
  }
}

/**
 * Rule: a running head's first showing (repeating near the top of `laterPages` later pages) is
 * page furniture too when it is a letterhead: the top line of a page after the document's first
 * (only noise above it on its page), not centred, not numbered (`II. TERMS` at the top of a page,
 * whose title later pages carry as their running head, is a heading), repeating on RUNNING_HEAD_REPEATS later pages at
 * least. A document's own title on page 1 is left to the title block; a centred title that repeats
 * as a running head (a vendor's terms under its company line) stays a heading.
 */
export function isLetterheadStart(lines: readonly Line[], looks: readonly LineLook[], marks: readonly (NoiseKind | null)[], i: number, laterPages: number): boolean {
  const page = lines[i].page;
  if (page === lines[0].page || looks[i].centred || looks[i].numbering || laterPages < RUNNING_HEAD_REPEATS) return false;
  for (let j = i - 1; j >= 0 && lines[j].page === page; j--) if (!marks[j]) return false;
  return true;
}

/**
 * Rule: the name heading an address (`HARRIS CORPORATION` over `P.O. BOX 9800`; a `Bill To` name
 * over its street): a short unnumbered line right above an address line (`addressBelow`), on its
 * page, within ADDRESS_NAME_GAP line heights, in the same type (bold, capitals, larger or not) and
 * aligned with it (left edges or centres within two line heights). A heading over an address in
 * other type (`NOTICES` over a body-type address) is none.
 */
export function isAddressName(lines: readonly Line[], looks: readonly LineLook[], i: number, addressBelow: boolean): boolean {
  const [line, next, look, nextLook] = [lines[i], lines[i + 1], looks[i], looks[i + 1]];
  if (!addressBelow || !next || next.page !== line.page || look.numbering || look.reachesRight || look.contentTokens > 10) return false;
  const h = Math.max(lineHeight(line), lineHeight(next));
  if (next.bbox[1] - line.bbox[3] > ADDRESS_NAME_GAP * h) return false;
  if (look.bold !== nextLook.bold || look.caps !== nextLook.caps || look.larger !== nextLook.larger) return false;
  const centre = (l: Line) => (l.bbox[0] + l.bbox[2]) / 2;
  return Math.abs(line.bbox[0] - next.bbox[0]) <= 2 * h || Math.abs(centre(line) - centre(next)) <= 2 * h;
}

/**
 * Rule: words standing on end — at least half of the line's words of three characters or more are
 * UPRIGHT_RATIO times taller than wide — are type set sideways read as upright boxes: the column
 * labels of a table turned on the page (`MT-KF MT-SRII MT-SR` over a price table), no heading.
 */
export function standsOnEnd(line: Line): boolean {
  const long = line.tokens.filter((t) => t.kind === 'word' && [...t.text].length >= 3);
  const upright = long.filter((t) => t.bbox[3] - t.bbox[1] >= UPRIGHT_RATIO * (t.bbox[2] - t.bbox[0]));
  return long.length > 0 && 2 * upright.length >= long.length;
}

/** One wide gap (1.5 font sizes) in this line and in an adjacent one: columns. */
function tableNeighbours(lines: readonly Line[], looks: readonly LineLook[], i: number): boolean {
  const gapped = (k: number): boolean => k >= 0 && k < lines.length && lines[k].page === lines[i].page && wideGaps(lines[k], looks[k].size) >= 1;
  return gapped(i) && (gapped(i - 1) || gapped(i + 1));
}

function wideGaps(line: Line, size: number): number {
  let n = 0;
  for (let k = 1; k < line.tokens.length; k++) if (line.tokens[k].bbox[0] - line.tokens[k - 1].bbox[2] > 1.5 * size) n++;
  return n;
}

/** More digits than letters, and at least two: a row of figures. */
function digitHeavy(text: string): boolean {
  const digits = (text.match(/\d/g) ?? []).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return digits > letters && digits >= 2;
}

/** The words of a line after its numbering. */
function contentText(line: Line, look: LineLook): string {
  return line.tokens
    .slice(look.numbering?.tokenCount ?? 0)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text)
    .join(' ');
}
