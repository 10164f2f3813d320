/**
 * The tesseract.js pool on synthetic images (offline: the bundled English data). OCR is slow on
 * two cores, so one pool serves the whole file and the images are small.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRasterBoxes } from '../../src/scan/raster-boxes.js';
import { OcrPool, toPgm } from '../../src/scan/ocr-pool.js';
import { maskBoxes } from '../../src/scan/mask.js';
import { labelCrop, readBoxLabel, readBoxLabels } from '../../src/scan/box-labels.js';
import { addNoise, DPI300, drawPage, labelledBox, textLines } from '../raster/helpers.js';

describe('OcrPool set-up', () => {
  it('fails fast and clearly when the language data is missing', async () => {
    const t = performance.now();
    await expect(OcrPool.create(1, { langPath: '/nonexistent/tessdata' })).rejects.toThrow(/language data not found/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('writes binary PGM', () => {
    const pgm = toPgm({ width: 3, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5]) });
    expect(Buffer.from(pgm.subarray(0, 11)).toString('latin1')).toBe('P5\n3 2\n255\n');
    expect(Array.from(pgm.subarray(11))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('maskBoxes and labelCrop (no OCR)', () => {
  it('paints boxes white on a copy, in points or pixels', () => {
    const img = drawPage(100, 50, 2, (ctx) => {
      ctx.fillRect(10, 10, 20, 10);
      ctx.fillRect(60, 10, 20, 10);
    });
    const masked = maskBoxes(img, [[10, 10, 30, 20], { pxBox: [120, 20, 160, 40] }]);
    expect(img.data[15 * 2 * img.width + 20 * 2]).toBe(0); // the input is untouched
    expect(masked.data[15 * 2 * img.width + 20 * 2]).toBe(255);
    expect(masked.data[15 * 2 * img.width + 70 * 2]).toBe(255);
    expect(Math.min(...masked.data)).toBe(255);
  });

  it('crops only the label of a labelled box, and nothing of a plain one', () => {
    const img = addNoise(
      drawPage(400, 100, DPI300, (ctx) => {
        labelledBox(ctx, [40, 20, 360, 48], 'Harm to Ongoing Matter', 11);
        ctx.fillRect(40, 60, 200, 14);
      }),
      15,
      0.002,
    );
    const [labelled, plain] = findRasterBoxes(img);
    expect(labelCrop(img, plain)).toBeUndefined();
    const crop = labelCrop(img, labelled)!;
    expect(crop).toBeDefined();
    // the light region is the label at the box's top-left, not the whole box
    expect(crop.lightBox[0] / DPI300).toBeLessThan(45);
    expect(crop.lightBox[2] / DPI300).toBeLessThan(200);
    expect(crop.lightBox[3] / DPI300).toBeLessThan(36);
  });
});

describe('OcrPool recognition', () => {
  let pool: OcrPool;
  beforeAll(async () => {
    pool = await OcrPool.create(2);
  });
  afterAll(async () => {
    await pool?.terminate();
  });

  it('recognises words with pixel boxes and confidences, and a rectangle of the page', async () => {
    const img = addNoise(
      drawPage(420, 90, DPI300, (ctx) => {
        textLines(ctx, 20, 20, ['Referral of Records under the Freedom', 'of Information Act to the Department'], 14);
      }),
      10,
    );
    const words = await pool.recognize(img);
    const text = words.map((w) => w.text).join(' ');
    expect(text).toContain('Referral of Records under the Freedom');
    expect(text).toContain('Information Act');
    const freedom = words.find((w) => w.text === 'Freedom')!;
    expect(freedom.confidence).toBeGreaterThan(80);
    expect(freedom.bbox[0] / DPI300).toBeGreaterThan(150);
    expect(freedom.bbox[1] / DPI300).toBeGreaterThan(18);
    expect(freedom.bbox[3] / DPI300).toBeLessThan(40);
    expect(new Set(words.map((w) => w.line)).size).toBe(2);

    // only the second line; boxes stay in full-image pixels
    const top = Math.round(38 * DPI300);
    const second = await pool.recognize(img, { rectangle: { left: 0, top, width: img.width, height: img.height - top } });
    expect(second.map((w) => w.text).join(' ')).toContain('Information Act');
    expect(second.some((w) => w.text === 'Referral')).toBe(false);
    for (const w of second) expect(w.bbox[1]).toBeGreaterThanOrEqual(top - 2);
  });

  it('reads white labels on black boxes, and none on plain boxes', async () => {
    const img = addNoise(
      drawPage(400, 160, DPI300, (ctx) => {
        labelledBox(ctx, [40, 20, 360, 48], 'Harm to Ongoing Matter', 11);
        labelledBox(ctx, [40, 60, 120, 76], '(b)(6)', 11);
        ctx.fillRect(40, 90, 220, 14);
        labelledBox(ctx, [40, 120, 100, 136], 'HOM', 11);
      }),
      15,
      0.002,
    );
    const boxes = findRasterBoxes(img);
    expect(boxes).toHaveLength(4);
    expect(await readBoxLabel(pool, img, boxes[0])).toBe('Harm to Ongoing Matter');
    const labels = await readBoxLabels(pool, img, boxes);
    expect(labels).toEqual(['Harm to Ongoing Matter', '(b)(6)', undefined, 'HOM']);
  });

  it('runs jobs concurrently on the pool and rejects after terminate', async () => {
    const small = drawPage(200, 40, DPI300, (ctx) => textLines(ctx, 10, 10, ['Concurrent jobs'], 14));
    const all = await Promise.all([1, 2, 3].map(() => pool.recognize(small)));
    for (const words of all) expect(words.map((w) => w.text).join(' ')).toBe('Concurrent jobs');
    const other = await OcrPool.create(1);
    await other.terminate();
    await expect(other.recognize(small)).rejects.toThrow(/terminated/);
  });

  it('never writes traineddata into the working directory', () => {
    expect(existsSync(path.join(process.cwd(), 'eng.traineddata'))).toBe(false);
    expect(os.tmpdir()).toBeTruthy();
  });
});
