import { describe, expect, it } from 'vitest';
import { findFurniture, isFilingStamp, isPageNumber, repeatKey } from '../../src/text/furniture.js';
import { buildPageLines } from '../../src/text/lines.js';
import { bodyText, pageOf } from './helpers.js';

const stamp = (n: number, of = 3) => `Case 1:24-cv-01873-RDM Document 42-3 Filed 03/15/24 Page ${n} of ${of}`;

/** Marks as [text, kind] for the furniture lines of each page. */
function furnitureOf(pages: ReturnType<typeof pageOf>[]): [string, string][][] {
  const lines = pages.map(buildPageLines);
  const marks = findFurniture(lines);
  return lines.map((ls, p) => ls.flatMap((l, i) => (marks[p][i] ? [[l.text, marks[p][i]!] as [string, string]] : [])));
}

describe('patterns', () => {
  it('recognises court filing stamps', () => {
    expect(isFilingStamp(stamp(3, 15))).toBe(true);
    expect(isFilingStamp('USCA Case #24-5001 Document #2034567 Filed: 01/10/2024 Page 3 of 15')).toBe(true);
    expect(isFilingStamp('Appellate Case: 23-1234 Document: 010110 Date Filed: 03/15/2024 Page: 3')).toBe(true);
    expect(isFilingStamp('In this case the document was filed late by the agency.')).toBe(false);
  });

  it('recognises page numbers', () => {
    for (const t of ['3', '- 3 -', '-3-', '\u2013 12 \u2013', 'Page 3', 'Page 3 of 15', 'page 3 / 15', '3 of 15', 'iv', 'Page |']) {
      expect(isPageNumber(t), t).toBe(true);
    }
    for (const t of ['3.', 'I. PURPOSE', 'Page three', 'See page 3']) expect(isPageNumber(t), t).toBe(false);
  });

  it('normalises digits for repeat comparison', () => {
    expect(repeatKey('Page 3 of 15')).toBe(repeatKey('page  4 of 15'));
  });
});

describe('findFurniture', () => {
  const bodyPage = (n: number, extraFixed: { text: string; top: number; x?: number | 'centre' }[] = []) =>
    pageOf(n, [bodyText(3 * n), bodyText(3 * n + 1), bodyText(3 * n + 2, 84, true)], {
      fixed: [{ text: stamp(n), top: 20 }, { text: `- ${n} -`, top: 750, x: 'centre' }, ...extraFixed],
    });

  it('strips stamps with varying digits and page numbers on every page, never body lines', () => {
    const result = furnitureOf([bodyPage(1), bodyPage(2), bodyPage(3)]);
    for (let p = 0; p < 3; p++) {
      expect(result[p]).toEqual([
        [stamp(p + 1), 'header'],
        [`- ${p + 1} -`, 'footer'],
      ]);
    }
  });

  it('strips a running header that repeats on most pages, with small OCR differences', () => {
    const heads = ['CONFIDENTIAL - LAW ENFORCEMENT SENSITIVE', 'CONFIDENTIAL - LAW ENFORCEMENT SENSITlVE', 'CONFIDENTIAL - LAW ENFORCEMENT SENSITIVE'];
    const pages = [1, 2, 3].map((n) => pageOf(n, [bodyText(3 * n), bodyText(3 * n + 1)], { fixed: [{ text: heads[n - 1], top: 40, x: 'centre' }] }));
    expect(furnitureOf(pages).map((p) => p.map(([, k]) => k))).toEqual([['header'], ['header'], ['header']]);
  });

  it('does not take a line that appears near the top of only one page for furniture', () => {
    const pages = [1, 2, 3].map((n) =>
      pageOf(n, [bodyText(n)], { fixed: n === 1 ? [{ text: 'MEMORANDUM OF UNDERSTANDING', top: 40, x: 'centre' }] : [] }),
    );
    expect(furnitureOf(pages)).toEqual([[], [], []]);
  });

  it('recognises a lone filing stamp on a single page by its pattern', () => {
    const page = pageOf(1, [bodyText(1), bodyText(2)], { fixed: [{ text: stamp(1, 1), top: 20 }, { text: 'Page 1 of 1', top: 760 }] });
    expect(furnitureOf([page])).toEqual([
      [
        [stamp(1, 1), 'header'],
        ['Page 1 of 1', 'footer'],
      ],
    ]);
  });

  it('does not take body text repeated at different heights for a running header', () => {
    const pages = [1, 2, 3].map((n) => pageOf(n, [bodyText(2 * n), bodyText(2 * n + 2)], { top: 60 }));
    expect(furnitureOf(pages)).toEqual([[], [], []]);
  });

  it('does not take headings that open each page at the same height for a running header', () => {
    const pages = [2, 3, 4].map((n) => pageOf(n, [{ text: `Section ${n}`, bold: true }, bodyText(n)], { top: 50 }));
    expect(furnitureOf(pages)).toEqual([[], [], []]);
  });

  it('leaves a number in the middle of the page alone', () => {
    const page = pageOf(1, [bodyText(1), '3', bodyText(2)], { top: 300 });
    expect(furnitureOf([page])).toEqual([[]]);
  });
});

describe('running headers garbled differently by OCR on each page', () => {
  // the second header line of a scanned report, as two OCR engines read it on eight pages
  const variants = [
    'Attorney Worl Produet // May-Contain- Material Proteeted-Under Fed—R—Crim—P—6(e)',
    'Attorney-Weork Produet / May-Contain-Material-Proteeted-Under Fed R—Crim—P—6(e)',
    'AttorHey Work Proattet // MB:) CoHtB:iH Material Proteetea UHaer Fea . R. Crim. P. 6(e)',
    "At'lertle)' Werk Preauet // Ma)'' CeAtaiA Material Preteetea UAaer Fee. R. Crim . P. 6(e)",
    'Attorney Work Pree1:1et // May ContaiH Material Preteetee Uneer Fee. R. Criffl. P. 6(e)',
    'Att:orHe~· Work Proattet // Mtty CoHtttiH Mutefittl Pfoteetea UHaef Fee. R. Cfiffl. P. G(e)',
  ];
  it('are one repeated header, while different body lines at the top are not', () => {
    const pages = variants.map((v, i) =>
      pageOf(i + 1, [bodyText(5 * i), bodyText(5 * i + 1)], { fixed: [{ text: v, top: 30, size: 9 }] }),
    );
    const found = furnitureOf(pages);
    found.forEach((marks, p) => expect(marks.map(([t]) => t), `page ${p + 1}`).toEqual([variants[p].replace(/\s+/g, ' ')]));
  });
});

describe('pleading line numbers', () => {
  it('are stripped from the lines of a page numbered down its left margin, and kept elsewhere', async () => {
    const { stripLineNumbers } = await import('../../src/text/furniture.js');
    const { buildPageLines } = await import('../../src/text/lines.js');
    const { pageOf, bodyText } = await import('./helpers.js');
    // 28 numbered lines, the last one holding only its number
    const rows = [{ text: '1 II. BACKGROUND FACTS', bold: true }, ...Array.from({ length: 26 }, (_, k) => ({ text: `${k + 2} ${bodyText(k)}` })), { text: '28' }];
    const stripped = stripLineNumbers(buildPageLines(pageOf(1, rows, { leading: 24 })));
    expect(stripped).toHaveLength(27);
    expect(stripped[0].text).toBe('II. BACKGROUND FACTS');
    expect(stripped[1].text).toBe(bodyText(0));
    // a table's numbered rows, or a list, are no margin column: too few
    const table = buildPageLines(pageOf(1, Array.from({ length: 12 }, (_, k) => ({ text: `${k + 1} Agency Code R Text` }))));
    expect(stripLineNumbers(table).map((l) => l.text)).toEqual(table.map((l) => l.text));
  });

  it('are stripped from both columns of a condensed transcript (two transcript pages side by side)', async () => {
    const { stripLineNumbers } = await import('../../src/text/furniture.js');
    const { buildPageLines } = await import('../../src/text/lines.js');
    const { pageOf } = await import('./helpers.js');
    const said = ['Q. Where were you on March 3?', 'A. At the office.', 'Q. Who else was there?', 'A. Nobody else.'];
    const left = Array.from({ length: 22 }, (_, k) => ({ text: `${k + 1} ${said[k % 4]}`, size: 7 }));
    const right = Array.from({ length: 22 }, (_, k) => ({ text: `${k + 1} ${said[(k + 2) % 4]}`, top: 72 + 14 * k, x: 330, size: 7 }));
    const lines = buildPageLines(pageOf(1, left, { fixed: right }));
    const stripped = stripLineNumbers(lines);
    expect(stripped).toHaveLength(44);
    expect(stripped.filter((l) => /^\d/.test(l.text))).toEqual([]);
    expect(new Set(stripped.map((l) => l.text))).toEqual(new Set(said));
  });
});
