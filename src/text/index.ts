/**
 * The text-and-sections stage: page layouts (visible words + redactions) -> page text in reading
 * order with redaction placeholders, header/footer lines, and the document's sections with
 * readability statistics. Pure functions over plain data.
 *
 *   lines.ts        words + redactions -> lines in reading order (columns.ts for two columns)
 *   furniture.ts    header/footer stamps, running heads, page numbers
 *   stats.ts        the document's body typography and typical word size
 *   features.ts     what one line looks like (numbering.ts for its outline numbering)
 *   title-block.ts  the centred title block on top of page 1
 *   headings.ts     heading detection and levels
 *   sections.ts     sections and their statistics
 */
import type { PageLayout, RedactionEstimate, Section } from '../model.js';
import { findFurniture } from './furniture.js';
import { describeLine } from './features.js';
import { detectHeadings, type SectionMark } from './headings.js';
import { buildPageLines, type Line } from './lines.js';
import { buildSections, meanGlyphAdvance, redactionEstimates } from './sections.js';
import { measureTypography } from './stats.js';
import { titleBlockLength, titleBlockTitle } from './title-block.js';

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

export { redactionPlaceholder } from './lines.js';

/** True when the line has a redaction or a word with a letter or digit. */
function carriesText(line: Line): boolean {
  return line.tokens.some((t) => t.kind === 'redaction' || /[\p{L}\p{N}]/u.test(t.text));
}

/** Where sections start: the title block or first line (level 0) when text precedes the first heading, then the headings. */
function sectionMarks(flow: readonly Line[]): SectionMark[] {
  if (flow.length === 0) return [];
  const typo = measureTypography(flow);
  const looks = flow.map((line) => describeLine(line, typo));
  const block = titleBlockLength(flow, looks);
  const headings = detectHeadings(flow, looks, block, typo.ocr);
  const marks: SectionMark[] = [];
  if (block > 0) {
    marks.push({
      lineIndex: 0,
      titleTokens: flow[0].tokens.length,
      extraLines: block - 1,
      title: titleBlockTitle(flow, block),
      level: 0,
    });
  } else if (headings.length === 0 || headings[0].lineIndex > 0) {
    marks.push({ lineIndex: 0, titleTokens: flow[0].tokens.length, extraLines: 0, title: flow[0].text, level: 0 });
  }
  for (const h of headings) {
    marks.push({ lineIndex: h.lineIndex, titleTokens: h.titleTokens, extraLines: h.extraLines, title: h.title, level: h.level });
  }
  return marks;
}

export function assembleText(layouts: readonly PageLayout[]): TextResult {
  const ordered = [...layouts].sort((a, b) => a.page - b.page);
  const pageLines = ordered.map(buildPageLines);
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
  const flow = pageLines.flatMap((lines, p) => lines.filter((line, i) => furniture[p][i] === null && carriesText(line)));
  const { sections, typicalWordArea } = buildSections(flow, sectionMarks(flow));
  const words = flow.flatMap((l) => l.tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
  const estimates = redactionEstimates(
    ordered.flatMap((l) => l.redactions),
    typicalWordArea,
    meanGlyphAdvance(words),
  );
  return { pages, sections, estimates };
}
