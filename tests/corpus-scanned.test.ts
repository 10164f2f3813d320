/**
 * The scanned rows of ../shared/corpus/README.md (08, 20, 27), end to end through analyze().
 */
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';
import { corpusFile, describeCorpus } from './helpers/corpus.js';

const reports = new Map<string, Report>();

describeCorpus('corpus: scanned filings', () => {
  beforeAll(async () => {
    for (const name of [
      '08_xray_no_bad_redactions.8.1_scanned_declaration.pdf',
      '20_mueller_appendixD_scanned_labeled_boxes.pdf',
      '27_18f_usda_foia_referral_scanned_control.pdf',
    ])
      reports.set(name, await analyze(corpusFile(name)));
  }, 600_000);

  it('08: names blacked out in the scan are found; the text layer of dates leaks nothing', () => {
    const r = reports.get('08_xray_no_bad_redactions.8.1_scanned_declaration.pdf')!;
    expect(r.summary.redactions).toBeGreaterThanOrEqual(20);
    expect(r.leaks).toEqual([]);
    // the layer holds only dates, so the page is OCRed
    expect(r.pages[0].textSource).toBe('ocr');
    expect(r.pages[0].text).toMatch(/Declaration/);
  });

  it('20: labelled boxes burned into the scan are found as raster redactions, labels read, no leak', () => {
    const r = reports.get('20_mueller_appendixD_scanned_labeled_boxes.pdf')!;
    expect(r.file.pages).toBe(8);
    expect(r.summary.redactionsBySource.raster).toBeGreaterThanOrEqual(30);
    expect(r.leaks).toEqual([]);
    const labels = r.pages.flatMap((p) => p.redactions.map((x) => x.label ?? ''));
    expect(labels.filter((l) => /^(Harm to Ongoing Matter|HOM)$/i.test(l)).length).toBeGreaterThanOrEqual(20);
    // "Harm to Ongoing Matter" and "HOM" are one category, counted in the summary
    expect(Object.keys(r.summary.redactionsByCategory)).toEqual(['Harm to Ongoing Matter']);
    expect(r.summary.redactionsByCategory['Harm to Ongoing Matter']).toBe(labels.filter(Boolean).length);
    // the running header, garbled differently by OCR on every page, is furniture, not a section
    expect(r.sections.filter((s) => /Attorney|Work Pro/i.test(s.title))).toEqual([]);
    // the title pages hold no redaction (a big bold title is not a box)
    expect(r.pages[0].redactions).toEqual([]);
    expect(r.pages[1].redactions).toEqual([]);
  });

  it('27: the scanned letter has no redaction and its text is recovered by OCR', () => {
    const r = reports.get('27_18f_usda_foia_referral_scanned_control.pdf')!;
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
    expect(r.pages[0].textSource).toBe('ocr');
    expect(r.pages[0].ocrConfidence).toBeGreaterThan(80);
    for (const phrase of ['Referral of Records', 'Freedom of Information Act', 'Dear Ms. Dolan', '2014-OCIO-00651-F']) {
      expect(r.pages[0].text).toContain(phrase);
    }
  });
});
