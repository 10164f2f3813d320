/**
 * The section tree on generated multi-page PDFs whose truth is known by construction
 * (tests/text/make-outline-pdfs.ts): parents holding only subsections, `I.` as a letter after `H.`,
 * decimal ladders, OCR-misread numerals, a letter, an e-mail thread and a form. Tree, levels and
 * statuses are asserted exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { formatMarkdown } from '../src/output/markdown.js';
import { formatSummary } from '../src/output/terminal.js';
import type { Report } from '../src/report/schema.js';
import { decimalLines, emailLines, formLines, letterILines, letterLines, makeDocument, misreadLines, parentsOnlyLines, type LineSpec } from './text/make-outline-pdfs.js';

const reports = new Map<string, Report>();
const run = async (name: string, lines: LineSpec[]) => reports.set(name, await analyze(await makeDocument(lines, { pageNumbers: true }), { path: `${name}.pdf` }));

/** [title, level, parent's title or null, status, pageStart, pageEnd] of every section. */
function tree(r: Report): [string, number, string | null, string, number, number][] {
  const title = new Map(r.sections.map((s) => [s.id, s.title]));
  return r.sections.map((s) => [s.title, s.level, s.parentId === null ? null : title.get(s.parentId)!, s.status, s.pageStart, s.pageEnd]);
}

beforeAll(async () => {
  await run('parents', parentsOnlyLines());
  await run('letterI', letterILines());
  await run('decimal', decimalLines());
  await run('misread', misreadLines());
  await run('letter', letterLines());
  await run('email', emailLines());
  await run('form', formLines());
});

describe('a parent counts its whole extent', () => {
  it('is redacted when all its subsections are, partial when one is, and ends where its last subsection ends', () => {
    const r = reports.get('parents')!;
    expect(tree(r)).toEqual([
      ['MEMORANDUM OF AGREEMENT BETWEEN THE RECORDS OFFICE AND THE REVIEW BOARD', 0, null, 'readable', 1, 1],
      ['I. PURPOSE', 1, null, 'readable', 1, 1],
      ['II. RESPONSIBILITIES', 1, null, 'redacted', 1, 1],
      ['A. Duties of the Office', 2, 'II. RESPONSIBILITIES', 'redacted', 1, 1],
      ['B. Duties of the Board', 2, 'II. RESPONSIBILITIES', 'redacted', 1, 1],
      ['III. SECURITY', 1, null, 'partial', 2, 2],
      ['A. Technical Controls', 2, 'III. SECURITY', 'readable', 2, 2],
      ['B. Incident Reporting', 2, 'III. SECURITY', 'partial', 2, 2],
      ['IV. TERM', 1, null, 'readable', 2, 3],
    ]);
  });

  it('sums its subsections into its figures and keeps its own body apart', () => {
    const r = reports.get('parents')!;
    const s = (t: string) => r.sections.find((x) => x.title === t)!;
    const ii = s('II. RESPONSIBILITIES');
    const [a, b] = [s('A. Duties of the Office'), s('B. Duties of the Board')];
    expect(ii.own).toEqual({ visibleWords: 0, hiddenWordsEstimate: 0, readableRatio: 1 });
    expect(ii.visibleWords).toBe(0);
    expect(ii.redactionIds).toEqual([...a.redactionIds, ...b.redactionIds]);
    expect(ii.redactionIds).toHaveLength(6);
    // the parent's estimate is the sum of its redactions' estimates, rounded once
    const byId = new Map(r.pages.flatMap((p) => p.redactions.map((x) => [x.id, x.hiddenWordsEstimate])));
    expect(ii.hiddenWordsEstimate).toBe(Math.round(ii.redactionIds.reduce((n, id) => n + byId.get(id)!, 0)));
    const iii = s('III. SECURITY');
    expect(iii.visibleWords).toBe(s('A. Technical Controls').visibleWords + s('B. Incident Reporting').visibleWords);
    expect(iii.readableRatio).toBeGreaterThan(0.9);
    expect(iii.own.visibleWords).toBe(0);
    expect(r.summary.sections.topLevel).toEqual({ total: 5, readable: 3, partial: 1, redacted: 1, unread: 0 });
    expect(r.summary.sections.all).toEqual({ total: 9, readable: 4, partial: 2, redacted: 3, unread: 0 });
  });

  it('shows the tree indented by depth, with counts that say which level they count', () => {
    const r = reports.get('parents')!;
    const text = formatSummary(r);
    expect(text).toContain('Top-level sections (5): 3 readable · 1 partial · 1 redacted');
    expect(text).toContain('All sections, subsections included (9): 4 readable · 2 partial · 3 redacted');
    expect(text).toMatch(/\n {2}redacted +0% {2}II\. RESPONSIBILITIES {2}p1\n {2}redacted +0% {4}A\. Duties of the Office/);
    const md = formatMarkdown(r);
    expect(md).toContain('| ↳ A. Duties of the Office | 1 | **redacted** |');
    expect(md).toContain('- 9 sections in all, subsections included: 4 readable, 2 partial, 3 redacted');
  });
});

describe('levels from the outline ladder', () => {
  it('reads I. after H. as the ninth letter, under I. DEFINITIONS', () => {
    const t = tree(reports.get('letterI')!);
    expect(t.map(([title, level, parent]) => [title.slice(0, 2), level, parent])).toEqual([
      ['I.', 1, null],
      ...[...'ABCDEFGHIJ'].map((c) => [`${c}.`, 2, 'I. DEFINITIONS']),
      ['II', 1, null],
    ]);
  });

  it('nests decimal numbering 1. > 1.1 > 1.1.1 > (a), statuses rolled up', () => {
    expect(tree(reports.get('decimal')!)).toEqual([
      ['1. Scope', 1, null, 'partial', 1, 1],
      ['1.1 Records Covered', 2, '1. Scope', 'partial', 1, 1],
      ['1.1.1 Paper Records', 3, '1.1 Records Covered', 'partial', 1, 1],
      ['(a) Bound Volumes', 4, '1.1.1 Paper Records', 'partial', 1, 1],
      ['(b) Loose Files', 4, '1.1.1 Paper Records', 'readable', 1, 1],
      ['1.2 Records Excluded', 2, '1. Scope', 'readable', 1, 1],
      ['2. Term', 1, null, 'partial', 1, 1],
      ['2.1 Renewal', 2, '2. Term', 'redacted', 1, 1],
    ]);
  });

  it('repairs OCR-misread numerals by their sequence and keeps what was read', () => {
    const r = reports.get('misread')!;
    expect(r.sections.map((s) => [s.title, s.level, s.titleAsRead ?? null])).toEqual([
      ['I. PURPOSE', 1, 'L PURPOSE'],
      ['II. AUTHORITY', 1, 'IL AUTHORITY'],
      ['A. Federal Authority', 2, null],
      ['B. State Authority', 2, null],
      ['III. POLICY', 1, 'Ill. POLICY'],
      ['IV. TRAINING', 1, 'Iv. TRAINING'],
      ['V. DESIGNATION OF FUNCTIONS', 1, 'Vv. DESIGNATION OF FUNCTIONS'],
      ['VI. LOCAL CHARGES', 1, 'VIL LOCAL CHARGES'],
      ['VII. NOMINATION OF PERSONNEL', 1, 'VIL NOMINATION OF PERSONNEL'],
      ['VIII. TRAINING OF PERSONNEL', 1, 'VII. TRAINING OF PERSONNEL'],
      ['IX. CERTIFICATION', 1, null],
    ]);
    expect(r.sections.filter((s) => s.parentId !== null).map((s) => s.parentId)).toEqual(['s2', 's2']);
  });
});

describe('documents without an outline get few sections', () => {
  it('a letter: titled by its subject line; letterhead, date, addresses and signature are no headings', () => {
    expect(tree(reports.get('letter')!)).toEqual([
      ['RE: Referral of Records under the Freedom of Information Act', 0, null, 'readable', 1, 1],
      ['REFERRAL OF FOUR PAGES', 1, null, 'partial', 1, 1],
    ]);
  });

  it('an e-mail thread: one section per message, titled by subject, sender and date', () => {
    expect(tree(reports.get('email')!)).toEqual([
      ['RE: Question about disclosures — [REDACTED], Wednesday, October 14, 2020 6:55 AM', 1, null, 'partial', 1, 1],
      ['RE: Question about disclosures — Records Review Board, Tuesday, October 13, 2020 4:04 PM', 1, null, 'readable', 1, 1],
      ['Question about disclosures — John Smith, Tuesday, October 13, 2020 9:12 AM', 1, null, 'partial', 1, 2],
    ]);
  });

  it('a form: its title and its parts, no field, blank or check box', () => {
    expect(tree(reports.get('form')!)).toEqual([
      ['REQUEST FOR RECORDS REVIEW Form RR-12 (Rev. 03/2020)', 0, null, 'readable', 1, 1],
      ['Part 1: Identify Yourself', 1, null, 'readable', 1, 1],
      ['Part 2: The Request', 1, null, 'partial', 1, 1],
    ]);
  });
});
