/**
 * Raster redaction boxes on real scanned filings (read-only, from REDACTMAP_CORPUS).
 * Pages are rendered the way the pipeline will: at scanScale (the scan's own resolution).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRasterBoxes, type RasterBox } from '../../src/scan/raster-boxes.js';
import { renderPageGrey, scanScaleOf, type GreyImage } from '../../src/scan/render.js';
import { readPageFacts } from '../../src/facts/page-facts.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import type { PDFDocumentProxy } from '../../src/load/pdfjs.js';
import type { BBox } from '../../src/model.js';
import { corpusFile, hasCorpus } from '../helpers/corpus.js';
import { iou } from './helpers.js';

const describeCorpus = hasCorpus ? describe : describe.skip;
if (!hasCorpus) console.warn('tests/raster/corpus.test.ts: REDACTMAP_CORPUS is not set: raster corpus tests skipped');

async function open(name: string): Promise<PDFDocumentProxy> {
  return openPdf(await readPdfInput(new Uint8Array(await readFile(corpusFile(name))), name));
}

async function renderScan(doc: PDFDocumentProxy, p: number): Promise<GreyImage> {
  const page = await doc.getPage(p);
  return renderPageGrey(page, scanScaleOf((await readPageFacts(page)).facts));
}

const hits = (boxes: RasterBox[], want: BBox, min = 0.7) => boxes.filter((b) => iou(b.bbox, want) >= min).length;

describeCorpus('raster boxes: 08 scanned declaration (names redacted in the scan)', () => {
  let doc: PDFDocumentProxy;
  let img: GreyImage;
  let boxes: RasterBox[];
  beforeAll(async () => {
    doc = await open('08_xray_no_bad_redactions.8.1_scanned_declaration.pdf');
    img = await renderScan(doc, 1);
    boxes = findRasterBoxes(img);
  });
  afterAll(() => doc?.destroy());

  it('renders the page upright at the scan resolution (300 dpi)', () => {
    expect(img.scale * 72).toBeCloseTo(300, 0);
    expect([img.width, img.height]).toEqual([2550, 3300]);
  });

  it('finds the burned-in boxes', () => {
    // about thirty: the name fragments, the birth dates, A-numbers and the signature
    expect(boxes.length).toBeGreaterThanOrEqual(28);
    expect(boxes.length).toBeLessThanOrEqual(36);
    expect(hits(boxes, [391.9, 156.0, 490.8, 172.1])).toBe(1); // "My birthday is ████"
    expect(hits(boxes, [61.9, 641.3, 218.4, 677.0])).toBe(1); // the signature
    expect(hits(boxes, [311.5, 440.9, 378.2, 455.0])).toBe(1); // "his A number is ████"
    for (const b of boxes) {
      expect(b.darkRatio).toBeGreaterThan(0.9);
      expect(b.bbox[1]).toBeGreaterThan(60); // nothing in the printed case header
      expect(b.bbox[3] - b.bbox[1]).toBeLessThan(40);
    }
  });
});

describeCorpus('raster boxes: 20 Mueller report appendix D (labelled boxes)', () => {
  let doc: PDFDocumentProxy;
  const perPage: RasterBox[][] = [];
  beforeAll(async () => {
    doc = await open('20_mueller_appendixD_scanned_labeled_boxes.pdf');
    for (let p = 1; p <= doc.numPages; p++) perPage.push(findRasterBoxes(await renderScan(doc, p)));
  });
  afterAll(() => doc?.destroy());

  it('finds no box on the title and unredacted pages', () => {
    expect(perPage[0]).toEqual([]); // "Appendix D" title page: big bold serif letters
    expect(perPage[1]).toEqual([]);
    expect(perPage[2]).toEqual([]);
  });

  it('finds the two lines of the redaction on page D-2', () => {
    const boxes = perPage[3];
    expect(boxes).toHaveLength(2);
    expect(hits(boxes, [116, 551, 447.5, 569])).toBe(1);
    expect(hits(boxes, [116, 573.5, 389.5, 591])).toBe(1);
  });

  it('finds the labelled boxes of pages D-3 to D-6', () => {
    expect(perPage[4].length).toBeGreaterThanOrEqual(14);
    expect(perPage[5].length).toBeGreaterThanOrEqual(15);
    expect(perPage[6].length).toBeGreaterThanOrEqual(26);
    expect(perPage[7].length).toBeGreaterThanOrEqual(8);
    const all = perPage.flat();
    expect(all.length).toBeLessThanOrEqual(90);
    // the multi-line item 1 of the referrals (page D-4) is one group of full-width lines
    expect(hits(perPage[5], [82, 154, 526, 201.5])).toBe(1);
    expect(hits(perPage[5], [116, 307, 180.5, 322.5])).toBe(1); // "3. [HOM]"
    for (const b of all) {
      expect(b.darkRatio).toBeGreaterThan(0.7);
      expect(Math.abs(b.skewDeg)).toBeLessThan(1);
    }
  });
});

describeCorpus('raster boxes: 27 USDA letter (scanned, nothing redacted)', () => {
  it('finds no box: not the logo, the rules or the signature', async () => {
    const doc = await open('27_18f_usda_foia_referral_scanned_control.pdf');
    try {
      const img = await renderScan(doc, 1);
      expect(img.scale * 72).toBeCloseTo(300, 0);
      expect(img.height).toBeGreaterThan(img.width); // portrait once /Rotate is applied
      expect(findRasterBoxes(img)).toEqual([]);
    } finally {
      await doc.destroy();
    }
  });
});
