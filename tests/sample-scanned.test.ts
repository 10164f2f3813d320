/**
 * The scanned twin of the sample (grey, noisy, skewed, JPEG, no text layer) against its truth:
 * redaction area precision and recall >= 0.97 over the document (>= 0.95 on every page), visible-word recall >= 0.98 and precision >= 0.97,
 * every section's status right, offline OCR; with each OCR engine (tesseract.js, and the tesseract
 * program when installed).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it as itAlways } from 'vitest';
import { findNativeTesseract } from '../src/scan/ocr-engine.js';
import { analyze } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';
import type { BBox } from '../src/model.js';
import { areaPrecisionRecall, iou, unionArea } from './helpers/boxes.js';
import { bagScores, sameTitle } from './helpers/words.js';

interface Truth {
  pages: number;
  redactions: { page: number; bbox: BBox }[];
  sections: { title: string; level: number; parent: string | null; status: string; pageStart: number }[];
  pageWords: Record<string, string[]>;
}
const truth: Truth = JSON.parse(readFileSync('samples/mou-scanned.truth.json', 'utf8'));

// both OCR engines, to the same thresholds; the native one when the tesseract program is installed
const native = await findNativeTesseract();
if (typeof native === 'string') console.warn(`\n*** scanned sample with the native OCR engine SKIPPED: ${native} ***\n`);
const engines = [
  { engine: 'wasm' as const, name: 'tesseract.js', run: true },
  { engine: 'native' as const, name: 'tesseract', run: typeof native !== 'string' },
];

describe.each(engines)('sample: scanned memorandum (OCR, --ocr-engine $engine)', ({ engine, name, run }) => {
  let report: Report;
  beforeAll(async () => {
    if (run) report = await analyze('samples/mou-scanned.pdf', { ocrEngine: engine });
  }, 600_000);
  const it = run ? itAlways : itAlways.skip;

  it('OCRs every page, offline, with the engine asked for, and reports its confidence', () => {
    expect(report.file.pages).toBe(truth.pages);
    for (const p of report.pages) {
      expect(p.textSource).toBe('ocr');
      expect(p.ocrEngine).toBe(name);
      expect(p.ocrConfidence).toBeGreaterThan(80);
    }
  });

  it('finds the burned-in redactions: area precision and recall >= 0.97 (>= 0.95 on every page)', () => {
    let inter = 0, found = 0, wanted = 0, foundArea = 0, wantedArea = 0;
    for (let page = 1; page <= truth.pages; page++) {
      const f = report.pages[page - 1].redactions.map((r) => r.bbox as BBox);
      const t = truth.redactions.filter((r) => r.page === page).map((r) => r.bbox);
      const pr = areaPrecisionRecall(f, t);
      expect(pr.precision, `page ${page}`).toBeGreaterThanOrEqual(0.95);
      expect(pr.recall, `page ${page}`).toBeGreaterThanOrEqual(0.95);
      expect(f.length, `page ${page} count`).toBe(t.length);
      inter += pr.inter;
      foundArea += unionArea(f);
      wantedArea += unionArea(t);
      found += f.length;
      wanted += t.length;
    }
    expect(found).toBe(wanted);
    expect(inter / foundArea, 'area precision').toBeGreaterThanOrEqual(0.97);
    expect(inter / wantedArea, 'area recall').toBeGreaterThanOrEqual(0.97);
    expect(report.pages.every((p) => p.redactions.every((r) => r.source === 'raster'))).toBe(true);
  });

  it('reads the small white exemption labels on the boxes: >= 95% right, none wrong', () => {
    const t = truth as unknown as { redactions: { page: number; bbox: BBox; label: string | null }[] };
    let right = 0, wrong = 0, labelled = 0;
    for (const want of t.redactions.filter((r) => r.label)) {
      labelled++;
      // the label as read ("(bX7XE)") and its category, the canonical code
      const got = report.pages[want.page - 1].redactions.find((r) => iou(r.bbox as BBox, want.bbox) > 0.5);
      if (got?.category === want.label) right++;
      else if (got?.label) wrong++;
    }
    // measured: 54 of 54 (7-8 pt white print in a 150 dpi scan; 43 before the code-only second reading)
    expect(right / labelled).toBeGreaterThanOrEqual(0.95);
    expect(wrong).toBe(0);
    expect(report.summary.redactionsByCategory['(b)(7)(E)']).toBeGreaterThanOrEqual(20);
  });

  it('recovers the visible words: recall >= 0.98, precision >= 0.97 (bag of words)', () => {
    const found = report.pages.flatMap((p) => p.text.replace(/\[REDACTED[^\]]*\]/g, ' ').split(/\s+/));
    const wanted = Object.values(truth.pageWords).flat();
    const { recall, precision } = bagScores(found, wanted);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(precision).toBeGreaterThanOrEqual(0.97);
  });

  it('gets every section\'s status right', () => {
    for (const t of truth.sections) {
      const s = report.sections.find((x) => sameTitle(x.title, t.title) && x.pageStart === t.pageStart);
      expect(s, `section ${t.title}`).toBeDefined();
      expect(s!.status, t.title).toBe(t.status);
    }
  });

  it('has the same tree as its born-digital twin: titles (numbering repaired), levels and parents', () => {
    const titleOf = new Map(report.sections.map((s) => [s.id, s.title]));
    // the title block, then exactly the truth's sections
    expect(report.sections[0].level).toBe(0);
    // a speck of dirt beside "AND" is no letter of the title (scan/ocr-words.ts, withoutSpecks)
    expect(report.sections[0].title).toMatch(/^MEMORANDUM OF UNDERSTANDING BETWEEN THE FEDERAL RECORDS INTEGRITY AGENCY AND THE OFFICE OF INTERAGENCY DATA EXCHANGE /);
    expect(
      report.sections.slice(1).map((s) => [s.title, s.level, s.parentId === null ? null : titleOf.get(s.parentId)]),
    ).toEqual(truth.sections.map((t) => [t.title, t.level, t.parent]));
    // OCR read VII. as "VIL" and VIII. as "VIIL": the sequence repaired them
    expect(report.sections.find((s) => s.title === 'VIII. POINTS OF CONTACT')?.titleAsRead).toBe('VIIL POINTS OF CONTACT');
  });

  it('has no leaks: a scan has no text under its boxes', () => {
    expect(report.leaks).toEqual([]);
  });
});
