import { describe, expect, it } from 'vitest';
import { assembleText, buildPageLines } from '../../src/text/index.js';
import { buildSections, sectionStatus } from '../../src/text/sections.js';
import { DEFAULT_GLYPH_ADVANCE, DEFAULT_LINE_PITCH, DEFAULT_WORD_CHARS } from '../../src/text/estimates.js';
import { DEFAULT_WORD_AREA, typicalWordArea } from '../../src/text/stats.js';
import { bodyText, pageOf, paragraph, words } from './helpers.js';

const ten = 'abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd';
/** Every body word below is "abcd": 22 pt wide, 2.75 pt spaces, on lines 14 pt apart. */
const WORD_AREA = (22 + 2.75) * 14;
/** A line of ten "abcd": 244.75 pt for 49 characters (spaces included). */
const ADVANCE = (10 * 22 + 9 * 2.75) / 49;
/** Words a box hides on such lines (estimates.ts): characters and a space over a word and its space. */
const wordsUnder = (width: number, lines = 1) => Math.round(((width / ADVANCE + 1) / 5) * lines * 10) / 10;
const stamp = (n: number) => ({ text: `Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page ${n} of 2`, top: 20 });

describe('typicalWordArea', () => {
  it('is the median of (width + typical space) x line pitch', () => {
    expect(typicalWordArea([words(ten, 72, 100), words(ten, 72, 114)])).toBeCloseTo(WORD_AREA, 6);
  });

  it('caps the line height at 1.4 text heights (double spacing) and uses 1.2 without line pairs', () => {
    expect(typicalWordArea([words(ten, 72, 100), words(ten, 72, 124)])).toBeCloseTo(24.75 * 1.4 * 11, 6);
    expect(typicalWordArea([words(ten, 72, 100)])).toBeCloseTo(24.75 * 1.2 * 11, 6);
  });

  it('falls back to an 11 pt word (30 x 13 pt) without words', () => {
    expect(typicalWordArea([])).toBe(DEFAULT_WORD_AREA);
    expect(DEFAULT_WORD_AREA).toBe(390);
  });
});

describe('sectionStatus', () => {
  it('is readable without redactions, redacted at 10 % or less readable, partial otherwise', () => {
    expect(sectionStatus(false, 1)).toBe('readable');
    expect(sectionStatus(true, 1)).toBe('partial');
    expect(sectionStatus(true, 0.11)).toBe('partial');
    expect(sectionStatus(true, 0.1)).toBe('redacted');
    expect(sectionStatus(true, 0)).toBe('redacted');
  });
});

describe('section statistics', () => {
  const doc = pageOf(1, [
    { text: 'I. READABLE', bold: true },
    { text: ten },
    { text: ten },
    { text: 'II. PARTIAL', bold: true },
    // 107 pt = 21.4 characters = 4.5 words.
    { text: ten, boxes: [{ x0: 400, x1: 507, label: '(b)(5)' }] },
    { text: 'III. REDACTED', bold: true },
    // 468 pt over three lines: its context is the lines around it (the headings' longer words
    // make words longer than abcd there): 53 words.
    { text: 'abcd', boxes: [{ x0: 72, x1: 540, rows: 3 }] },
    {},
    {},
    { text: 'IV. TITLE ONLY', bold: true },
  ]);
  const sections = assembleText([doc]).sections;

  it('counts visible body words, estimates hidden words, and sets the status', () => {
    expect(sections.map((s) => [s.id, s.title, s.status, s.visibleWords, s.hiddenWordsEstimate, s.readableRatio])).toEqual([
      ['s1', 'I. READABLE', 'readable', 20, 0, 1],
      ['s2', 'II. PARTIAL', 'partial', 10, 5, 0.667],
      ['s3', 'III. REDACTED', 'redacted', 1, 53, 0.019],
      ['s4', 'IV. TITLE ONLY', 'readable', 0, 0, 1],
    ]);
    expect(sections.map((s) => s.redactionIds)).toEqual([[], ['p1-r1'], ['p1-r2'], []]);
  });

  it('shows the box in the page text and sizes it by the body words', () => {
    const lines = assembleText([doc]);
    expect(lines.pages[0].text).toContain('abcd [REDACTED (b)(5)]');
    expect(lines.estimates.get('p1-r1')).toEqual({ hiddenWordsEstimate: wordsUnder(107), hiddenCharsEstimate: Math.round(107 / ADVANCE) });
    expect(sections[1].hiddenWordsEstimate).toBe(Math.round(wordsUnder(107)));
  });

  it('counts at least one hidden word for a tiny box', () => {
    const page = pageOf(1, [{ text: 'I. TINY', bold: true }, { text: ten, boxes: [{ x0: 560, x1: 562 }] }]);
    expect(assembleText([page]).sections[0]).toMatchObject({ hiddenWordsEstimate: 1, status: 'partial', readableRatio: 0.909 });
  });

  it('gives a redaction in a heading line to that heading\'s section', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      { text: ten },
      { text: 'II. RELATIONSHIP WITH', bold: true, boxes: [{ x0: 250, x1: 330 }] },
      { text: ten },
    ]);
    const s = assembleText([page]).sections;
    expect(s.map((x) => [x.title, x.redactionIds])).toEqual([
      ['I. PURPOSE', []],
      ['II. RELATIONSHIP WITH [REDACTED]', ['p1-r1']],
    ]);
  });

  it('gives a box spanning a heading to the section of its first line', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      { text: ten },
      { text: 'abcd abcd', boxes: [{ x0: 200, x1: 540, rows: 2 }] },
      { text: 'II. SCOPE', bold: true, x: 300 },
      { text: ten },
    ]);
    const s = assembleText([page]).sections;
    expect(s.map((x) => x.redactionIds)).toEqual([['p1-r1'], []]);
  });
});

describe('sections across pages', () => {
  it('runs a section over a page break, skipping furniture', () => {
    const p1 = pageOf(1, [{ text: 'I. PURPOSE', bold: true }, ...paragraph(1, 3), { text: 'II. SCOPE', bold: true }, ...paragraph(4, 2)], {
      fixed: [stamp(1), { text: '- 1 -', top: 750, x: 'centre' }],
    });
    const p2 = pageOf(2, [...paragraph(6, 3), { text: 'III. TERM', bold: true }, ...paragraph(9, 2)], {
      fixed: [stamp(2), { text: '- 2 -', top: 750, x: 'centre' }],
    });
    const result = assembleText([p2, p1]);
    // lines built ahead (as the analysis does, page by page) give the same result
    expect(assembleText([p2, p1], new Map([[p1, buildPageLines(p1)]]))).toEqual(result);
    expect(result.sections.map((s) => [s.title, s.level, s.pageStart, s.pageEnd])).toEqual([
      ['I. PURPOSE', 1, 1, 1],
      ['II. SCOPE', 1, 1, 2],
      ['III. TERM', 1, 2, 2],
    ]);
    const wordsIn = (rows: string[]) => rows.join(' ').split(' ').length;
    const scopeRows = [...paragraph(4, 2), ...paragraph(6, 3)].map((r) => r.text!);
    expect(result.sections[1].visibleWords).toBe(wordsIn(scopeRows));
  });
});

describe('leading and fallback sections', () => {
  it('turns a centred title block into a level-0 section that keeps the preamble', () => {
    const page = pageOf(1, [
      { text: 'MEMORANDUM OF UNDERSTANDING', x: 'centre', bold: true, size: 14 },
      { text: 'between', x: 'centre' },
      { text: 'THE FBI AND THE CENTER', x: 'centre', bold: true },
      ...paragraph(1, 2),
      { text: 'I. PURPOSE', bold: true },
      ...paragraph(5, 2),
    ]);
    const s = assembleText([page]).sections;
    expect(s.map((x) => [x.id, x.title, x.level])).toEqual([
      ['s1', 'MEMORANDUM OF UNDERSTANDING between THE FBI AND THE CENTER', 0],
      ['s2', 'I. PURPOSE', 1],
    ]);
    expect(s[0].visibleWords).toBe(paragraph(1, 2).map((r) => r.text!).join(' ').split(' ').length);
  });

  it('keeps text before the first heading in a level-0 section titled by its first line', () => {
    const page = pageOf(1, [...paragraph(1, 3), { text: 'I. PURPOSE', bold: true }, ...paragraph(5, 2)]);
    const s = assembleText([page]).sections;
    expect(s.map((x) => [x.title, x.level, x.visibleWords])).toEqual([
      [bodyText(1), 0, paragraph(1, 3).slice(1).map((r) => r.text!).join(' ').split(' ').length],
      ['I. PURPOSE', 1, paragraph(5, 2).map((r) => r.text!).join(' ').split(' ').length],
    ]);
  });

  it('makes one section of a document without headings, titled by its first non-furniture line', () => {
    const p1 = pageOf(1, [{ text: 'Dear Ms. Smith:' }, ...paragraph(1, 4)], { fixed: [stamp(1)] });
    const p2 = pageOf(2, [...paragraph(6, 4, { boxes: [{ x0: 100, x1: 200 }] })], { fixed: [stamp(2)] });
    const s = assembleText([p1, p2]).sections;
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ id: 's1', title: 'Dear Ms. Smith:', level: 0, pageStart: 1, pageEnd: 2, status: 'partial' });
    expect(s[0].redactionIds).toEqual(['p2-r1', 'p2-r2', 'p2-r3', 'p2-r4']);
  });

  it('gives a fully redacted page without words one redacted section', () => {
    const page = pageOf(1, [{ boxes: [{ x0: 72, x1: 540, rows: 40 }] }]);
    const s = assembleText([page]).sections;
    expect(s.map((x) => [x.title, x.status, x.visibleWords, x.hiddenWordsEstimate])).toEqual([
      // no words anywhere: the fallback measures (43 lines of 13 pt in the 559 pt tall box)
      ['[REDACTED]', 'redacted', 0, Math.round(((468 / DEFAULT_GLYPH_ADVANCE + 1) / (DEFAULT_WORD_CHARS + 1)) * Math.round((39 * 14 + 13) / DEFAULT_LINE_PITCH))],
    ]);
  });

  it('has no sections for an empty document', () => {
    expect(assembleText([])).toEqual({ pages: [], sections: [], estimates: new Map() });
    const blank = assembleText([pageOf(1, []), pageOf(2, [])]);
    expect(blank.sections).toEqual([]);
    expect(blank.pages).toEqual([
      { page: 1, text: '', headerLines: [], footerLines: [] },
      { page: 2, text: '', headerLines: [], footerLines: [] },
    ]);
  });

  it('builds no sections without marks', () => {
    expect(buildSections([], [])).toEqual([]);
  });
});
