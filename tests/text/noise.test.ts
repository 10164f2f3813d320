/**
 * The noise rules (src/text/noise.ts), each alone, on lines taken from real filings (the corpus
 * and its OCR) and on their look-alikes that must stay headings.
 */
import { describe, expect, it } from 'vitest';
import { describeLine } from '../../src/text/features.js';
import { buildPageLines, type Line } from '../../src/text/lines.js';
import {
  classifyNoise,
  isAddressLine,
  isClosing,
  isDateLine,
  isDebris,
  isDocketStamp,
  isFormField,
  isHeaderField,
  isPageFurnitureLine,
  isSignatureLine,
  looseHeaderField,
  RUNNING_HEAD_REPEATS,
  ADDRESS_NAME_GAP,
  standsOnEnd,
  UPRIGHT_RATIO,
} from '../../src/text/noise.js';
import { measureTypography } from '../../src/text/stats.js';
import { pageOf, paragraph, type RowSpec } from './helpers.js';

const line = (text: string, ocr = false): Line => buildPageLines(pageOf(1, [{ text, ocr }]))[0];

function noiseOf(rows: (RowSpec | string)[]): [string, string | null][] {
  const lines = buildPageLines(pageOf(1, rows));
  const typo = measureTypography(lines);
  const marks = classifyNoise(lines, lines.map((l) => describeLine(l, typo)));
  return lines.map((l, i) => [l.text, marks[i]]);
}

describe('debris: a line that does not read as language', () => {
  it('takes OCR debris for what it is', () => {
    for (const t of ['§22¢ Tow oO 4%', 'Memora® um', 'OL)', '/ CN', 'pm Oo', 'Ss aN']) expect(isDebris(line(t)), t).toBe(true);
  });

  it('takes a line of identifiers alone (no word) for debris', () => {
    expect(isDebris(line('CPB-CHGIL-001'))).toBe(true);
  });

  it('keeps headings, acronyms, abbreviations, identifiers and numbered lines', () => {
    for (const t of ['I. PURPOSE', 'XVIII EFFECTIVE DATE, SUSPENSION, AND TERMINATION', 'FBI AND DHS', 'Dear Ms. Dolan:', 'MOU No. FRIA-OIDE-2023-07', 'Case 1:24-cv-01873', '4. [REDACTED]'])
      expect(isDebris(line(t)), t).toBe(false);
  });

  it('counts OCR words under DEBRIS_CONFIDENCE as non-words, and an unsure single character as a speck', () => {
    const l = line('AND i THE OFFICE', true);
    expect(isDebris(l)).toBe(false);
    for (const t of l.tokens) if (t.kind === 'word' && t.text === 'i') t.word.confidence = 40;
    expect(isDebris(l)).toBe(false);
    for (const t of l.tokens) if (t.kind === 'word' && t.text !== 'i') t.word.confidence = 30;
    expect(isDebris(l)).toBe(true);
  });
});

describe('e-mail header fields', () => {
  it('takes Field: lines, and loose ones (capitals, OCR-garbled) only next to another field', () => {
    for (const t of ['From: (b)(6)', 'Sent: Tuesday, October 13, 2020 4:04 PM', 'To: DHS OPSEC', 'Subject: Question', 'CC:', 'Importance: High'])
      expect(isHeaderField(t), t).toBe(true);
    expect(isHeaderField('Dear Ms. Dolan:')).toBe(false);
    expect(looseHeaderField('Frorrl(b)(6)')).toBe('from');
    expect(looseHeaderField('TO Director, FBI')).toBe('to');
    expect(looseHeaderField('To the extent practicable')).toBeNull();
    expect(looseHeaderField('FRIA may audit the operation')).toBeNull();
    expect(looseHeaderField('From the beginning')).toBeNull();
    expect(noiseOf(['Frorrl(b)(6)', 'Sent: Tuesday, October 13, 2020', 'Frorrl(b)(6)', ...paragraph(1, 3), 'Frorrl(b)(6)']).map(([, k]) => k)).toEqual([
      'email-header',
      'email-header',
      'email-header',
      null,
      null,
      null,
      // far from any field it is no field: it reads as debris
      'debris',
    ]);
  });
});

describe('signature blocks', () => {
  it('takes closings, the short lines after them, and signature-block lines', () => {
    for (const t of ['Sincerely,', 'Respectfully submitted,', 'Very truly yours,', 'Best regards', 'Thank you,']) expect(isClosing(t), t).toBe(true);
    for (const t of ['/s/ Jane Roe', 'By: Jane Roe', 'Name: Jane Roe', 'Title: Director', '______________________', 'John Smith, Esq.'])
      expect(isSignatureLine(t), t).toBe(true);
    expect(isSignatureLine('Title 5 of the United States Code')).toBe(false);
    const marks = noiseOf([...paragraph(1, 2), { text: 'Sincerely,', gap: 10 }, { text: 'ALEXIS R. GRAVES', gap: 20 }, 'Department FOIA Officer']);
    expect(marks.slice(2).map(([, k]) => k)).toEqual(['signature', 'signature', 'signature']);
  });

  it('takes a memo\'s approval field as a closing: its signers\' names, titles and units are no headings (corpus 34)', () => {
    for (const t of ['Approved:', 'Approveg: I) /', 'APPROVED BY:', 'Concur:', 'Submitted by: J. Roe']) expect(isClosing(t), t).toBe(true);
    for (const t of ['Approved budget for 2015', 'Approval of the minutes', 'Recommended reading']) expect(isClosing(t), t).toBe(false);
    const block = ['Christopher J. Kennedy', 'Commander', 'Gang Investigations Division', 'Nicholas J. Roti', 'Chief', 'Bureau of Organized Crime'];
    const marks = noiseOf([...paragraph(1, 2), { text: 'Approved:', gap: 10 }, ...block.map((text) => ({ text, gap: 4 }))]);
    expect(marks.slice(2).map(([, k]) => k)).toEqual(Array(7).fill('signature'));
  });
});

describe('running heads', () => {
  it('takes a line at the top of a page that repeats one at the top of an earlier page, not the first', () => {
    const pages = [1, 2, 3].map((n) =>
      buildPageLines(pageOf(n, [{ text: 'TERMS AND CONDITIONS OF SALE', bold: true }, ...paragraph(n, 3), { text: 'A. Scope', bold: true }, ...paragraph(n + 5, 2)])),
    );
    const lines = pages.flat();
    const typo = measureTypography(lines);
    const marks = classifyNoise(lines, lines.map((l) => describeLine(l, typo)));
    const kinds = lines.map((l, i) => [l.page, l.text, marks[i]]).filter(([, t]) => t === 'TERMS AND CONDITIONS OF SALE' || t === 'A. Scope');
    expect(kinds).toEqual([
      [1, 'TERMS AND CONDITIONS OF SALE', null],
      [1, 'A. Scope', null],
      [2, 'TERMS AND CONDITIONS OF SALE', 'page-furniture'],
      [2, 'A. Scope', null],
      [3, 'TERMS AND CONDITIONS OF SALE', 'page-furniture'],
      [3, 'A. Scope', null],
    ]);
  });
});

/** Noise marks of the lines of several pages read as one document. */
function noiseOfPages(pages: (RowSpec | string)[][]): [number, string, string | null][] {
  const lines = pages.flatMap((rows, p) => buildPageLines(pageOf(p + 1, rows)));
  const typo = measureTypography(lines);
  const marks = classifyNoise(lines, lines.map((l) => describeLine(l, typo)));
  return lines.map((l, i) => [l.page, l.text, marks[i]]);
}

describe(`a letterhead's first showing (isLetterheadStart, RUNNING_HEAD_REPEATS = ${RUNNING_HEAD_REPEATS})`, () => {
  const company = { text: 'HARRIS GOVERNMENT COMMUNICATIONS SYSTEMS', size: 14 };
  const title = { text: 'TERMS AND CONDITIONS OF SALE', x: 'centre' as const, bold: true };
  const terms = (n: number): (RowSpec | string)[] => [company, title, ...paragraph(n, 4)];

  it('takes the top line of a later page that repeats there on later pages; its centred title stays', () => {
    const marks = noiseOfPages([paragraph(1, 6), terms(2), terms(3), terms(4)]);
    expect(marks.filter(([p, t]) => p === 2 && (t === company.text || t === title.text))).toEqual([
      [2, company.text, 'page-furniture'],
      [2, title.text, null],
    ]);
  });

  it('leaves it when it repeats on fewer later pages, stands on the first page, has text above it, or is centred', () => {
    const kind = (pages: (RowSpec | string)[][], page: number, text: string) => noiseOfPages(pages).find(([p, t]) => p === page && t === text)?.[2];
    expect(kind([paragraph(1, 6), terms(2), terms(3)], 2, company.text)).toBe(null);
    expect(kind([terms(1), terms(2), terms(3)], 1, company.text)).toBe(null);
    expect(kind([paragraph(1, 6), [{ text: 'Quotation for the refurbishment of the radio equipment owned by the bureau' }, ...terms(2)], terms(3), terms(4)], 2, company.text)).toBe(null);
    // a numbered heading atop a page, carried by later pages as their running head, is a heading
    const part = { text: 'II. TERMS AND CONDITIONS OF THE RADIO EQUIPMENT', bold: true };
    const partPages = [2, 3, 4].map((n) => [part, ...paragraph(n, 4)]);
    expect(kind([paragraph(1, 6), ...partPages], 2, part.text)).toBe(null);
    const centred = { ...company, x: 'centre' as const };
    const pages = [2, 3, 4].map((n) => [centred, ...paragraph(n, 4)]);
    expect(kind([paragraph(1, 6), ...pages], 2, company.text)).toBe(null);
  });
});

describe('letterheads and address blocks', () => {
  it('recognises addresses, telephone, e-mail and web lines', () => {
    for (const t of ['P.O. BOX 9800, M/S R5-11A', 'MELBOURNE, FL 32902-9800', '353 Sacramento Street, 16th Floor', 'Telephone: (415) 391-3911', 'jane@agency.gov', 'www.usda.gov', 'Suite 400'])
      expect(isAddressLine(t), t).toBe(true);
    for (const t of ['V. RESPONSIBILITIES OF THE PARTIES', 'Records Retention', 'Section 5 Records']) expect(isAddressLine(t), t).toBe(false);
    // alone, an address line is a letterhead line; a word such as "Telephone" needs its block
    expect(noiseOf([...paragraph(1, 2), { text: 'Chicago, IL 60624', gap: 20 }, { text: 'Telephone Records', bold: true, gap: 20 }, ...paragraph(4, 2)]).slice(2, 4)).toEqual([
      ['Chicago, IL 60624', 'letterhead'],
      ['Telephone Records', null],
    ]);
  });

  it('marks the whole block of short lines that holds one', () => {
    const marks = noiseOf([
      { text: 'HARRIS CORPORATION', bold: true },
      { text: 'P.O. BOX 9800, M/S R5-11A', gap: -2 },
      { text: 'MELBOURNE, FL 32902-9800', gap: -2 },
      { text: 'GOVERNMENT COMMUNICATIONS', bold: true, gap: 30 },
      ...paragraph(1, 3),
    ]);
    expect(marks.slice(0, 4).map(([, k]) => k)).toEqual(['letterhead', 'letterhead', 'letterhead', null]);
  });

  it(`takes the name over an address (isAddressName): same type, aligned, within ADDRESS_NAME_GAP (${ADDRESS_NAME_GAP}) line heights, even apart from its block`, () => {
    // a company line over its address block, a little further than the block's own gaps
    const company = noiseOf([...paragraph(1, 3), { text: 'HARRIS CORPORATION', gap: 10 }, { text: 'P.O. BOX 9800, M/S R5-11A', gap: 6 }, { text: 'MELBOURNE, FL 32902-9800' }, ...paragraph(5, 3)]);
    expect(company.slice(3, 6).map(([, k]) => k)).toEqual(['letterhead', 'letterhead', 'letterhead']);
    // a quotation's Bill To name, set larger as its address, a blank line above the street
    const billTo = noiseOf([...paragraph(1, 3), { text: 'Bureau of Organized Crime', size: 15, gap: 10 }, { text: '3510 S. Michigan Ave 4th Flr', size: 15, gap: 20 }, { text: 'Chicago, IL 60653', size: 15 }, ...paragraph(5, 3)]);
    expect(billTo.slice(3, 6).map(([, k]) => k)).toEqual(['letterhead', 'letterhead', 'letterhead']);
  });

  it('leaves a heading over an address in other type, a numbered heading, and a name too far above', () => {
    const other = noiseOf([...paragraph(1, 3), { text: 'NOTICES', gap: 10 }, { text: 'Harris Corporation, P.O. Box 9800', gap: 8 }, ...paragraph(5, 3)]);
    expect(other[3]).toEqual(['NOTICES', null]);
    const numbered = noiseOf([...paragraph(1, 3), { text: 'XII. NOTICES', gap: 10 }, { text: 'HARRIS CORPORATION, P.O. BOX 9800' }, ...paragraph(5, 3)]);
    expect(numbered[3]).toEqual(['XII. NOTICES', null]);
    // a name makes no name of the line above it: a caps heading over a company line over its P.O. box
    const stacked = noiseOf([...paragraph(1, 3), { text: 'NOTICES', gap: 10 }, { text: 'HARRIS CORPORATION', gap: 8 }, { text: 'P.O. BOX 9800, M/S R5-11A', gap: 8 }, ...paragraph(5, 3)]);
    expect(stacked.slice(3, 6).map(([, k]) => k)).toEqual([null, 'letterhead', 'letterhead']);
    const far = noiseOf([...paragraph(1, 3), { text: 'HARRIS CORPORATION', gap: 10 }, { text: 'P.O. BOX 9800, M/S R5-11A', gap: 40 }, ...paragraph(5, 3)]);
    expect(far[3]).toEqual(['HARRIS CORPORATION', null]);
  });
});

describe(`words standing on end (standsOnEnd, UPRIGHT_RATIO = ${UPRIGHT_RATIO})`, () => {
  /** A line of words each set sideways: narrow, tall boxes side by side (a turned table's column labels). */
  const upright = (texts: string[]): Line => {
    const page = pageOf(1, []);
    texts.forEach((text, i) => {
      const x = 475 + 17 * i;
      page.words.push({ text, bbox: [x, 59, x + 7, 59 + 6 * text.length], fontSize: 7, bold: false, italic: false, confidence: 85 });
    });
    return buildPageLines(page)[0];
  };

  it('takes a row of sideways column labels for a table row', () => {
    const l = upright(['MT-KF', 'MT-SRII', 'MT-SR', 'MT-HLS', 'Maintenance']);
    expect(l.text).toBe('MT-KF MT-SRII MT-SR MT-HLS Maintenance');
    expect(standsOnEnd(l)).toBe(true);
    const page = pageOf(1, paragraph(1, 4), { top: 200 });
    page.words.push(...l.tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
    const lines = buildPageLines(page);
    const typo = measureTypography(lines);
    const marks = classifyNoise(lines, lines.map((x) => describeLine(x, typo)));
    expect(marks[lines.findIndex((x) => x.text === l.text)]).toBe('table-row');
  });

  it('leaves upright lines, OCR-like or not, and short tokens (a bar, `I.`) alone', () => {
    for (const t of ['I. PURPOSE', 'TERMS AND CONDITIONS', 'Books and Subscriptions']) {
      expect(standsOnEnd(line(t)), t).toBe(false);
      expect(standsOnEnd(line(t, true)), t).toBe(false);
    }
    expect(standsOnEnd(upright(['I.', '|']))).toBe(false);
  });
});

describe('table rows and form fields', () => {
  it('takes rows with wide gaps, columns in adjacent lines, digit-heavy lines, blanks and check boxes', () => {
    const lines = buildPageLines(
      pageOf(1, [
        { text: 'Quantity' },
        { text: '12' },
        ...paragraph(1, 2),
      ]),
    );
    expect(lines).toHaveLength(4);
    const page = pageOf(1, [...paragraph(1, 2)], { top: 200 });
    page.words.push(...buildPageLines(pageOf(1, [{ text: 'Item Number' }], { top: 72 }))[0].tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
    page.words.push(...buildPageLines(pageOf(1, [{ text: 'Description', x: 300 }], { top: 72 }))[0].tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
    page.words.push(...buildPageLines(pageOf(1, [{ text: '1 Agency Code' }], { top: 86 }))[0].tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
    page.words.push(...buildPageLines(pageOf(1, [{ text: 'Text, 4 characters', x: 300 }], { top: 86 }))[0].tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
    const ls = buildPageLines(page);
    const typo = measureTypography(ls);
    const marks = classifyNoise(ls, ls.map((l) => describeLine(l, typo)));
    expect(marks.slice(0, 2)).toEqual(['table-row', 'table-row']);
    expect(noiseOf(['120 $4,500.00 12 3']).map(([, k]) => k)).toEqual(['table-row']);
    for (const t of ['Signature: ____________', '☐ Yes ☐ No', '[X] Electric', '[ ] Telephone']) expect(isFormField(t), t).toBe(true);
  });
});

describe('dates, docket stamps and page furniture', () => {
  it('takes date lines in their common forms', () => {
    for (const t of ['March 15, 2024', 'MARCH 15, 2024', '03/15/2024', 'Dated: 15 March 2024', 'Monday, March 3, 2014', '2020/10/14 06:55:28', 'February 2024'])
      expect(isDateLine(t), t).toBe(true);
    for (const t of ['B. Effective Date and Duration', 'XVIII. EFFECTIVE DATE']) expect(isDateLine(t), t).toBe(false);
  });

  it('takes filing stamps and docket lines, not headings that mention a case', () => {
    for (const t of ['ELECTRONICALLY FILED', 'FILED', 'Case No. 1:24-cv-01873', 'Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page 3 of 15', 'Document 42 Filed 03/15/24', 'RECEIVED 03/2014'])
      expect(isDocketStamp(t), t).toBe(true);
    for (const t of ['CASE STATUS', 'Filed under seal', 'II. PROCEDURAL HISTORY']) expect(isDocketStamp(t), t).toBe(false);
  });

  it('takes page counts and bracketed editorial lines', () => {
    for (const t of ['Document Page 1 of 68', '[Signature page follows.]', '(continued)', 'This page intentionally left blank', '(By request )', 'Page 2', 'Page 2 Page 4', 'Pg. 7'])
      expect(isPageFurnitureLine(t), t).toBe(true);
    for (const t of ['(a) Retention', '(1) Definitions (Revised)', 'Page Limits', 'Page 2 of the Agreement']) expect(isPageFurnitureLine(t), t).toBe(false);
  });
});
