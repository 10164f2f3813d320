/**
 * The worker's task handler in-process: the report it sends back, Markdown on request, failures
 * as one line, and one OCR pool kept warm across scanned files (not one per file), for each engine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeSharedOcr, runTask } from '../../src/batch/worker-core.js';
import type { FromWorker, TaskSpec } from '../../src/batch/protocol.js';
import { OcrPool } from '../../src/scan/ocr-pool.js';
import { NativeOcrPool } from '../../src/scan/ocr-native.js';
import { findNativeTesseract } from '../../src/scan/ocr-engine.js';
import { reportSchema } from '../../src/report/schema.js';
import { makeFiling, makeScannedFiling } from './make-pdfs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-worker-core-'));
const native = await findNativeTesseract();
afterAll(async () => {
  await closeSharedOcr();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(task: TaskSpec): Promise<FromWorker[]> {
  const sent: FromWorker[] = [];
  await runTask(1, task, (m) => sent.push(m));
  return sent;
}

describe('worker task handler', () => {
  it('answers with the serialised report, its summary and sha256, and Markdown on request', async () => {
    const file = path.join(tmp, 'a.pdf');
    writeFileSync(file, await makeFiling({ pages: 2, leak: true, seed: 50 }));
    const sent = await run({ file, label: 'sub/a.pdf', settings: { jobs: 1 }, markdown: true });
    const done = sent.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    const report = reportSchema.parse(JSON.parse(done.json));
    expect(report.file.path).toBe('sub/a.pdf');
    expect(done.summary).toEqual(report.summary);
    expect(done.sha256).toBe(report.file.sha256);
    expect(done.markdown).toMatch(/^# Redaction report: a\.pdf/);
    expect(done.json.endsWith('}\n')).toBe(true);
  });

  it('sends the report before drawing the pictures asked for, then the answer with them', async () => {
    const file = path.join(tmp, 'drawn.pdf');
    writeFileSync(file, await makeFiling({ pages: 1, seed: 51 }));
    const sent = await run({ file, label: 'drawn.pdf', settings: { jobs: 1 }, markdown: false, html: true, overlaysDir: path.join(tmp, 'drawn-overlays') });
    const kinds = sent.map((m) => (m.type === 'progress' ? `progress ${m.stage}` : m.type));
    expect(kinds.slice(kinds.indexOf('analysed'))).toEqual(['analysed', 'progress drawing', 'done']);
    const [analysed, done] = [sent.find((m) => m.type === 'analysed')!, sent.at(-1)!];
    if (analysed.type !== 'analysed' || done.type !== 'done') throw new Error('unexpected answers');
    expect(analysed.json).toBe(done.json);
    expect(done.html).toContain('<html');
  });

  it('fails in one line with the failure class', async () => {
    const file = path.join(tmp, 'bad.pdf');
    writeFileSync(file, 'hello');
    expect(await run({ file, label: 'bad.pdf', settings: { jobs: 1 }, markdown: false })).toEqual([
      expect.objectContaining({ type: 'failed', id: 1, code: 'not-pdf', message: 'not a PDF (no %PDF- header)' }),
    ]);
  });

  const engines = [
    { engine: 'wasm' as const, pool: OcrPool, name: 'tesseract.js', run: true },
    { engine: 'native' as const, pool: NativeOcrPool, name: 'tesseract', run: typeof native !== 'string' },
  ];
  it.each(engines)('keeps one OCR pool warm across scanned files instead of starting one per file (--ocr-engine $engine)', async ({ engine, pool, name, run: runs }) => {
    if (!runs) {
      console.warn(`*** native OCR engine SKIPPED: ${String(native)} ***`);
      return;
    }
    await closeSharedOcr();
    const create = vi.spyOn(pool, 'create');
    try {
      for (let i = 0; i < 3; i++) {
        const file = path.join(tmp, `scan-${engine}-${i}.pdf`);
        writeFileSync(file, await makeScannedFiling({ seed: 60 + i }));
        const done = (await run({ file, label: `scan-${i}.pdf`, settings: { jobs: 1, ocrEngine: engine }, markdown: false })).at(-1)!;
        expect(done.type, `scan-${i}`).toBe('done');
        if (done.type === 'done') {
          const page = reportSchema.parse(JSON.parse(done.json)).pages[0];
          expect(page.textSource).toBe('ocr');
          expect(page.ocrEngine).toBe(name);
        }
      }
      // the first file's own pool, then the shared one; files 2 and 3 start none
      expect(create).toHaveBeenCalledTimes(2);
    } finally {
      create.mockRestore();
    }
  }, 300_000);

  it('keeps no OCR pool warm after the last file (a one-file `redactmap analyze`)', async () => {
    await closeSharedOcr();
    const create = vi.spyOn(OcrPool, 'create');
    try {
      const file = path.join(tmp, 'scan-last.pdf');
      writeFileSync(file, await makeScannedFiling({ seed: 70 }));
      const done = (await run({ file, label: 'scan-last.pdf', settings: { jobs: 1, ocrEngine: 'wasm' }, markdown: false, last: true })).at(-1)!;
      expect(done.type).toBe('done');
      // the file's own pool only: nothing started for a next file that will not come
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      create.mockRestore();
    }
  }, 300_000);
});
