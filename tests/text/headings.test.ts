import { describe, expect, it } from 'vitest';
import type { PageLayout } from '../../src/model.js';
import { describeLine } from '../../src/text/features.js';
import { detectHeadings, isLongListTitle, LIST_TITLE_MAX, TALL_BOX_LINES, TYPOGRAPHIC_BLOCK_MAX, underTallBox } from '../../src/text/headings.js';
import { buildPageLines } from '../../src/text/lines.js';
import { measureTypography } from '../../src/text/stats.js';
import { bodyText, pageOf, paragraph, words, type RowSpec } from './helpers.js';

/** [title, level] of every heading detected on the pages (no furniture in these pages). */
function headingsOf(...pages: PageLayout[]): [string, number][] {
  const lines = pages.flatMap(buildPageLines);
  const typo = measureTypography(lines);
  const looks = lines.map((l) => describeLine(l, typo));
  return detectHeadings(lines, looks, { ocr: typo.ocr }).map((h) => [h.title, h.level]);
}

const para = (seed: number): RowSpec[] => paragraph(seed, 3);

describe('numbered headings and their levels', () => {
  it('gives roman, letter, number, decimal and (a) headings levels by first appearance', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      ...para(1),
      { text: 'A. Responsibilities of FRIA', bold: true },
      ...para(4),
      { text: '1. Sharing of Records', bold: true },
      ...para(7),
      { text: '1.1 Records Held by the Center', bold: true },
      ...para(10),
      { text: '1.1.1 Paper Records', bold: true },
      ...para(13),
      { text: '(a) Retention', bold: true },
      ...para(16),
      { text: 'B. Responsibilities of the FBI', bold: true },
      ...para(19),
      { text: 'II. TERM', bold: true },
      ...para(22),
    ]);
    expect(headingsOf(page)).toEqual([
      ['I. PURPOSE', 1],
      ['A. Responsibilities of FRIA', 2],
      ['1. Sharing of Records', 3],
      ['1.1 Records Held by the Center', 4],
      ['1.1.1 Paper Records', 5],
      ['(a) Retention', 6],
      ['B. Responsibilities of the FBI', 2],
      ['II. TERM', 1],
    ]);
  });

  it('nests decimal headings by dot count', () => {
    const page = pageOf(1, [
      { text: '1. Purpose', bold: true },
      ...para(1),
      { text: '1.1 Scope', bold: true },
      ...para(4),
      { text: '1.1.1 Exclusions', bold: true },
      ...para(7),
      { text: '2. Term', bold: true },
      ...para(10),
    ]);
    expect(headingsOf(page)).toEqual([
      ['1. Purpose', 1],
      ['1.1 Scope', 2],
      ['1.1.1 Exclusions', 3],
      ['2. Term', 1],
    ]);
  });

  it('puts a style set in a clearly larger size above one that appeared first', () => {
    const page = pageOf(1, [
      { text: 'A. Preliminary Matters', bold: true },
      ...para(1),
      { text: 'I. BACKGROUND', bold: true, size: 14 },
      ...para(4),
      { text: 'A. Facts', bold: true },
      ...para(7),
    ]);
    expect(headingsOf(page)).toEqual([
      ['A. Preliminary Matters', 2],
      ['I. BACKGROUND', 1],
      ['A. Facts', 2],
    ]);
  });

  it('reads ARTICLE and Section headings as level 1 and merges a bare ARTICLE with its title line', () => {
    const page = pageOf(1, [
      { text: 'ARTICLE IV', bold: true },
      { text: 'DEFINITIONS', bold: true },
      ...para(1),
      { text: 'Section 5 Records Retention', bold: true },
      ...para(4),
    ]);
    expect(headingsOf(page)).toEqual([
      ['ARTICLE IV DEFINITIONS', 1],
      ['Section 5 Records Retention', 2],
    ]);
    expect(headingsOf(pageOf(1, [{ text: 'Section 1. Purpose', bold: true }, ...para(1)]))).toEqual([['Section 1. Purpose', 1]]);
  });

  it('merges a wrapped heading with its second line', () => {
    const page = pageOf(1, [
      { text: 'A. Responsibilities of the Fusion Center and', bold: true },
      { text: 'Participating Agencies', bold: true },
      ...para(1),
      { text: 'B. Funding', bold: true },
      { text: 'Costs Borne by Each Party', bold: true, gap: 10 },
      ...para(4),
    ]);
    expect(headingsOf(page)).toEqual([
      ['A. Responsibilities of the Fusion Center and Participating Agencies', 1],
      ['B. Funding', 1],
      ['Costs Borne by Each Party', 1],
    ]);
  });

  it('reads I after H as a letter and I at the start as a roman numeral', () => {
    const rows: RowSpec[] = [{ text: 'I. PURPOSE', bold: true }, ...para(1)];
    for (const [n, letter] of [...'ABCDEFGHI'].entries()) rows.push({ text: `${letter}. Duty ${n + 1}`, bold: true }, ...para(n + 2));
    rows.push({ text: 'II. TERM', bold: true }, ...para(30));
    const found = headingsOf(pageOf(1, rows));
    expect(found[0]).toEqual(['I. PURPOSE', 1]);
    expect(found[9]).toEqual(['I. Duty 9', 2]);
    expect(found[10]).toEqual(['II. TERM', 1]);
  });
});

describe('numbered paragraphs are not headings', () => {
  it('rejects a numbered line in body type that runs on as a paragraph', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      { text: `1. ${bodyText(1)}` },
      { text: bodyText(2, 40, true) },
      { text: '2. This MOU is effective upon signature.' },
      { text: '3. The parties shall cooperate:' },
      { text: '(a) sharing records' },
      { text: '(b) Sharing analysts;' },
      { text: '4. The median time from Referral to determination; and' },
      { text: '5. The availability of the Exchange Environment' },
      ...para(5),
    ]);
    expect(headingsOf(page)).toEqual([['I. PURPOSE', 1]]);
  });

  it('accepts a short standalone numbered line in body type as a heading', () => {
    const page = pageOf(1, [{ text: '1. Term of Agreement' }, ...para(1), { text: '2. Termination' }, ...para(4)]);
    expect(headingsOf(page)).toEqual([
      ['1. Term of Agreement', 1],
      ['2. Termination', 1],
    ]);
  });

  it(`takes a longer item (up to LIST_TITLE_MAX = ${LIST_TITLE_MAX} tokens, to the right edge) after a sibling that is a heading, in Title Case`, () => {
    const cases = ['1. United States v. Bijan Rafiekian', '2. United States v. Michael Flynn', '3. United States v. Richard Gates'];
    const long = '4. United States v. Internet Research Agency, et al. (Russian Social Media Campaign Matters)';
    const page = pageOf(1, [
      { text: 'A. Transfers', bold: true },
      ...para(1),
      ...cases.flatMap((c, k) => [{ text: c }, { text: 'Office of the District of Columbia' }, ...para(4 + 3 * k)]),
      { text: long },
      { text: 'Office of the District of Columbia' },
      ...para(20),
      { text: '5. United States v. Konstantin Kilimnik' },
      ...para(23),
    ]);
    const found = headingsOf(page).map(([t]) => t);
    expect(found).toEqual(['A. Transfers', ...cases, long, '5. United States v. Konstantin Kilimnik']);
    // the same line after a sibling that is no heading, or not in Title Case, or as the first item: none
    const alone = pageOf(1, [{ text: 'A. Transfers', bold: true }, ...para(1), { text: long.replace('4.', '1.') }, ...para(4)]);
    expect(headingsOf(alone).map(([t]) => t)).toEqual(['A. Transfers']);
  });

  it('isLongListTitle: Title Case, no sentence inside or at the end, no trailing connective, within LIST_TITLE_MAX', () => {
    const lookOf = (text: string) => {
      const lines = buildPageLines(pageOf(1, [{ text }, ...para(1)]));
      const typo = measureTypography(lines);
      return [lines[0], describeLine(lines[0], typo)] as const;
    };
    expect(isLongListTitle(...lookOf('4. United States v. Internet Research Agency, et al. (Russian Social Media Campaign)'))).toBe(true);
    for (const t of [
      '2. The contractor shall provide all labor, materials, equipment and supervision needed for',
      '2. The Contractor Shall Provide All Labor. Materials Are Extra Under This Agreement',
      '2. United States v. Internet Research Agency and Others in the Russian Social Media Campaign Case Files',
      'United States v. Internet Research Agency',
    ]) expect(isLongListTitle(...lookOf(t)), t).toBe(false);
  });

  it('does not count bold as a signal when the whole document is bold', () => {
    const rows = [{ text: '1. Short line here', bold: true }, ...paragraph(1, 4, { bold: true }), { text: 'Another bold line', bold: true }];
    // The numbered one is still a short standalone line; the unnumbered one has nothing to stand out by.
    expect(headingsOf(pageOf(1, rows))).toEqual([['1. Short line here', 1]]);
  });
});

describe('typographic headings', () => {
  it('takes bold, larger and all-caps short lines, with levels by loudness', () => {
    const page = pageOf(1, [
      { text: 'BACKGROUND', size: 14, bold: true },
      ...para(1),
      { text: 'Procedural History', bold: true },
      ...para(4),
      { text: 'DISCUSSION', size: 14, bold: true },
      ...para(7),
      { text: 'STANDARD OF REVIEW' },
      ...para(10),
    ]);
    expect(headingsOf(page)).toEqual([
      ['BACKGROUND', 1],
      ['Procedural History', 3],
      ['DISCUSSION', 1],
      ['STANDARD OF REVIEW', 2],
    ]);
  });

  it('places unnumbered headings among numbered levels by loudness', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      ...para(1),
      { text: 'A. Scope', bold: true },
      ...para(4),
      { text: 'SIGNATURES', bold: true },
      ...para(7),
      { text: 'Definitions', bold: true },
      ...para(10),
    ]);
    expect(headingsOf(page)).toEqual([
      ['I. PURPOSE', 1],
      ['A. Scope', 2],
      ['SIGNATURES', 1],
      ['Definitions', 2],
    ]);
  });

  it('rejects bold or caps lines that are sentences, clauses, dates or wrapped paragraph ends', () => {
    const page = pageOf(1, [
      { text: 'This line is bold and ends a sentence.', bold: true },
      { text: 'FOR THE PARTIES,', bold: true },
      { text: '03/15/2024', bold: true },
      { text: 'MARCH 15, 2024', bold: true },
      { text: 'FOR THE FEDERAL BUREAU OF INVESTIGATION:', bold: true },
      { text: bodyText(1) },
      { text: 'FBI AND DHS' },
      ...para(3),
      { text: bodyText(7) },
      { text: bodyText(8) },
    ]);
    expect(headingsOf(page)).toEqual([]);
  });

  it('does not take a bold table header row for a heading', () => {
    const page = pageOf(1, [...para(1)], { top: 100 });
    page.words.push(
      ...words('No. Data Element', 72, 72, { bold: true }),
      ...words('Format', 300, 72, { bold: true }),
      ...words('Validated Against', 400, 72, { bold: true }),
    );
    expect(headingsOf(page)).toEqual([]);
  });

  it(`takes no line cut by a box TALL_BOX_LINES (${TALL_BOX_LINES}) text heights tall for a heading (a redacted table's first cell); a one-line box, or a numbered heading over a whole redacted section, stays one`, () => {
    // a bold table cell whose row (and the rows below) a tall box covers: corpus 34's "Books, Subscriptions a [REDACTED]"
    const table = pageOf(1, [...para(1), { text: 'Books and Subscriptions', bold: true, boxes: [{ x0: 260, x1: 540, rows: 6 }] }, 'Educational Materials', 'Conference Attendance', ...para(4)]);
    expect(headingsOf(table)).toEqual([]);
    const lines = buildPageLines(table);
    expect(lines.filter(underTallBox).map((l) => l.text)).toEqual(['Books and Subscriptions [REDACTED]']);
    // look-alikes: a bold heading holding a one-line box; a numbered heading whose section is redacted whole
    const kept = pageOf(1, [
      ...para(1),
      { text: 'Payments to', bold: true, boxes: [{ x0: 160, x1: 260 }] },
      ...para(2),
      { text: 'I. PURPOSE', bold: true },
      ...para(3),
      { text: 'II.', bold: true, boxes: [{ x0: 100, x1: 540, rows: 5 }] },
      '',
      '',
      '',
      '',
      { text: 'III. AUTHORITY', bold: true },
      ...para(5),
    ]);
    expect(headingsOf(kept).map(([t]) => t)).toEqual(['Payments to [REDACTED]', 'I. PURPOSE', 'II. [REDACTED]', 'III. AUTHORITY']);
  });

  it('takes a bold run-in title and leaves the rest of the line to the body', () => {
    const page = pageOf(1, [
      { text: 'I. PURPOSE', bold: true },
      ...para(1),
    ]);
    const lines = buildPageLines(page);
    // Make "2. Definitions." bold at the start of a regular line.
    const runIn = buildPageLines(pageOf(1, [{ text: `2. Definitions. ${bodyText(5, 60)}` }], { top: 300 }))[0];
    runIn.tokens.slice(0, 2).forEach((t) => {
      if (t.kind === 'word') t.word = { ...t.word, bold: true };
    });
    const all = [...lines, runIn];
    const typo = measureTypography(all);
    const found = detectHeadings(all, all.map((l) => describeLine(l, typo)));
    expect(found.map((h) => [h.title, h.titleTokens])).toEqual([
      ['I. PURPOSE', 2],
      ['2. Definitions.', 2],
    ]);
  });
});

describe('OCR-like words', () => {
  it('reads numbering behind an OCR speck and ignores one tall word', () => {
    const ocr = (rows: RowSpec[]): RowSpec[] => rows.map((r) => ({ ...r, ocr: true }));
    const page = pageOf(
      1,
      ocr([
        { text: 'E. Severability' },
        ...para(1),
        { text: '\u2018F. Publication' },
        ...para(4),
        { text: 'Telephone:', size: 16, boxes: [{ x0: 150, x1: 250 }] },
        ...para(7),
      ]),
    );
    // the speck is not part of the numbering: the title prints it as it should read
    expect(headingsOf(page)).toEqual([
      ['E. Severability', 1],
      ['F. Publication', 1],
    ]);
    const lines = buildPageLines(page);
    const typo = measureTypography(lines);
    expect(detectHeadings(lines, lines.map((l) => describeLine(l, typo)), { ocr: true })[1].titleAsRead).toBe('\u2018F. Publication');
  });

  it('finds numbered and all-caps headings without bold and with estimated, uneven sizes', () => {
    const ocr = (rows: RowSpec[]): RowSpec[] => rows.map((r) => ({ ...r, ocr: true, skew: 0.004 }));
    const page = pageOf(
      1,
      ocr([
        { text: 'I. PURPOSE' },
        ...para(1),
        { text: `1. ${bodyText(9)}` },
        { text: bodyText(10, 40, true) },
        { text: 'A. Responsibilities of FRIA' },
        ...para(4),
        { text: 'II. TERM' },
        ...para(7),
      ]),
    );
    expect(headingsOf(page)).toEqual([
      ['I. PURPOSE', 1],
      ['A. Responsibilities of FRIA', 2],
      ['II. TERM', 1],
    ]);
  });
});

describe('a block of text set larger than the body is no series of headings', () => {
  it(`more than TYPOGRAPHIC_BLOCK_MAX (${TYPOGRAPHIC_BLOCK_MAX}) short lines in one larger type, line after line, give no heading; a larger heading above body text still does`, () => {
    const said = ['Q. You ready?', 'Good afternoon, Ms. Long. My name', 'is Ron Metcho. I represent', 'Ability Recovery Services LLC', 'You know, I know that Mr. Marcus', 'needs to get on a flight'];
    const page1 = pageOf(1, [{ text: 'Background of the Matter', size: 14 }, ...paragraph(1, 4), ...paragraph(5, 4)]);
    const page2 = pageOf(2, [...paragraph(9, 4), ...said.map((text) => ({ text, size: 14 }))]);
    expect(headingsOf(page1, page2).map(([t]) => t)).toEqual(['Background of the Matter']);
    // as many lines as the limit allow: two stacked headings and their body are still read
    const page3 = pageOf(3, [{ text: 'PART ONE', size: 14 }, { text: 'Background of the Matter', size: 14 }, ...paragraph(13, 4)]);
    expect(headingsOf(page1, page3).map(([t]) => t)).toContain('Background of the Matter');
  });

  it('a numbered heading whose sequence goes on stands in such a block (a contract\'s capitals: `e.`, `f.`; corpus 34)', () => {
    const caps = (seed: number) => paragraph(seed, 5).map((r) => ({ ...r, text: r.text!.toUpperCase() }));
    // capitals are rare enough in the document (under 30 % of its lines) to set a line apart
    const page = pageOf(1, [...paragraph(1, 20), { text: 'e. LIABILITY FOR BREACH OF WARRANTY', gap: 10 }, ...caps(50), { text: 'f. EXCLUSIVE REMEDY', gap: 10 }, ...caps(60)]);
    const page2 = pageOf(2, paragraph(70, 30));
    expect(headingsOf(page, page2).map(([t]) => t)).toEqual(['e. LIABILITY FOR BREACH OF WARRANTY', 'f. EXCLUSIVE REMEDY']);
  });
});
