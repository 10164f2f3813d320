/**
 * Heading detection and levels.
 *
 * Which lines are headings (judged against the document's own body typography, see features.ts):
 *  - numbered line (`I.`, `A.`, `1.`, `1.2`, `(a)`, `Section 3`, `ARTICLE IV`, …)
 *    - bare `ARTICLE IV` / `Section 3` with nothing after it: heading;
 *    - typographically marked (bold / larger / all caps): heading when it has at most 15 tokens
 *      after the numbering, does not end with , or ; and, beyond 8 tokens, does not end a sentence
 *      and, beyond 10 tokens, does not run to the right edge (a wrapped paragraph line);
 *    - in body type: heading only as a short standalone line — at most 10 tokens, starting with a
 *      capital, not ending with . ! ? , ; : or a connective ("and", "or", "the", …), no ; : or
 *      sentence end inside, not running to the right edge of the text frame, and in Title Case
 *      (60 % of its 4+-letter words capitalised) unless at most 4 tokens long. So
 *      `1. The parties agree that …` (a numbered paragraph) and `3. The median time …; and`
 *      (a list item) are not headings; nor is one whose previous sibling (same style, previous
 *      number) was a paragraph;
 *  - unnumbered line: typographically marked, at most 12 tokens, at least 3 letters, more letters
 *    than digits, not a date, not ending with . ! ? , ; : (so "FOR THE AGENCY:" in a signature
 *    block is not one) and not the continuation of a wrapped paragraph line;
 *  - run-in heading: the line starts with bold words ending in . or : followed by regular text
 *    (`1. Purpose. The purpose of …`): the bold part (numbering included) is the title.
 * Table rows (two or more gaps wider than 1.5 font sizes between tokens) are never headings.
 * A heading line followed closely by a line of the same typography is merged with it (up to two
 * lines) when the heading is a bare `ARTICLE IV` / `Section 3` or was visibly wrapped (runs to the
 * right edge or ends with a connective such as "of", "and", ",").
 *
 * Levels: numbering styles take levels in order of first appearance (decimal depths kept
 * together: 1. < 1.1 < 1.1.1), except that a style set in a clearly larger size comes first.
 * A heading without numbering gets the first level whose headings are no louder than it
 * (strength, features.ts), or the level below the deepest; without numbered headings, levels
 * follow the distinct strengths, loudest first.
 */
import type { LineLook } from './features.js';
import { letterCount } from './features.js';
import type { Line } from './lines.js';
import { median } from './math.js';
import type { NumberingKind } from './numbering.js';

/** Where a section starts: shared by headings and the leading (level 0) section. */
export interface SectionMark {
  /** Index of the title's first line in the flow lines. */
  lineIndex: number;
  /** Tokens of that line that form the title (all of them unless a run-in heading). */
  titleTokens: number;
  /** Following lines that are part of the title (a wrapped heading, `ARTICLE IV` + `DEFINITIONS`). */
  extraLines: number;
  title: string;
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

function gapBetween(upper: Line, lower: Line): number {
  return lower.bbox[1] - upper.bbox[3];
}

function textHeight(line: Line): number {
  const words = line.tokens.filter((t) => t.kind === 'word');
  const hs = (words.length > 0 ? words : line.tokens).map((t) => t.bbox[3] - t.bbox[1]);
  return Math.max(1, median(hs));
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
  if (look.onlyRedactions || look.tabular) return 0;
  const all = line.tokens.length;
  const content = look.contentTokens;
  const words = line.tokens.filter((t) => t.kind === 'word').map((t) => t.text).join(' ');
  if (look.numbering) {
    const kind: NumberingKind = look.numbering.kind;
    if (content === 0) return kind === 'article' || kind === 'section' ? all : 0;
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
    letters > digits &&
    !DATE.test(words) &&
    !look.endsSentence &&
    !look.endsClause &&
    !look.endsColon
  ) {
    return all;
  }
  return look.startsUpper ? look.runInTokens : 0;
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
      gapBetween(prevLine, line) <= 0.8 * Math.max(textHeight(prevLine), textHeight(line));
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
  style: string | null;
  look: LineLook;
}

/** Picks roman or letter for I, V, X (and i, v, x) from the sequence so far. */
function resolveStyles(found: Found[]): void {
  const lastOrdinal = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  found.forEach((f, n) => {
    const num = f.look.numbering;
    if (!num) return;
    let style = num.style;
    let ordinal = num.ordinal;
    const alt = num.alternative;
    if (alt) {
      const romanOk = ordinal === 1 || lastOrdinal.get(style) === ordinal - 1;
      const letterOk = lastOrdinal.get(alt.style) === alt.ordinal - 1;
      if (letterOk && (!romanOk || (lastSeen.get(alt.style) ?? -1) > (lastSeen.get(style) ?? -1))) {
        style = alt.style;
        ordinal = alt.ordinal;
      }
    }
    f.style = style;
    lastOrdinal.set(style, ordinal);
    lastSeen.set(style, n);
  });
}

function assignLevels(found: Found[], ocr: boolean): number[] {
  const first = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  const strengths = new Map<string, number[]>();
  found.forEach((f, n) => {
    if (!f.style) return;
    if (!first.has(f.style)) first.set(f.style, n);
    buckets.set(f.style, [...(buckets.get(f.style) ?? []), f.look.sizeBucket]);
    strengths.set(f.style, [...(strengths.get(f.style) ?? []), f.look.strength]);
  });
  const decimalFirst = Math.min(...[...first].filter(([s]) => s.startsWith('decimal.')).map(([, n]) => n));
  const sortKey = (style: string): [number, number, number] => {
    const bucket = ocr ? 0 : Math.floor(median(buckets.get(style) ?? [0]));
    const decimal = /^decimal\.(\d+)$/.exec(style);
    return decimal ? [-bucket, decimalFirst, Number(decimal[1])] : [-bucket, first.get(style) ?? 0, 0];
  };
  const order = [...first.keys()].sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
  const levelOf = new Map(order.map((s, i) => [s, i + 1]));
  const levelStrength = order.map((s) => median(strengths.get(s) ?? [0]));

  const plainStrengths = [...new Set(found.filter((f) => !f.style).map((f) => f.look.strength))].sort((a, b) => b - a);
  return found.map((f) => {
    if (f.style) return levelOf.get(f.style) ?? 1;
    if (order.length === 0) return plainStrengths.indexOf(f.look.strength) + 1;
    const at = levelStrength.findIndex((s) => s <= f.look.strength);
    return at >= 0 ? at + 1 : order.length + 1;
  });
}

function titleOf(lines: readonly Line[], f: Found): string {
  const parts = [lines[f.lineIndex].tokens.slice(0, f.titleTokens).map((t) => t.text).join(' ')];
  for (let k = 1; k <= f.extraLines; k++) parts.push(lines[f.lineIndex + k].text);
  return parts.join(' ');
}

/**
 * Finds the headings among the flow lines (furniture already removed), looking at lines from
 * index `from` on (lines before it belong to the title block). Headings come back in order.
 */
export function detectHeadings(
  lines: readonly Line[],
  looks: readonly LineLook[],
  from = 0,
  ocr = false,
): Heading[] {
  const found: Found[] = [];
  let prevIsHeading = from > 0;
  // Last numbered line per style: a plain-type item after a sibling that was a paragraph is one too.
  const lastNumbered = new Map<string, { ordinal: number; heading: boolean }>();
  for (let i = from; i < lines.length; i++) {
    let titleTokens = headingTitleTokens(lines[i], looks[i], lines[i - 1], looks[i - 1], prevIsHeading);
    const num = looks[i].numbering;
    if (num) {
      const sibling = lastNumbered.get(num.style);
      const plain = !looks[i].typographic && titleTokens === lines[i].tokens.length;
      if (plain && sibling && !sibling.heading && sibling.ordinal === num.ordinal - 1) titleTokens = 0;
      lastNumbered.set(num.style, { ordinal: num.ordinal, heading: titleTokens > 0 });
    }
    if (titleTokens === 0) {
      prevIsHeading = false;
      continue;
    }
    const wholeLine = titleTokens === lines[i].tokens.length;
    const extraLines = wholeLine ? titleContinuation(lines, looks, i) : 0;
    found.push({ lineIndex: i, titleTokens, extraLines, style: null, look: looks[i] });
    i += extraLines;
    prevIsHeading = wholeLine;
  }
  resolveStyles(found);
  const levels = assignLevels(found, ocr);
  return found.map((f, n) => ({
    lineIndex: f.lineIndex,
    titleTokens: f.titleTokens,
    extraLines: f.extraLines,
    title: titleOf(lines, f),
    level: levels[n],
    style: f.style,
  }));
}
