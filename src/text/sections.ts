/**
 * Sections and their statistics.
 *
 * A section runs from its title (a heading, or the leading level-0 title) to the next title of any
 * level, across page breaks. Its body is every token in between; the title's own tokens are not
 * body. Redactions count for the section whose title or body holds the line they were placed on
 * (a multi-line box sits on its first line). Furniture never reaches this stage.
 *
 *  - visibleWords = body words;
 *  - hiddenWordsEstimate = round(total area of the section's redactions / typical word area),
 *    at least 1 when the section holds any redaction; the typical word area is measured once per
 *    document over all body words (stats.ts: median of (width + space) x line height);
 *  - readableRatio = visible / (visible + hidden), 1 when both are 0, 3 decimals;
 *  - status: readable without redactions, redacted when readableRatio <= 0.1, else partial.
 */
import type { BBox, Redaction, RedactionEstimate, Section, SectionStatus, Word } from '../model.js';
import type { SectionMark } from './headings.js';
import type { Line, Token } from './lines.js';
import { roundTo } from './math.js';
import { typicalWordArea, wordTokens } from './stats.js';

interface SectionParts {
  mark: SectionMark;
  /** Lines (or parts of lines) of the title. */
  title: { line: Line; tokens: Token[] }[];
  /** Lines (or parts of lines) of the body. */
  body: { line: Line; tokens: Token[] }[];
}

/** Splits the flow lines at the marks (which must be in line order). */
export function splitAtMarks(lines: readonly Line[], marks: readonly SectionMark[]): SectionParts[] {
  return marks.map((mark, n) => {
    const end = n + 1 < marks.length ? marks[n + 1].lineIndex : lines.length;
    const head = lines[mark.lineIndex];
    const title = [{ line: head, tokens: head.tokens.slice(0, mark.titleTokens) }];
    const body: SectionParts['body'] = [];
    if (mark.titleTokens < head.tokens.length) body.push({ line: head, tokens: head.tokens.slice(mark.titleTokens) });
    for (let i = mark.lineIndex + 1; i < end; i++) {
      if (i <= mark.lineIndex + mark.extraLines) title.push({ line: lines[i], tokens: lines[i].tokens });
      else body.push({ line: lines[i], tokens: lines[i].tokens });
    }
    return { mark, title, body };
  });
}

const boxArea = (b: Redaction['bbox']): number => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
/** Painted area of a redaction: its merged parts when it has several (a multi-line box), else its box. */
const area = (r: Redaction): number => (r.parts && r.parts.length > 1 ? r.parts.reduce((s, p) => s + boxArea(p), 0) : boxArea(r.bbox));

export function sectionStatus(hasRedactions: boolean, readableRatio: number): SectionStatus {
  if (!hasRedactions) return 'readable';
  return readableRatio <= 0.1 ? 'redacted' : 'partial';
}

/** The box of a section's heading on its first page (absent for an untitled leading section). */
function headingBox(title: { line: Line; tokens: Token[] }[]): { headingBBox?: BBox } {
  const first = title[0];
  if (!first) return {};
  const boxes = title.filter((t) => t.line.page === first.line.page).map((t) => t.line.bbox);
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    headingBBox: [
      r(Math.min(...boxes.map((b) => b[0]))),
      r(Math.min(...boxes.map((b) => b[1]))),
      r(Math.max(...boxes.map((b) => b[2]))),
      r(Math.max(...boxes.map((b) => b[3]))),
    ],
  };
}

/**
 * Builds the sections. `wordArea` overrides the typical word area (otherwise measured over the
 * body words, falling back to all flow words, then to the default).
 */
export function buildSections(
  lines: readonly Line[],
  marks: readonly SectionMark[],
  wordArea?: number,
): { sections: Section[]; typicalWordArea: number } {
  const parts = splitAtMarks(lines, marks);
  const wordsOf = (tokens: Token[]): Word[] => tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : []));
  let typical = wordArea;
  if (typical === undefined) {
    const bodyRows = parts.flatMap((p) => p.body.map((b) => wordsOf(b.tokens)));
    typical = bodyRows.some((r) => r.length > 0)
      ? typicalWordArea(bodyRows)
      : typicalWordArea(lines.map((l) => wordTokens(l).map((t) => t.word)));
  }

  const sections = parts.map((p, n): Section => {
    const visibleWords = p.body.reduce((sum, b) => sum + b.tokens.filter((t) => t.kind === 'word').length, 0);
    const redactions = [...p.title, ...p.body].flatMap((b) =>
      b.tokens.flatMap((t) => (t.kind === 'redaction' ? [t.redaction] : [])),
    );
    const hiddenArea = redactions.reduce((sum, r) => sum + area(r), 0);
    const hiddenWordsEstimate = redactions.length > 0 ? Math.max(1, Math.round(hiddenArea / typical)) : 0;
    const total = visibleWords + hiddenWordsEstimate;
    const readableRatio = total === 0 ? 1 : roundTo(visibleWords / total, 3);
    const pagesSpanned = [...p.title, ...p.body].map((b) => b.line.page);
    return {
      id: `s${n + 1}`,
      title: p.mark.title,
      level: p.mark.level,
      pageStart: lines[p.mark.lineIndex].page,
      pageEnd: Math.max(...pagesSpanned),
      status: sectionStatus(redactions.length > 0, readableRatio),
      readableRatio,
      visibleWords,
      hiddenWordsEstimate,
      redactionIds: redactions.map((r) => r.id),
      parentId: null,
      own: { visibleWords, hiddenWordsEstimate, readableRatio },
      ...headingBox(p.title),
    };
  });
  return { sections, typicalWordArea: typical };
}

/** Fallback glyph advance (points): an 11 pt serif font's mean character width with its spacing. */
export const DEFAULT_GLYPH_ADVANCE = 5.5;

/** Mean advance of one character over the words: total word width over total characters. */
export function meanGlyphAdvance(words: readonly Word[]): number {
  let width = 0;
  let chars = 0;
  for (const w of words) {
    const n = [...w.text].length;
    if (n === 0 || w.bbox[2] <= w.bbox[0]) continue;
    width += w.bbox[2] - w.bbox[0];
    chars += n;
  }
  return chars > 0 ? width / chars : DEFAULT_GLYPH_ADVANCE;
}

/**
 * What each redaction could hide: its painted area over the document's typical word area (words,
 * one decimal) and its painted width (every part's, so a multi-line box counts each line) over the
 * mean glyph advance of the text (characters).
 */
export function redactionEstimates(redactions: readonly Redaction[], wordArea: number, glyphAdvance: number): Map<string, RedactionEstimate> {
  const out = new Map<string, RedactionEstimate>();
  for (const r of redactions) {
    const boxes = r.parts && r.parts.length > 1 ? r.parts : [r.bbox];
    const width = boxes.reduce((s, b) => s + Math.max(0, b[2] - b[0]), 0);
    out.set(r.id, {
      hiddenWordsEstimate: roundTo(area(r) / wordArea, 1),
      hiddenCharsEstimate: Math.round(width / glyphAdvance),
    });
  }
  return out;
}
