/**
 * The document's title, which becomes the title of a leading level-0 section (so text before the
 * first heading is kept).
 *
 * The title block: centred lines at the top of the first page, before any numbered line, e.g.
 *
 *     MEMORANDUM OF UNDERSTANDING
 *               BETWEEN
 *     THE FEDERAL BUREAU OF INVESTIGATION AND …
 *
 * Leading noise lines (noise.ts: a filing stamp, a date, a letterhead, debris) are skipped first:
 * the document title is the title, not the stamp above it. A letter's subject line (`Re:`,
 * `Subject:` on the first page, before any heading) titles it rather than its letterhead; without
 * either, the leading section is titled by its first line set apart by typography on the first
 * page, else its first line that is not noise, else its first line.
 */
import type { LineLook } from './features.js';
import type { Line } from './lines.js';
import type { NoiseKind } from './noise.js';

const MAX_LINES = 8;
const MAX_TOKENS = 15;

export interface TitleBlock {
  /** Index of the block's first line. */
  start: number;
  /** Number of lines (0 when the document has no title block). */
  length: number;
}

/** The title block: where it starts (after leading noise) and how many lines it has. */
export function findTitleBlock(lines: readonly Line[], looks: readonly LineLook[], noise: readonly (NoiseKind | null)[] = []): TitleBlock {
  let start = 0;
  while (start < lines.length && noise[start] && lines[start].page === lines[0].page) start++;
  let n = 0;
  while (start + n < lines.length && n < MAX_LINES) {
    const i = start + n;
    const line = lines[i];
    const look = looks[i];
    if (line.page !== lines[0].page || noise[i]) break;
    if (look.numbering || !look.centred || line.tokens.length > MAX_TOKENS) break;
    n++;
  }
  return n > 0 ? { start, length: n } : { start: 0, length: 0 };
}

/** Number of leading flow lines that form the title block (0 when the document has none). */
export function titleBlockLength(lines: readonly Line[], looks: readonly LineLook[]): number {
  const block = findTitleBlock(lines, looks);
  return block.start === 0 ? block.length : 0;
}

/** The block's title: its lines joined by spaces. */
export function titleBlockTitle(lines: readonly Line[], length: number, start = 0): string {
  return lines
    .slice(start, start + length)
    .map((l) => l.text)
    .join(' ');
}

const SUBJECT = /^\s*(?:re|subject)\s*:/i;

/** The first subject line (`Re: …`, `Subject: …`) of the first page among lines [0, end), or -1. */
export function subjectLine(lines: readonly Line[], end: number): number {
  for (let i = 0; i < Math.min(end, lines.length) && lines[i].page === lines[0].page; i++) {
    if (SUBJECT.test(lines[i].text) && /\p{L}{3}/u.test(lines[i].text.replace(SUBJECT, ''))) return i;
  }
  return -1;
}

/** Index of the line that titles a leading section made of lines [0, end) without a title block or subject. */
export function leadingTitleLine(lines: readonly Line[], looks: readonly LineLook[], noise: readonly (NoiseKind | null)[], end: number): number {
  const firstPage = (i: number) => lines[i].page === lines[0].page;
  const range = [...Array(Math.min(end, lines.length)).keys()];
  return (
    range.find((i) => firstPage(i) && !noise[i] && looks[i].typographic) ??
    range.find((i) => !noise[i]) ??
    0
  );
}
