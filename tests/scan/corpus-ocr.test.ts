/**
 * OCR on real scans (read-only, from REDACTMAP_CORPUS): a clean scanned letter, the labels of the
 * Mueller-report boxes, and a declaration whose boxes are masked before OCR. Few pages: OCR is slow.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRasterBoxes } from '../../src/scan/raster-boxes.js';
import { renderPageGrey, scanScaleOf, type GreyImage } from '../../src/scan/render.js';
import { readPageFacts } from '../../src/facts/page-facts.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import type { PDFDocumentProxy } from '../../src/load/pdfjs.js';
import { OcrPool, type OcrWord } from '../../src/scan/ocr-pool.js';
import { maskBoxes } from '../../src/scan/mask.js';
import { readBoxLabels } from '../../src/scan/box-labels.js';
import { corpusFile, hasCorpus } from '../helpers/corpus.js';

const describeCorpus = hasCorpus ? describe : describe.skip;
if (!hasCorpus) console.warn('tests/ocr/corpus-ocr.test.ts: REDACTMAP_CORPUS is not set: OCR corpus tests skipped');

async function renderScan(name: string, p: number): Promise<GreyImage> {
  const doc: PDFDocumentProxy = await openPdf(await readPdfInput(new Uint8Array(await readFile(corpusFile(name))), name));
  try {
    const page = await doc.getPage(p);
    return await renderPageGrey(page, scanScaleOf((await readPageFacts(page)).facts));
  } finally {
    await doc.destroy();
  }
}

const find = (words: OcrWord[], text: string) => words.find((w) => w.text.replace(/[.,:;]$/, '') === text);

describeCorpus('OCR on scanned corpus pages', () => {
  let pool: OcrPool;
  beforeAll(async () => {
    pool = await OcrPool.create(2);
  });
  afterAll(async () => {
    await pool?.terminate();
  });

  it('recovers the text of the scanned USDA letter (27)', async () => {
    const img = await renderScan('27_18f_usda_foia_referral_scanned_control.pdf', 1);
    const words = await pool.recognize(img);
    expect(words.length).toBeGreaterThan(150);
    expect(find(words, 'Referral')).toBeDefined();
    for (const t of ['Freedom', 'Information', 'Dolan', 'Agriculture', 'February', 'Gillum', 'Sincerely', 'Enclosures']) {
      const w = find(words, t);
      expect(w, t).toBeDefined();
      expect(w!.confidence, t).toBeGreaterThan(75);
    }
    expect(words.map((w) => w.text).join(' ')).toContain('2014-OCIO-00651-F');
    // "Dear Ms. Dolan:" sits about 310 pt down the letter, in the text column
    const dear = find(words, 'Dear')!;
    expect(dear.bbox[1] / img.scale).toBeGreaterThan(260);
    expect(dear.bbox[1] / img.scale).toBeLessThan(350);
    expect(dear.bbox[0] / img.scale).toBeGreaterThan(100);
  });

  it('reads the white labels of the Mueller boxes (20, page D-3)', async () => {
    const img = await renderScan('20_mueller_appendixD_scanned_labeled_boxes.pdf', 5);
    const boxes = findRasterBoxes(img);
    const labels = await readBoxLabels(pool, img, boxes);
    const read = labels.filter((l): l is string => l !== undefined);
    expect(read.filter((l) => l === 'Harm to Ongoing Matter').length).toBeGreaterThanOrEqual(5);
    expect(read.filter((l) => l === 'HOM').length).toBeGreaterThanOrEqual(2);
    // every label is one of the two; the lines without a label stay undefined
    for (const l of read) expect(['Harm to Ongoing Matter', 'HOM']).toContain(l);
    expect(labels.filter((l) => l === undefined).length).toBeGreaterThanOrEqual(4);
  });

  it('masks the boxes of the scanned declaration (08) so OCR reads only the surviving text', async () => {
    const img = await renderScan('08_xray_no_bad_redactions.8.1_scanned_declaration.pdf', 1);
    const boxes = findRasterBoxes(img);
    const words = await pool.recognize(maskBoxes(img, boxes));
    const text = words.map((w) => w.text).join(' ');
    for (const t of ['Ignacio', 'Zaragoza', 'Mexico', 'perjury', 'quarantine']) expect(text).toContain(t);
    for (const w of words) {
      const cx = (w.bbox[0] + w.bbox[2]) / 2;
      const cy = (w.bbox[1] + w.bbox[3]) / 2;
      const inBox = boxes.some((b) => cx > b.pxBox[0] && cx < b.pxBox[2] && cy > b.pxBox[1] && cy < b.pxBox[3]);
      expect(inBox, w.text).toBe(false);
    }
  });
});
