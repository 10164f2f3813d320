/**
 * The section tree on the real filings of ../shared/corpus: the scanned ICE 287(g) agreement (33)
 * gets its 18 top-level sections I.–XVIII., numbered right, at one level, all readable; the Mueller
 * appendix (20) gets its lists of cases as subsections; the
 * letters, memos, e-mails and scans (20, 27, 31, 32, 34, 35) get no debris for headings, and 34 no
 * letterhead or table line either; the
 * condensed transcript (11) gets no line of testimony for one.
 * 33, 34 and 35 have no text layer: OCR makes this file slow (about 2 minutes on an idle machine).
 */
import { expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';
import { corpusFile, describeCorpus } from './helpers/corpus.js';

const cache = new Map<string, Promise<Report>>();
const report = (name: string): Promise<Report> => {
  if (!cache.has(name)) cache.set(name, analyze(corpusFile(name)));
  return cache.get(name)!;
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII'];

/**
 * An independent test that a title reads as language (not the rule under test): of its tokens that
 * are not numbers, identifiers, numbering or redaction placeholders, at least 70 % are words
 * (letters, one case pattern, a vowel unless a short acronym), and one word has 4 letters. A title
 * that is only numbering and redactions (`4. [REDACTED HOM]`, a heading redacted whole) is fine.
 */
function readsAsLanguage(title: string): boolean {
  const tokens = title
    .replace(/\[REDACTED[^\]]*\]/g, ' ')
    .split(/\s+/)
    .filter((t) => t && !/\d/.test(t) && !/^[—–-]$/.test(t));
  const word = (t: string) => {
    const core = t.replace(/^["'“‘(]+|["'”’).,:;!?]+$/g, '');
    return /^(?:[A-Z]?[a-z]+(?:['’-][A-Za-z]+)*|[A-Z]+(?:['’&.-][A-Z]*)*)$/.test(core) && (/[aeiouyAEIOUY]/.test(core) || core.length <= 5);
  };
  const good = tokens.filter(word);
  if (tokens.length === 0) return /\[REDACTED/.test(title);
  return good.length / tokens.length >= 0.7 && good.some((t) => /[A-Za-z]{4}/.test(t));
}

describeCorpus('corpus: section trees', () => {
  it('33: the 18 sections I.–XVIII. at one level, numbering printed right, all readable, nothing else on top', async () => {
    const r = await report('33_ice_287g_moa_2025_scanned_no_text.pdf');
    const top = r.sections.filter((s) => s.parentId === null);
    const numbered = top.filter((s) => /^[IVX]+\. /.test(s.title));
    expect(numbered.map((s) => s.title.split(' ')[0])).toEqual(ROMAN.map((n) => `${n}.`));
    expect(numbered.map((s) => s.title)).toEqual([
      'I. PURPOSE',
      'II. AUTHORITY',
      'III. POLICY',
      'IV. TRAINING AND ASSIGNMENTS',
      'V. DESIGNATION OF AUTHORIZED FUNCTIONS',
      'VI. RESOLUTION OF LOCAL CHARGES',
      'VII. NOMINATION OF PERSONNEL',
      'VIII. TRAINING OF PERSONNEL',
      'IX. CERTIFICATION AND AUTHORIZATION',
      'X. COSTS AND EXPENDITURES',
      'XI. ICE SUPERVISION',
      'XII. REPORTING REQUIREMENTS',
      'XIII. RELEASE OF INFORMATION TO THIRD PARTIES',
      'XIV. LIABILITY AND RESPONSIBILITY',
      'XV. COMPLAINT PROCEDURES',
      'XVI. CIVIL RIGHTS STANDARDS',
      'XVII. MODIFICATION OF THIS MOA',
      'XVIII. EFFECTIVE DATE, SUSPENSION, AND TERMINATION OF THIS MOA',
    ]);
    expect(new Set(numbered.map((s) => s.level))).toEqual(new Set([1]));
    expect(numbered.every((s) => s.status === 'readable')).toBe(true);
    // misread numerals are repaired, and the reading kept
    expect(numbered.filter((s) => s.titleAsRead).length).toBeGreaterThanOrEqual(5);
    // the rest of the top level: the title block and the three appendices, nothing else
    const others = top.filter((s) => !numbered.includes(s));
    expect(others.map((s) => s.level)).toEqual([0, 1, 1, 1]);
    expect(others[0].title).toMatch(/^MEMORANDUM OF AGREEMENT/);
    expect(others.slice(1).map((s) => s.title.split(' ').slice(0, 2).join(' '))).toEqual(['APPENDIX A', 'APPENDIX B', 'APPENDIX C']);
    expect(r.summary.sections.topLevel).toMatchObject({ readable: 22, partial: 0, redacted: 0, unread: 0 });
  }, 600_000);

  for (const [name, most] of [
    ['20_mueller_appendixD_scanned_labeled_boxes.pdf', 25],
    ['27_18f_usda_foia_referral_scanned_control.pdf', 2],
    ['31_fbi_1969_memo_scanned_marker_and_white_boxes.pdf', 3],
    ['32_dhs_email_white_b6_boxes.pdf', 3],
    ['34_cpd_hailstorm_release_scanned_burned_in_boxes.pdf', 6],
    ['35_ndcal_stipulation_scan_blue_signature.pdf', 2],
  ] as const) {
    it(`${name.slice(0, 2)}: every heading reads as language, and there are few of them (at most ${most})`, async () => {
      const r = await report(name);
      const headings = r.sections.filter((s) => s.level > 0);
      expect(headings.filter((s) => !readsAsLanguage(s.title)).map((s) => s.title)).toEqual([]);
      expect(r.sections.length).toBeLessThanOrEqual(most);
    }, 600_000);
  }

  it('20: the cases of each list are its subsections (A. Transfers 1.–11., C. Completed Prosecutions 1.–3.)', async () => {
    const r = await report('20_mueller_appendixD_scanned_labeled_boxes.pdf');
    const children = (title: string) => {
      const parent = r.sections.find((s) => s.title === title)!;
      return r.sections.filter((s) => s.parentId === parent.id).map((s) => s.title.split(' ')[0]);
    };
    // item 1 reads "Kami! Ekim" in the file's OCR layer, item 4 runs to the right edge; 11 is read "1 I."
    expect(children('A. Transfers')).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']);
    expect(r.sections.find((s) => s.title.startsWith('11. '))?.titleAsRead).toMatch(/^1 I\. /);
    expect(children('C. Completed Prosecutions')).toEqual(['1.', '2.', '3.']);
  }, 600_000);

  it('34: letterheads and table lines are no sections; the terms of sale are one', async () => {
    const r = await report('34_cpd_hailstorm_release_scanned_burned_in_boxes.pdf');
    const titles = r.sections.map((s) => s.title);
    expect(titles[0]).toMatch(/^SUBJECT: Quote/);
    expect(titles.some((t) => t.startsWith('TERMS AND CONDITIONS OF SALE'))).toBe(true);
    // the company line over the terms, the quotation's letterhead and Bill To name (isLetterheadStart,
    // isAddressName), a turned price table's column labels (standsOnEnd), a redacted table's first cell (underTallBox)
    expect(titles.filter((t) => /HARRIS CORPORATION|GOVERNMENT COMMUNICATIONS|Bureau of Organized|MT-KF|Subscriptions/.test(t))).toEqual([]);
  }, 600_000);

  it('27: a letter is titled by its subject line, not its letterhead', async () => {
    const r = await report('27_18f_usda_foia_referral_scanned_control.pdf');
    expect(r.sections[0].title).toMatch(/^RE: Referral of Records/);
  }, 600_000);

  it('32: an e-mail thread has one section per message', async () => {
    const r = await report('32_dhs_email_white_b6_boxes.pdf');
    const messages = r.sections.filter((s) => s.level === 1);
    expect(messages.map((s) => s.title.split(' — ')[0])).toEqual([
      // the sender's name is in a white (b)(6) box (found since issue 8 part A): the title says so
      'RE: Question about Unauthorized Disclosures Email fronf [REDACTED (b)(6)] 13 Oct 2020',
      'Question about Unauthorized Disclosures Email from [REDACTED (b)(6)] n 13 Oct 2020',
    ]);
  }, 600_000);

  it('11: a condensed deposition transcript (four pages to a sheet, the last set larger) has no line of testimony for a heading', async () => {
    const r = await analyze(corpusFile('11_xray_unfilled_rect.pdf'), { ocr: 'never' });
    // its header, stamped twice, reads once; the line numbers of both columns are no numbering
    expect(r.sections[0].title).toBe('CRYSTAL M. LONG');
    expect(r.sections.length).toBeLessThanOrEqual(2);
    expect(r.sections.map((s) => s.title).join('\n')).not.toMatch(/You ready|Good afternoon|Metcho/);
  });

  it('35: the filing stamp is not the title', async () => {
    const r = await report('35_ndcal_stipulation_scan_blue_signature.pdf');
    expect(r.sections[0].title).toBe('UNITED STATES DISTRICT COURT');
  }, 600_000);
});
