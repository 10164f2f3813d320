/**
 * pdf.js's API is loaded without the native canvas library (src/load/pdfjs-globals.ts,
 * withLazyCanvas): a born-digital analysis never loads it, and the first drawing does, with the
 * classes pdf.js would have installed. Run in a fresh process: this one may have loaded it already.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-canvas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCRIPT = `
import { createRequire } from 'node:module';
const { analyze } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src', 'analyze.ts')).href)});
const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
const loaded = () => Object.keys(require.cache).filter((k) => /@napi-rs[\\\\/]canvas[\\\\/]index\\.js$/.test(k)).length;
const report = await analyze(${JSON.stringify(path.join(root, 'samples', 'mou-redacted.pdf'))});
const out = { pages: report.pages.length, afterAnalysis: loaded(), domMatrix: typeof DOMMatrix };
const canvas = require('@napi-rs/canvas');
out.path2dIsCanvas = globalThis.Path2D === canvas.Path2D;
out.imageDataIsCanvas = globalThis.ImageData === canvas.ImageData;
out.domMatrixIsCanvas = globalThis.DOMMatrix === canvas.DOMMatrix;
out.afterDrawing = loaded();
console.log(JSON.stringify(out));
`;

describe('the canvas library is loaded by the first drawing', () => {
  it('a born-digital analysis leaves it unloaded; ImageData and Path2D then load the real classes', () => {
    const script = path.join(tmp, 'check.mts');
    writeFileSync(script, SCRIPT);
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: root });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out).toEqual({
      pages: 15,
      afterAnalysis: 0,
      domMatrix: 'function',
      path2dIsCanvas: true,
      imageDataIsCanvas: true,
      domMatrixIsCanvas: true,
      afterDrawing: 1,
    });
  });
});
