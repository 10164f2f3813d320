/**
 * Heading detection and levels.
 *
 * Which lines are headings (judged against the document's own body typography, see features.ts):
 *  - numbered line (`I.`, `A.`, `1.`, `1.2`, `(a)`, `Section 3`, `ARTICLE IV`, …)
 *    - bare `ARTICLE IV` / `Section 3` / `APPENDIX A` with nothing after it: heading when set apart
 *      (typography or centred) and not the end of a wrapped paragraph line;
 *    - typographically marked (bold / larger / all caps): heading when it has at most 15 tokens
 *      after the numbering, does not end with , or ; and, beyond 8 tokens, does not end a sentence
 *      and, beyond 10 tokens, does not run to the right edge (a wrapped paragraph line);
 *    - in body type: heading only as a short standalone line — at most 10 tokens, starting with a
 *      capital, not ending with . ! ? , ; : or a connective ("and", "or", "the", …), no ; : or
 *      sentence end inside, not running to the right edge of the text frame, and in Title Case
 *      (60 % of its 4+-letter words capitalised) unless at most 4 tokens long. So
 *      `1. The parties agree that …` (a numbered paragraph) and `3. The median time …; and`
 *      (a list item) are not headings; nor is one whose previous sibling (same style, previous
 *      number) was a paragraph; after a sibling that is a heading, a longer one (up to
 *      LIST_TITLE_MAX tokens, in Title Case, even to the right edge) is one too (isLongListTitle: a
 *      list of cases);
 *  - unnumbered line: typographically marked, at most 12 tokens, a word of 4 letters, more letters
 *    than digits, not a date, not ending with . ! ? , ; : (so "FOR THE AGENCY:" in a signature
 *    block is not one), not the continuation of a wrapped paragraph line, and not cut by a box
 *    running down over the lines below it (underTallBox: a table or paragraph redacted whole);
 *  - run-in heading: the line starts with bold words ending in . or : followed by regular text
 *    (`1. Purpose. The purpose of …`): the bold part (numbering included) is the title.
 * Table rows (two or more gaps wider than 1.5 font sizes between tokens), fine print (under
 * SMALL_PRINT of the body size, features.ts) and a title that breaks off on a connective (`of`,
 * `and`, `,`) without a next line to continue it are never headings.
 * A heading line followed closely by a line of the same typography is merged with it (up to two
 * lines) when the heading is a bare `ARTICLE IV` / `Section 3` / `APPENDIX A` (its title line up to
 * BARE_TITLE_GAP text heights below) or was visibly wrapped (runs to the right edge or ends with a
 * connective such as "of", "and", ",").
 *
 * Lines marked as noise (noise.ts: debris, letterheads, signature blocks, e-mail header fields,
 * table rows, form fields, dates, docket stamps, page furniture) are never headings.
 *
 * Numbering readings and levels come from the outline (outline.ts): the sequence picks each
 * heading's reading (repairing OCR confusions), the legal outline ladder gives the levels. A
 * heading whose numbering was repaired prints the repaired numbering in `title` and keeps what
 * was read in `titleAsRead`.
 */
import type { LineLook } from './features.js';
import { leadingWords, letterCount } from './features.js';
import type { Line } from './lines.js';
import { median } from './math.js';
import type { NoiseKind } from './noise.js';
import type { NumberingKind, NumberingReading } from './numbering.js';
import { chooseReadings, outlineLevels } from './outline.js';

/** Where a section starts: shared by headings and the leading (level 0) section. */
export interface SectionMark {
  /** Index of the section's first line in the flow lines (its title's, unless titleStart says otherwise). */
  lineIndex: number;
  /** Index of the title's first line when it is not the section's first (a title below a filing stamp). */
  titleStart?: number;
  /** Tokens of that line that form the title (all of them unless a run-in heading). */
  titleTokens: number;
  /** Following lines that are part of the title (a wrapped heading, `ARTICLE IV` + `DEFINITIONS`). */
  extraLines: number;
  title: string;
  /** The title as read, when the numbering was repaired (numbering.ts). */
  titleAsRead?: string;
  level: number;
}

export interface Heading extends SectionMark {
  /** Numbering style key (numbering.ts), or null for a heading by typography alone. */
  style: string | null;
}

const DATE =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}$/i;
/** A line ending with one of these words goes on (a list item, a clause), it is no title. */
const TRAILING_CONNECTIVE = /\s(?:and|or|but|nor|the|a|an|of|to|that|which|with)$/i;
const CONNECTIVE = /(?:^|\s)(?:and|or|of|the|for|to|between|among|in|on|with|by|&|-|\u2013|\u2014)$|,$/i;

/** Numbering kinds that are a heading on their own (`ARTICLE IV`, `APPENDIX A`), their title on the next line. */
const BARE_HEADINGS: readonly NumberingKind[] = ['part', 'article', 'section', 'appendix'];
/** A bare heading's title line may stand this many text heights below it (`APPENDIX A` / `POINTS OF CONTACT`). */
export const BARE_TITLE_GAP = 2.5;

/**
 * A heading set apart by its type (larger, bold, capitals) stands in at most this many lines of
 * that look in a row (a title and its continuation, or two stacked headings). A longer block of
 * lines in one such look is text set larger than the body (a condensed transcript's last page,
 * whose "Q." and "I represent…" even read as numbering), not headings.
 */
export const TYPOGRAPHIC_BLOCK_MAX = 4;

/** A redaction this many text heights tall covers the lines below its line too (underTallBox). */
export const TALL_BOX_LINES = 3;

function gapBetween(upper: Line, lower: Line): number {
  return lower.bbox[1] - upper.bbox[3];
}

function textHeight(line: Line): number {
  const words = line.tokens.filter((t) => t.kind === 'word');
  const hs = (words.length > 0 ? words : line.tokens).map((t) => t.bbox[3] - t.bbox[1]);
  return Math.max(1, median(hs));
}

/**
 * Rule: the line holds a redaction at least TALL_BOX_LINES of its text heights tall — a box over a
 * block (a table, a paragraph) that starts on this line, so the line's words are the block's first
 * row or cell (corpus 34's `Books, Subscriptions a [REDACTED]` over a redacted table), no title.
 * Asked only of unnumbered lines: `4. [REDACTED]` over a whole redacted section is still one.
 */
export function underTallBox(line: Line): boolean {
  const h = textHeight(line);
  return line.tokens.some((t) => t.kind === 'redaction' && t.bbox[3] - t.bbox[1] >= TALL_BOX_LINES * h);
}

/** True when `line` reads as the next line of the wrapped paragraph line `prev`. */
export function continuesParagraph(prev: Line | undefined, prevLook: LineLook | undefined, line: Line): boolean {
  if (!prev || !prevLook) return false;
  if (prev.page !== line.page || prev.region !== line.region) return false;
  if (!prevLook.reachesRight || prevLook.endsSentence || prevLook.endsColon) return false;
  return gapBetween(prev, line) <= textHeight(line);
}

/**
 * How many leading tokens of the line form a heading title; 0 when the line is not a heading.
 * `prev`/`prevLook` describe the line before it, `prevIsHeading` whether that line was a heading.
 */
export function headingTitleTokens(
  line: Line,
  look: LineLook,
  prev?: Line,
  prevLook?: LineLook,
  prevIsHeading = false,
): number {
  if (look.onlyRedactions || look.tabular || look.smaller) return 0;
  const all = line.tokens.length;
  const content = look.contentTokens;
  const words = line.tokens.filter((t) => t.kind === 'word').map((t) => t.text).join(' ');
  if (look.numbering) {
    const kind: NumberingKind = look.numbering.kind;
    if (content === 0) {
      const standsOut = look.typographic || look.centred;
      return BARE_HEADINGS.includes(kind) && standsOut && !continuesParagraph(prev, prevLook, line) ? all : 0;
    }
    if (look.typographic) {
      const wrappedParagraph = look.reachesRight && content > 10;
      if (content <= 15 && !look.endsClause && !(look.endsSentence && content > 8) && !wrappedParagraph) return all;
    } else if (look.runInTokens > 0) {
      return look.runInTokens;
    } else if (
      content <= 10 &&
      look.startsUpper &&
      !look.endsSentence &&
      !look.endsClause &&
      !look.endsColon &&
      !look.reachesRight &&
      !look.innerPunctuation &&
      !TRAILING_CONNECTIVE.test(line.text) &&
      (content <= 4 || look.titleCaseShare >= 0.6)
    ) {
      return all;
    }
    return look.runInTokens;
  }
  if (!prevIsHeading && continuesParagraph(prev, prevLook, line)) return 0;
  const letters = letterCount(words);
  const digits = (words.match(/\d/g) ?? []).length;
  if (
    look.typographic &&
    content <= 12 &&
    letters >= 3 &&
    /\p{L}{4}/u.test(words) &&
    letters > digits &&
    !DATE.test(words) &&
    !look.endsSentence &&
    !look.endsClause &&
    !look.endsColon &&
    !underTallBox(line)
  ) {
    return all;
  }
  return look.startsUpper ? look.runInTokens : 0;
}

/** A numbered item in body type after a sibling that is a heading may run to this many tokens (`4. United States v. Internet Research Agency, et al. (Russian …)`). */
export const LIST_TITLE_MAX = 15;

/**
 * Rule: a numbered line in body type whose previous sibling is a heading is one too when it reads as
 * a longer title: at most LIST_TITLE_MAX tokens after its number, in Title Case (60 % of its 4+-letter
 * words capitalised), starting with a capital, with no sentence or clause end in it or at its end,
 * nor a trailing connective. It may reach the right edge (the list's titles are as long as they are).
 */
export function isLongListTitle(line: Line, look: LineLook): boolean {
  if (!look.numbering || look.typographic || look.onlyRedactions || look.tabular || look.smaller) return false;
  return (
    look.contentTokens > 0 &&
    look.contentTokens <= LIST_TITLE_MAX &&
    look.startsUpper &&
    look.titleCaseShare >= 0.6 &&
    !look.endsSentence &&
    !look.endsClause &&
    !look.endsColon &&
    !look.innerPunctuation &&
    !TRAILING_CONNECTIVE.test(line.text)
  );
}

function sameTypography(a: LineLook, b: LineLook): boolean {
  return a.bold === b.bold && a.caps === b.caps && a.sizeBucket === b.sizeBucket && a.larger === b.larger;
}

/** Number of lines after `index` that continue the heading's title. */
function titleContinuation(lines: readonly Line[], looks: readonly LineLook[], index: number): number {
  const head = looks[index];
  let extra = 0;
  let prev = index;
  while (extra < 2 && prev + 1 < lines.length) {
    const j = prev + 1;
    const look = looks[j];
    const line = lines[j];
    const prevLine = lines[prev];
    const prevLook = looks[prev];
    const bare = prev === index && head.contentTokens === 0;
    const wrapped = prevLook.reachesRight || CONNECTIVE.test(prevLine.text) || (prevLook.centred && look.centred);
    const fits =
      line.page === prevLine.page &&
      !look.numbering &&
      !look.onlyRedactions &&
      look.typographic &&
      sameTypography(head, look) &&
      look.contentTokens <= 12 &&
      !look.endsClause &&
      gapBetween(prevLine, line) <= (bare ? BARE_TITLE_GAP : 0.8) * Math.max(textHeight(prevLine), textHeight(line));
    if (!fits || !(bare || wrapped)) break;
    extra++;
    prev = j;
  }
  return extra;
}

interface Found {
  lineIndex: number;
  titleTokens: number;
  extraLines: number;
  look: LineLook;
  reading: NumberingReading | null;
}

/** The heading's numbering as it should print, and as read when that differs. */
function titleOf(lines: readonly Line[], f: Found): { title: string; titleAsRead?: string } {
  const tokens = lines[f.lineIndex].tokens.slice(0, f.titleTokens);
  const parts = [tokens.map((t) => t.text).join(' ')];
  for (let k = 1; k <= f.extraLines; k++) parts.push(lines[f.lineIndex + k].text);
  const asRead = parts.join(' ');
  const num = f.look.numbering;
  const first = tokens[0]?.text ?? '';
  // repaired numbering, or an OCR speck before it: print the numbering as it should read
  if (f.reading && num && (f.reading.repair > 0 || leadingWords(lines[f.lineIndex])[0] !== first)) {
    const rest = [tokens.slice(num.tokenCount).map((t) => t.text).join(' '), ...parts.slice(1)].filter(Boolean).join(' ');
    const title = rest ? `${f.reading.label} ${rest}` : f.reading.label;
    if (title !== asRead) return { title, titleAsRead: asRead };
  }
  return { title: asRead };
}

export interface HeadingOptions {
  /** Lines before this index belong to the title block. */
  from?: number;
  /** Sizes and typography come from OCR (sizes are estimates). */
  ocr?: boolean;
  /** Lines that can never be headings (noise.ts), by line index. */
  noise?: readonly (NoiseKind | null)[];
}

/** Candidate headings, before the outline's sequence is read. */
function findCandidates(lines: readonly Line[], looks: readonly LineLook[], options: HeadingOptions): Found[] {
  const found: Found[] = [];
  const from = options.from ?? 0;
  let prevIsHeading = from > 0;
  // Last numbered line per style: a plain-type item after a sibling that was a paragraph is one too.
  const lastNumbered = new Map<string, { ordinal: number; heading: boolean }>();
  for (let i = from; i < lines.length; i++) {
    if (options.noise?.[i]) {
      prevIsHeading = false;
      continue;
    }
    let titleTokens = headingTitleTokens(lines[i], looks[i], lines[i - 1], looks[i - 1], prevIsHeading);
    const num = looks[i].numbering;
    if (num) {
      const sibling = lastNumbered.get(num.style);
      const next = sibling !== undefined && sibling.ordinal === num.ordinal - 1;
      const plain = !looks[i].typographic && titleTokens === lines[i].tokens.length;
      if (plain && next && !sibling.heading) titleTokens = 0;
      else if (titleTokens === 0 && next && sibling.heading && isLongListTitle(lines[i], looks[i])) titleTokens = lines[i].tokens.length;
      lastNumbered.set(num.style, { ordinal: num.ordinal, heading: titleTokens > 0 });
    }
    if (titleTokens === 0) {
      prevIsHeading = false;
      continue;
    }
    const wholeLine = titleTokens === lines[i].tokens.length;
    const extraLines = wholeLine ? titleContinuation(lines, looks, i) : 0;
    // a title that breaks off on a connective ("… Outside of Department of") without its next line is none
    if (wholeLine && extraLines === 0 && looks[i].contentTokens > 0 && CONNECTIVE.test(lines[i].text)) {
      prevIsHeading = false;
      continue;
    }
    found.push({ lineIndex: i, titleTokens, extraLines, look: looks[i], reading: null });
    i += extraLines;
    prevIsHeading = wholeLine;
  }
  return found;
}

/**
 * Drop the headings by type that stand in a block of more than TYPOGRAPHIC_BLOCK_MAX lines of their
 * look, on one page, but for a numbered one whose sequence goes on (its number ± 1 is a heading too).
 */
function withoutTextBlocks(lines: readonly Line[], looks: readonly LineLook[], found: Found[]): Found[] {
  const alike = (i: number, j: number) => j >= 0 && j < lines.length && lines[j].page === lines[i].page && looks[j].typographic && sameTypography(looks[i], looks[j]);
  const inBlock = (i: number) => {
    let n = 1;
    for (let j = i - 1; alike(i, j) && n <= TYPOGRAPHIC_BLOCK_MAX; j--) n++;
    for (let j = i + 1; alike(i, j) && n <= TYPOGRAPHIC_BLOCK_MAX; j++) n++;
    return n > TYPOGRAPHIC_BLOCK_MAX;
  };
  // a numbered heading next in its sequence to another one stands (a contract's caps items `e.`, `f.`)
  const inSequence = (f: Found) => f.reading !== null && found.some((g) => g !== f && g.reading?.style === f.reading!.style && Math.abs(g.reading.ordinal - f.reading!.ordinal) === 1);
  const kept = found.filter((f) => !f.look.typographic || inSequence(f) || !inBlock(f.lineIndex));
  return kept.length === found.length ? found : kept;
}

/**
 * Reads the outline's sequence (outline.ts): each numbered heading gets its reading; a heading
 * whose only readings are repairs the sequence rejects is judged again without numbering.
 */
function readSequence(lines: readonly Line[], found: Found[]): Found[] {
  const chosen = chooseReadings(found.map((f) => f.look.numbering?.readings ?? null));
  const out: Found[] = [];
  found.forEach((f, n) => {
    if (chosen[n] || !f.look.numbering) {
      out.push({ ...f, reading: chosen[n] });
      return;
    }
    const strict = f.look.strict;
    const titleTokens = strict ? headingTitleTokens(lines[f.lineIndex], strict, lines[f.lineIndex - 1], undefined, true) : 0;
    if (strict && titleTokens > 0) out.push({ ...f, look: strict, titleTokens: f.extraLines > 0 ? lines[f.lineIndex].tokens.length : titleTokens });
  });
  return out;
}

/**
 * Finds the headings among the flow lines (furniture already removed), looking at lines from
 * index `from` on (lines before it belong to the title block). Headings come back in order.
 */
export function detectHeadings(lines: readonly Line[], looks: readonly LineLook[], options: HeadingOptions = {}): Heading[] {
  const found = withoutTextBlocks(lines, looks, readSequence(lines, findCandidates(lines, looks, options)));
  const levels = outlineLevels(
    found.map((f) => ({ style: f.reading?.style ?? null, ordinal: f.reading?.ordinal, size: f.look.size, strength: f.look.strength })),
    options.ocr ?? false,
  );
  return found.map((f, n) => ({
    lineIndex: f.lineIndex,
    titleTokens: f.titleTokens,
    extraLines: f.extraLines,
    ...titleOf(lines, f),
    level: levels[n],
    style: f.reading?.style ?? null,
  }));
}
