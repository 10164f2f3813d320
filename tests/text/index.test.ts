import { describe, expect, it } from 'vitest';
import { assembleText } from '../../src/text/index.js';
import { bodyText, pageOf, paragraph, type RowSpec } from './helpers.js';

const stamp = (n: number, of = 2) => `Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page ${n} of ${of}`;

describe('assembleText', () => {
  it('returns each page as read, furniture included in the text and listed apart', () => {
    const p1 = pageOf(1, [{ text: 'I. PURPOSE', bold: true }, { text: 'The agent met', boxes: [{ x0: 160, x1: 230, label: '(b)(6)' }] }], {
      fixed: [{ text: stamp(1), top: 20 }, { text: '1', top: 750, x: 'centre' }],
    });
    const p2 = pageOf(2, [{ text: 'More text here.' }], { fixed: [{ text: stamp(2), top: 20 }, { text: '2', top: 750, x: 'centre' }] });
    const result = assembleText([p1, p2]);
    expect(result.pages).toEqual([
      {
        page: 1,
        text: [stamp(1), 'I. PURPOSE', 'The agent met [REDACTED (b)(6)]', '1'].join('\n'),
        headerLines: [stamp(1)],
        footerLines: ['1'],
      },
      { page: 2, text: [stamp(2), 'More text here.', '2'].join('\n'), headerLines: [stamp(2)], footerLines: ['2'] },
    ]);
    expect(result.sections).toMatchObject([{ id: 's1', title: 'I. PURPOSE', pageStart: 1, pageEnd: 2, visibleWords: 6 }]);
  });

  it('never lets furniture become a heading or body text', () => {
    const pages = [1, 2, 3].map((n) =>
      pageOf(n, [{ text: `${['I', 'II', 'III'][n - 1]}. PART ${n}`, bold: true }, ...paragraph(n * 3, 2)], {
        fixed: [
          { text: 'LAW ENFORCEMENT SENSITIVE', top: 36, x: 'centre' },
          { text: `Page ${n} of 3`, top: 755, x: 'centre' },
        ],
      }),
    );
    const { sections } = assembleText(pages);
    expect(sections.map((s) => s.title)).toEqual(['I. PART 1', 'II. PART 2', 'III. PART 3']);
    for (const [i, s] of sections.entries()) {
      expect(s.visibleWords).toBe(paragraph((i + 1) * 3, 2).map((r) => r.text!).join(' ').split(' ').length);
    }
  });

  it('keeps speck-only lines in the page text but out of the sections', () => {
    const p1 = pageOf(1, [{ text: 'I. PURPOSE', bold: true }, ...paragraph(1, 3)]);
    const p2 = pageOf(2, [{ text: '+ .' }, { text: 'II. SCOPE', bold: true }, ...paragraph(4, 2)]);
    const result = assembleText([p1, p2]);
    expect(result.pages[1].text.split('\n')[0]).toBe('+ .');
    expect(result.sections.map((s) => [s.title, s.pageStart, s.pageEnd])).toEqual([
      ['I. PURPOSE', 1, 1],
      ['II. SCOPE', 2, 2],
    ]);
  });

  it('reads an OCR-like scan: skewed boxes, estimated sizes, no bold', () => {
    const ocr = (rows: RowSpec[]): RowSpec[] => rows.map((r) => ({ ...r, ocr: true, skew: 0.008 }));
    const p1 = pageOf(
      1,
      ocr([
        { text: 'MEMORANDUM OF UNDERSTANDING', x: 'centre' },
        ...paragraph(1, 2),
        { text: 'I. PURPOSE' },
        ...paragraph(3, 3),
        { text: `1. ${bodyText(6)}` },
        { text: bodyText(7, 40, true), boxes: [{ x0: 300, x1: 400 }] },
        { text: 'II. SCOPE' },
        ...paragraph(8, 2),
      ]),
    );
    const result = assembleText([p1]);
    expect(result.pages[0].text.split('\n')).toEqual([
      'MEMORANDUM OF UNDERSTANDING',
      bodyText(1),
      bodyText(2, 40, true),
      'I. PURPOSE',
      bodyText(3),
      bodyText(4),
      bodyText(5, 40, true),
      `1. ${bodyText(6)}`,
      `${bodyText(7, 40, true)} [REDACTED]`,
      'II. SCOPE',
      bodyText(8),
      bodyText(9, 40, true),
    ]);
    expect(result.sections.map((s) => [s.title, s.level, s.status])).toEqual([
      ['MEMORANDUM OF UNDERSTANDING', 0, 'readable'],
      ['I. PURPOSE', 1, 'partial'],
      ['II. SCOPE', 1, 'readable'],
    ]);
  });

  it('reads a two-column page column by column', () => {
    const words: RowSpec[] = [];
    const layout = pageOf(1, words);
    for (let i = 0; i < 14; i++) {
      const left = pageOf(1, [{ text: `left ${i} of the column`, x: 72 }], { top: 100 + i * 14 });
      const right = pageOf(1, [{ text: `right ${i} of the column`, x: 330 }], { top: 100 + i * 14 });
      layout.words.push(...left.words, ...right.words);
    }
    const lines = assembleText([layout]).pages[0].text.split('\n');
    expect(lines.slice(0, 14).every((l) => l.startsWith('left'))).toBe(true);
    expect(lines.slice(14).every((l) => l.startsWith('right'))).toBe(true);
  });
});
