/**
 * The native OCR engine (the tesseract program, long-lived processes fed a file list) beside the
 * tesseract.js pool: engine choice, the BMP it writes, and the same words and boxes from both on
 * synthetic images. Recognition tests need `tesseract` 5+ with English (Debian tesseract-ocr; CI
 * installs it) and are skipped, loudly, without it.
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findNativeTesseract, startOcrEngine, type OcrEngine } from '../../src/scan/ocr-engine.js';
import { NativeOcrPool, NATIVE_MODEL_BY_LAYOUT, NATIVE_SPARE_PROCESSES, toBmp } from '../../src/scan/ocr-native.js';
import { findRasterBoxes } from '../../src/scan/raster-boxes.js';
import { readBoxLabel, readBoxLabels } from '../../src/scan/box-labels.js';
import { OCR_ENGINE_ENV, resolveSettings, SettingsError } from '../../src/settings.js';
import { addNoise, DPI300, drawPage, labelledBox, textLines } from '../raster/helpers.js';

const native = await findNativeTesseract();
const hasNative = typeof native !== 'string';
if (!hasNative) console.warn(`\n*** native OCR engine tests SKIPPED: ${native} ***\n`);

const ocrTempDirs = () => readdirSync(os.tmpdir()).filter((d) => d.startsWith('redactmap-ocr-'));

describe('choosing the OCR engine', () => {
  const saved = process.env[OCR_ENGINE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[OCR_ENGINE_ENV];
    else process.env[OCR_ENGINE_ENV] = saved;
  });

  it('defaults to auto, takes REDACTMAP_OCR_ENGINE when the caller gives none, and rejects a bad value', () => {
    delete process.env[OCR_ENGINE_ENV];
    expect(resolveSettings({}).ocrEngine).toBe('auto');
    process.env[OCR_ENGINE_ENV] = 'wasm';
    expect(resolveSettings({}).ocrEngine).toBe('wasm');
    expect(resolveSettings({ ocrEngine: 'native' }).ocrEngine).toBe('native');
    process.env[OCR_ENGINE_ENV] = 'fast';
    expect(() => resolveSettings({})).toThrow(SettingsError);
    expect(() => resolveSettings({})).toThrow(/REDACTMAP_OCR_ENGINE must be one of auto, wasm, native/);
  });

  it('says why a missing program cannot be the native engine, and `native` then fails with that reason', async () => {
    expect(await findNativeTesseract('no-such-tesseract-program')).toMatch(/not installed/);
    await expect(startOcrEngine(1, 'native', { program: 'no-such-tesseract-program' })).rejects.toThrow(
      /OCR engine "native" unavailable: the no-such-tesseract-program program is not installed/,
    );
  });

  it('auto falls back to tesseract.js when the program is missing', async () => {
    const engine = await startOcrEngine(1, 'auto', { program: 'no-such-tesseract-program' });
    try {
      expect(engine.name).toBe('tesseract.js');
    } finally {
      await engine.terminate();
    }
  });

  it('writes 8-bit grey BMP, bottom-up, with the resolution tesseract reads back', () => {
    const bmp = toBmp({ width: 3, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5]) }, 150);
    expect(bmp.toString('latin1', 0, 2)).toBe('BM');
    expect(bmp.readInt32LE(18)).toBe(3);
    expect(bmp.readInt32LE(22)).toBe(2);
    expect(bmp.readUInt16LE(28)).toBe(8);
    expect(Math.round(bmp.readInt32LE(38) / 39.37)).toBe(150); // leptonica's conversion
    const offset = bmp.readUInt32LE(10);
    expect(bmp.length).toBe(offset + 2 * 4); // rows padded to 4 bytes
    expect(Array.from(bmp.subarray(offset, offset + 3))).toEqual([3, 4, 5]); // bottom row first
    expect(Array.from(bmp.subarray(offset + 4, offset + 7))).toEqual([0, 1, 2]);
  });

  it('reads page text and labels with best_int, as tesseract.js does', () => {
    for (const model of Object.values(NATIVE_MODEL_BY_LAYOUT)) expect(model).toBe('best_int');
  });
});

describe.skipIf(!hasNative)('native engine recognition', () => {
  let pool: NativeOcrPool;
  beforeAll(async () => {
    pool = await NativeOcrPool.create(2);
  }, 60_000);
  afterAll(async () => {
    await pool?.terminate();
  });

  const page = () =>
    addNoise(
      drawPage(420, 90, DPI300, (ctx) => {
        textLines(ctx, 20, 20, ['Referral of Records under the Freedom', 'of Information Act to the Department'], 14);
      }),
      10,
    );

  it('recognises words with pixel boxes, confidences and lines, and a rectangle of the page', async () => {
    const img = page();
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
    expect(await readBoxLabels(pool, img, boxes)).toEqual(['Harm to Ongoing Matter', '(b)(6)', undefined, 'HOM']);
  });

  it('reads only the characters of a whitelist, for that job only (a process of its own)', async () => {
    const img = drawPage(300, 40, DPI300, (ctx) => textLines(ctx, 10, 10, ['Exemption (b)(7)(E)'], 14));
    const all = (await pool.recognize(img, { layout: 'block' })).map((w) => w.text).join(' ');
    expect(all).toContain('Exemption');
    const codes = (await pool.recognize(img, { layout: 'block', charWhitelist: '()0123456789bE' })).map((w) => w.text).join(' ');
    expect(codes).not.toMatch(/[acdfg-zA-DF-Z]/);
    expect(codes).toContain('(b)(7)(E)');
    // the whitelist does not stay with the layout's own process
    expect((await pool.recognize(img, { layout: 'block' })).map((w) => w.text).join(' ')).toBe(all);
  });

  it('shares processes between workers by layout, keeping at most size + NATIVE_SPARE_PROCESSES alive', async () => {
    const one = await NativeOcrPool.create(1);
    try {
      const img = drawPage(80, 24, DPI300, (ctx) => textLines(ctx, 4, 4, ['(b)(6)'], 12));
      const layouts = [{ layout: 'auto' }, { layout: 'block' }, { layout: 'sparse' }, { layout: 'line' }, { layout: 'word' }, { layout: 'block', charWhitelist: '()0123456789bE' }] as const;
      for (const opts of layouts) {
        await one.recognize(img, opts);
        expect(one.processes).toBeLessThanOrEqual(1 + NATIVE_SPARE_PROCESSES);
      }
      expect(one.spawned).toBe(layouts.length);
      // the layouts used last are still alive: no new process for them
      await one.recognize(img, { layout: 'block', charWhitelist: '()0123456789bE' });
      await one.recognize(img, { layout: 'word' });
      expect(one.spawned).toBe(layouts.length);
      // the one used longest ago was stopped: it starts again
      await one.recognize(img, { layout: 'auto' });
      expect(one.spawned).toBe(layouts.length + 1);
    } finally {
      await one.terminate();
    }
  }, 300_000);

  it('gives a box-label layout one process (its concurrent jobs wait for it) and page text up to `size`', async () => {
    const two = await NativeOcrPool.create(2);
    try {
      const img = drawPage(80, 24, DPI300, (ctx) => textLines(ctx, 4, 4, ['(b)(6)'], 12));
      const started = two.spawned; // the page-text process that checked the program runs
      const labels = await Promise.all([1, 2, 3, 4].map(() => two.recognize(img, { layout: 'block' })));
      for (const words of labels) expect(words.map((w) => w.text).join(' ')).toBe('(b)(6)');
      expect(two.spawned).toBe(started + 1);
      const coded = await Promise.all([1, 2, 3].map(() => two.recognize(img, { layout: 'block', charWhitelist: '()0123456789b' })));
      for (const words of coded) expect(words.map((w) => w.text).join(' ')).toBe('(b)(6)');
      expect(two.spawned).toBe(started + 2);
      await Promise.all([1, 2].map(() => two.recognize(img)));
      expect(two.spawned).toBe(started + 3); // a second page-text process beside the first
      expect(two.processes).toBeLessThanOrEqual(2 + NATIVE_SPARE_PROCESSES);
    } finally {
      await two.terminate();
    }
  }, 300_000);

  it('runs jobs concurrently, restarts a process that overran its time limit, and rejects after terminate', async () => {
    const small = drawPage(200, 40, DPI300, (ctx) => textLines(ctx, 10, 10, ['Concurrent jobs'], 14));
    const all = await Promise.all([1, 2, 3].map(() => pool.recognize(small)));
    for (const words of all) expect(words.map((w) => w.text).join(' ')).toBe('Concurrent jobs');
    await expect(pool.recognize(page(), { timeoutMs: 1 })).rejects.toThrow(/timed out/);
    expect((await pool.recognize(small)).map((w) => w.text).join(' ')).toBe('Concurrent jobs');

    const before = ocrTempDirs().length;
    const other = await NativeOcrPool.create(1);
    expect(ocrTempDirs().length).toBe(before + 1);
    await other.terminate();
    expect(ocrTempDirs().length).toBe(before); // its temporary folder is gone
    await expect(other.recognize(small)).rejects.toThrow(/terminated/);
  });

  it('fails a job clearly when the program cannot run, without hanging', async () => {
    const broken = await NativeOcrPool.create(1, { tessdataDir: '/nonexistent-tessdata' }).catch((e: Error) => e);
    expect(broken).toBeInstanceOf(Error);
    expect((broken as Error).message).toMatch(/OCR engine "native" failed to start: tesseract exited/);
  });
});

describe.skipIf(!hasNative)('both engines on the same images', () => {
  let wasm: OcrEngine;
  let nat: OcrEngine;
  beforeAll(async () => {
    [wasm, nat] = await Promise.all([startOcrEngine(1, 'wasm'), startOcrEngine(1, 'native')]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([wasm?.terminate(), nat?.terminate()]);
  });

  it('are what they say they are', () => {
    expect(wasm.name).toBe('tesseract.js');
    expect(nat.name).toBe('tesseract');
  });

  it('give the same words with boxes within 2 px (tesseract TSV from both)', async () => {
    const img = addNoise(
      drawPage(500, 120, DPI300, (ctx) => {
        textLines(ctx, 20, 20, ['The Parties shall review the MOU at least', 'once every two years and may extend it for', 'an additional period of up to five years.'], 13);
      }),
      10,
    );
    const [a, b] = await Promise.all([wasm.recognize(img), nat.recognize(img)]);
    expect(b.map((w) => w.text)).toEqual(a.map((w) => w.text));
    expect(b.map((w) => w.line)).toEqual(a.map((w) => w.line));
    a.forEach((w, i) => w.bbox.forEach((v, k) => expect(Math.abs(v - b[i].bbox[k]), `${w.text} bbox[${k}]`).toBeLessThanOrEqual(2)));
  });

  it('never write into the working directory', () => {
    expect(existsSync('eng.traineddata')).toBe(false);
    expect(readdirSync('.').some((f) => f.endsWith('.bmp'))).toBe(false);
  });
});
