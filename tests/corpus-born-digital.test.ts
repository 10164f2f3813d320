/**
 * The born-digital rows of ../shared/corpus/README.md, asserted as that table says.
 */
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';
import { openPdf, readPdfInput } from '../src/load/open-pdf.js';
import { readPageFacts } from '../src/facts/page-facts.js';
import { detectPage } from '../src/detect/page-detections.js';
import type { BBox, Word } from '../src/model.js';
import { corpusFile, describeCorpus } from './helpers/corpus.js';
import { iou } from './helpers/boxes.js';

const reports = new Map<string, Report>();
const report = (name: string) => reports.get(name)!;
const NAMES = [
  '02_xray_rectangles_yes.pdf',
  '05_xray_multi_line_redaction_ok.pdf',
  '06_xray_whitespace_redactions.pdf',
  '07_xray_ok_words.pdf',
  '10_xray_rect_ordering_2.1_white_on_black_header.pdf',
  '11_xray_unfilled_rect.pdf',
  '12_xray_rectangles_no_control.pdf',
  '17_pins_source_control.pdf',
  '18_pins_proposed_highlight_annots.pdf',
  '19_pins_redacted_applied.pdf',
];

describeCorpus('corpus: born-digital filings', () => {
  beforeAll(async () => {
    for (const name of NAMES) reports.set(name, await analyze(corpusFile(name)));
  });

  it('every born-digital page is read from its text layer', () => {
    for (const name of NAMES) for (const p of report(name).pages) expect(p.textSource, name).toBe('text-layer');
  });

  it('02: black boxes over live text are leaks, with the text under them recovered', () => {
    const r = report('02_xray_rectangles_yes.pdf');
    expect(r.summary.redactions).toBe(3);
    expect(r.leaks).toHaveLength(3);
    const near = (box: BBox) => r.leaks.find((l) => l.bbox && iou(l.bbox, box) > 0.8);
    const no = near([141, 232, 167, 246]);
    const yes = near([273, 315, 537, 329]);
    expect(no?.text).toMatch(/^.?No.?$/);
    expect(yes?.text).toContain('Yes');
    expect(yes?.text).toContain('but did not disclose all relevant medical history');
    for (const l of r.leaks) expect(l.kind).toBe('text-under-box');
    // the leaked words are not shown as readable text
    expect(r.pages[0].text).not.toContain('did not disclose all relevant medical history');
  });

  it('05: multi-line boxes with the text removed are redactions without leaks', () => {
    const r = report('05_xray_multi_line_redaction_ok.pdf');
    expect(r.summary.redactions).toBeGreaterThanOrEqual(8);
    expect(r.leaks).toEqual([]);
  });

  it('06: boxes over whitespace only are redactions without leaks', () => {
    const r = report('06_xray_whitespace_redactions.pdf');
    expect(r.summary.redactions).toBeGreaterThanOrEqual(1);
    expect(r.leaks).toEqual([]);
  });

  it('07: boxes over a label word only are redactions without leaks', () => {
    const r = report('07_xray_ok_words.pdf');
    expect(r.summary.redactions).toBeGreaterThanOrEqual(1);
    expect(r.leaks).toEqual([]);
  });

  it('10: black header bars with white text drawn on top are not redactions', () => {
    const r = report('10_xray_rect_ordering_2.1_white_on_black_header.pdf');
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
    expect(r.pages[0].text).toContain('Fill in this information to identify your case');
  });

  it('11: a stroked, unfilled rectangle is not a redaction', () => {
    const r = report('11_xray_unfilled_rect.pdf');
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });

  it('12: a clean complaint page has no redaction and every section is readable', () => {
    const r = report('12_xray_rectangles_no_control.pdf');
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
    expect(r.sections.length).toBeGreaterThan(0);
    for (const s of r.sections) expect(s.status).toBe('readable');
  });

  it('17: the clean paragraph has no redaction', () => {
    const r = report('17_pins_source_control.pdf');
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });

  it('18: yellow highlight proposals hide nothing: no redaction, no leak', () => {
    const r = report('18_pins_proposed_highlight_annots.pdf');
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
    expect(r.pages[0].text).toContain('Riker');
  });

  it('19: the 9 applied redactions are found, and the words they removed are exactly the 17/19 difference', async () => {
    const r = report('19_pins_redacted_applied.pdf');
    expect(r.summary.redactions).toBe(9);
    expect(r.leaks).toEqual([]);
    const words = async (name: string): Promise<{ words: Word[]; boxes: BBox[] }> => {
      const doc = await openPdf(await readPdfInput(corpusFile(name)));
      const { facts, annotationShapes } = await readPageFacts(await doc.getPage(1));
      const d = detectPage(facts, { annotationShapes });
      await doc.destroy();
      return { words: d.words, boxes: d.redactions.map((x) => x.bbox) };
    };
    const source = await words('17_pins_source_control.pdf');
    const redacted = await words('19_pins_redacted_applied.pdf');
    const norm = (w: string) => w.replace(/[^\p{L}\p{N}]/gu, '');
    const count = (ws: string[]) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
    const before = count(source.words.map((w) => norm(w.text)).filter(Boolean));
    const after = count(redacted.words.map((w) => norm(w.text)).filter(Boolean));
    const removed: string[] = [];
    for (const [w, n] of before) for (let i = 0; i < n - (after.get(w) ?? 0); i++) removed.push(w);
    // the source words under the boxes found on 19
    const centre = (b: BBox) => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    const under = source.words
      .filter((w) => redacted.boxes.some((b) => {
        const [x, y] = centre(w.bbox);
        return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
      }))
      .map((w) => norm(w.text))
      .filter(Boolean);
    expect(removed.sort()).toEqual(under.sort());
    expect(removed).toEqual(expect.arrayContaining(['Riker', 'Phillipa', 'Commander', 'Data']));
  });
});
