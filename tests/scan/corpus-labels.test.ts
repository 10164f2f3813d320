/**
 * The label reader on real scans (REDACTMAP_CORPUS), on boxes given by hand (measured on the
 * renders, points): finding white, outlined and coloured boxes is the box finder's job and is
 * tested there; here each box's label must be read whatever its colour, inside or beside the box.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderPageGrey, scanScaleOf, type GreyImage } from '../../src/scan/render.js';
import { readPageFacts } from '../../src/facts/page-facts.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import { OcrPool } from '../../src/scan/ocr-pool.js';
import { readBoxLabels } from '../../src/scan/box-labels.js';
import { labelCategory } from '../../src/scan/exemptions.js';
import type { BBox, RedactionStyle } from '../../src/model.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

async function render(name: string, p: number): Promise<GreyImage> {
  const doc = await openPdf(await readPdfInput(new Uint8Array(await readFile(corpusFile(name))), name));
  try {
    const page = await doc.getPage(p);
    return await renderPageGrey(page, scanScaleOf((await readPageFacts(page)).facts), { colour: true });
  } finally {
    await doc.destroy();
  }
}

let pool: OcrPool;
async function labels(name: string, p: number, boxes: BBox[], style: RedactionStyle): Promise<(string | undefined)[]> {
  const img = await render(name, p);
  return readBoxLabels(pool, img, boxes.map((b) => ({ pxBox: b.map((v) => v * img.scale) as BBox, style })));
}

describeCorpus('labels on real scans', () => {
  beforeAll(async () => {
    pool = await OcrPool.create(2);
  });
  afterAll(async () => {
    await pool?.terminate();
  });

  it('32: the (b)(6) printed small inside the white outlined boxes (10 of 11; one is typed over the outline)', async () => {
    const p1 = await labels('32_dhs_email_white_b6_boxes.pdf', 1, [
      [158.4, 84.0, 500.2, 182.4], [358.1, 184.3, 394.1, 198.7], [349.4, 277.9, 528.5, 292.8], [87.8, 293.8, 277.4, 311.0],
      [69.6, 369.1, 185.3, 390.2], [70.6, 415.2, 498.2, 474.2], [97.0, 611.5, 343.2, 625.4], [149.8, 637.4, 266.4, 649.4],
      [352.3, 650.9, 396.0, 665.3],
    ], 'outline');
    const p2 = await labels('32_dhs_email_white_b6_boxes.pdf', 2, [[67.2, 110.4, 148.3, 126.2], [164.2, 162.2, 538.1, 233.3]], 'outline');
    const read = [...p1, ...p2].filter((l) => l !== undefined);
    expect(read.length).toBeGreaterThanOrEqual(10);
    for (const l of read) expect(labelCategory(l)).toBe('(b)(6)');
  });

  it('31: the codes typed in the margin beside the first white box, and none beside the others', async () => {
    const read = await labels('31_fbi_1969_memo_scanned_marker_and_white_boxes.pdf', 1, [
      [286, 327.5, 517, 369], [287, 383, 484, 428], [288, 446, 361, 469], [284, 471, 518, 572],
    ], 'outline');
    expect(labelCategory(read[0])).toBe('(b)(6), (b)(7)(C), (b)(7)(D)');
    expect(read.slice(1)).toEqual([undefined, undefined, undefined]);
  });

  it('30 p21: the dark 7(1)(c) on light-blue boxes in a screenshot', async () => {
    const read = await labels('30_metra_slide_deck_footer_bars_map_pins.pdf', 21, [[613, 105, 717, 133], [496, 193, 714, 219], [484, 267, 650, 451]], 'solid');
    expect(read.map(labelCategory)).toEqual(['7(1)(c)', '7(1)(c)', '7(1)(c)']);
  });

  it('34 p1: the tiny white REDACTED printed against the top edge of black boxes', async () => {
    // boxes as the raster finder gives them (the last one stops 15 pt short of its label)
    const read = await labels('34_cpd_hailstorm_release_scanned_burned_in_boxes.pdf', 1, [
      [298.56, 318.24, 413.76, 328.8], [322.08, 334.08, 516, 349.44], [56.16, 344.16, 158.4, 359.04],
      [169.92, 418.56, 516.96, 432.96], [71.52, 431.04, 108.48, 444.96],
    ], 'solid');
    expect(read.filter((l) => l === 'REDACTED').length).toBeGreaterThanOrEqual(4);
    expect(read.filter((l) => l !== undefined && l !== 'REDACTED').every((l) => !labelCategory(l))).toBe(true);
  });
});
