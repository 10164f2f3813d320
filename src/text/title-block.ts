/**
 * The title block: centred lines at the very top of the document (after furniture), before any
 * numbered line, e.g.
 *
 *     MEMORANDUM OF UNDERSTANDING
 *               BETWEEN
 *     THE FEDERAL BUREAU OF INVESTIGATION AND …
 *
 * It becomes the title of a leading level-0 section, so text before the first heading is kept.
 */
import type { LineLook } from './features.js';
import type { Line } from './lines.js';

const MAX_LINES = 8;
const MAX_TOKENS = 15;

/** Number of leading flow lines that form the title block (0 when the document has none). */
export function titleBlockLength(lines: readonly Line[], looks: readonly LineLook[]): number {
  let n = 0;
  while (n < lines.length && n < MAX_LINES) {
    const line = lines[n];
    const look = looks[n];
    if (line.page !== lines[0].page) break;
    if (look.numbering || !look.centred || line.tokens.length > MAX_TOKENS) break;
    n++;
  }
  return n;
}

/** The leading section's title: the title-block lines joined by spaces. */
export function titleBlockTitle(lines: readonly Line[], length: number): string {
  return lines
    .slice(0, length)
    .map((l) => l.text)
    .join(' ');
}
