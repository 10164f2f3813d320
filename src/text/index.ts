/**
 * The text-and-sections stage: page layouts (visible words + redactions) -> page text in reading
 * order with redaction placeholders, header/footer lines, and the document's section tree with
 * readability statistics. Pure functions over plain data.
 *
 *   lines.ts        words + redactions -> lines in reading order (columns.ts for two columns)
 *   furniture.ts    header/footer stamps, running heads, page numbers
 *   stats.ts        the document's body typography and typical word size
 *   features.ts     what one line looks like (numbering.ts for its outline numbering)
 *   noise.ts        lines that are never headings (debris, letterheads, signatures, fields, …)
 *   title-block.ts  the document's title (the centred block on top of page 1)
 *   headings.ts     heading detection (outline.ts: numbering repair by sequence, levels by ladder)
 *   messages.ts     e-mail messages as sections
 *   estimates.ts    what each redaction could hide
 *   sections.ts     sections, their tree and their statistics
 */
import type { PageLayout, RedactionEstimate, Section, UnreadReason } from '../model.js';
import { redactionEstimates } from './estimates.js';
import { findFurniture, stripLineNumbers } from './furniture.js';
import { describeLine } from './features.js';
import { detectHeadings, type SectionMark } from './headings.js';
import { buildPageLines, type Line } from './lines.js';
import { findMessages } from './messages.js';
import { classifyNoise } from './noise.js';
import { buildSections } from './sections.js';
import { measureTypography, wordTokens } from './stats.js';
import { findTitleBlock, leadingTitleLine, subjectLine, titleBlockTitle } from './title-block.js';

export interface PageText {
  page: number;
  /** All lines of the page as a reader sees them (furniture included), joined by newlines. */
  text: string;
  headerLines: string[];
  footerLines: string[];
}

export interface TextResult {
  pages: PageText[];
  sections: Section[];
  /** What each redaction could hide, by redaction id. */
  estimates: Map<string, RedactionEstimate>;
}

export { buildPageLines, redactionPlaceholder, type Line } from './lines.js';

/** True when the line has a redaction or a word with a letter or digit. */
function carriesText(line: Line): boolean {
  return line.tokens.some((t) => t.kind === 'redaction' || /[\p{L}\p{N}]/u.test(t.text));
}

/**
 * Where sections start: the headings (or, from the first e-mail message on, the messages), and
 * a leading level-0 section when text precedes them, titled by the subject line of a letter, else
 * the title block, else another title line (title-block.ts); the lines above a letter's subject
 * line are never headings. When only noise precedes the first heading (a filing stamp), it opens
 * that heading's section instead.
 */
function sectionMarks(flow: readonly Line[]): SectionMark[] {
  if (flow.length === 0) return [];
  const typo = measureTypography(flow);
  const looks = flow.map((line) => describeLine(line, typo));
  const noise = classifyNoise(flow, looks);
  const block = findTitleBlock(flow, looks, noise);
  // a letter: what stands above its subject line (letterhead, date, addresses) is no heading
  const letterSubject = subjectLine(flow, flow.length);
  const from = Math.max(block.start + block.length, letterSubject + 1);
  let marks: SectionMark[] = detectHeadings(flow, looks, { from, ocr: typo.ocr, noise });
  const messages = findMessages(flow, noise);
  if (messages.length > 0) {
    const first = messages[0].start;
    marks = [
      ...marks.filter((h) => h.lineIndex < first),
      ...messages.map((m) => ({ lineIndex: m.start, titleTokens: flow[m.start].tokens.length, extraLines: m.length - 1, title: m.title, level: 1 })),
    ];
  }
  const firstMark = marks.length > 0 ? marks[0].lineIndex : flow.length;
  if (firstMark === 0) return marks;
  // only noise before the first heading (a filing stamp, debris): it opens that heading's section
  if (marks.length > 0 && noise.slice(0, firstMark).every(Boolean)) {
    return [{ ...marks[0], lineIndex: 0, titleStart: marks[0].lineIndex }, ...marks.slice(1)];
  }
  const subject = letterSubject < firstMark ? letterSubject : -1;
  if (subject >= 0) {
    return [{ lineIndex: 0, titleStart: subject, titleTokens: flow[subject].tokens.length, extraLines: 0, title: flow[subject].text, level: 0 }, ...marks];
  }
  if (block.length > 0) {
    const title = titleBlockTitle(flow, block.length, block.start);
    return [{ lineIndex: 0, titleStart: block.start, titleTokens: flow[block.start].tokens.length, extraLines: block.length - 1, title, level: 0 }, ...marks];
  }
  const at = leadingTitleLine(flow, looks, noise, firstMark);
  return [{ lineIndex: 0, titleStart: at, titleTokens: flow[at].tokens.length, extraLines: 0, title: flow[at].text, level: 0 }, ...marks];
}

/** "Pages 1–14 not read": the one section of a document none of whose text could be read. */
function unreadSection(unread: ReadonlyMap<number, UnreadReason>): Section {
  const pages = [...unread.keys()].sort((a, b) => a - b);
  const first = pages[0];
  const last = pages[pages.length - 1];
  return {
    id: 's1',
    title: first === last ? `Page ${first} not read` : `Pages ${first}–${last} not read`,
    level: 0,
    parentId: null,
    pageStart: first,
    pageEnd: last,
    status: 'unread',
    readableRatio: 1,
    visibleWords: 0,
    hiddenWordsEstimate: 0,
    redactionIds: [],
    own: { visibleWords: 0, hiddenWordsEstimate: 0, readableRatio: 1 },
  };
}

/**
 * @param built lines of some layouts, built already (buildPageLines): the analysis builds a page's
 * lines as soon as its layout is known, while pdf.js parses the next page
 */
export function assembleText(layouts: readonly PageLayout[], built: ReadonlyMap<PageLayout, Line[]> = new Map()): TextResult {
  const ordered = [...layouts].sort((a, b) => a.page - b.page);
  const pageLines = ordered.map((layout) => built.get(layout) ?? buildPageLines(layout));
  const furniture = findFurniture(pageLines);

  const pages = ordered.map((layout, p): PageText => {
    const lines = pageLines[p];
    return {
      page: layout.page,
      text: lines.map((l) => l.text).join('\n'),
      headerLines: lines.filter((_, i) => furniture[p][i] === 'header').map((l) => l.text),
      footerLines: lines.filter((_, i) => furniture[p][i] === 'footer').map((l) => l.text),
    };
  });

  // Section flow: no furniture, and no lines that are only specks or rules ("+", "___", "* * *").
  // (and no pleading line numbers)
  const flow = pageLines.flatMap((lines, p) => stripLineNumbers(lines.filter((line, i) => furniture[p][i] === null && carriesText(line))));
  const unread = new Map(ordered.flatMap((l) => (l.unread ? [[l.page, l.unread] as const] : [])));
  const estimates = redactionEstimates(
    pageLines,
    flow.map((l) => wordTokens(l).map((t) => t.word)),
  );
  const sections = buildSections(flow, sectionMarks(flow), { estimates, unread });
  if (sections.length === 0 && unread.size > 0) sections.push(unreadSection(unread));
  return { pages, sections, estimates };
}
