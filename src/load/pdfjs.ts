/**
 * The one place that knows how pdfjs-dist is loaded in Node.
 *
 * pdfjs's legacy build (the one that runs on Node 20) bundles core-js, which on load replaces a
 * few builtins Node already implements natively with JavaScript versions: `Array.prototype.push`
 * (over an edge case of non-writable array lengths), `JSON.parse` and `JSON.stringify` (for
 * proposals nothing here uses) and `Function.prototype.toString`. Every `push` and every report
 * serialisation in the process then runs through them. We load pdfjs once, here, and put the native
 * builtins back; the builtins core-js *adds* (Promise.withResolvers,
 * Map.prototype.getOrInsertComputed, ...) stay, pdfjs needs them on Node 20.
 *
 * Only the API side (pdf.mjs) is loaded here: documents are parsed in the pdf.js thread
 * (pdfjs-thread.ts), which loads the worker code itself. A thread that parses documents in itself
 * (pdf.js's "fake worker", the raster threads) imports pdfjs-inline.ts instead.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withLazyCanvas, withNativeBuiltins, withoutFetch } from './pdfjs-globals.js';
import { NO_STANDARD_FONTS } from './pdfjs-warnings.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

const apiModule = pathToFileURL(path.join(pdfjsRoot, 'legacy', 'build', 'pdf.mjs')).href;
// the canvas library is loaded by the first page drawn (pdfjs-globals.ts)
const pdfjs = await withLazyCanvas(apiModule, () => withoutFetch(() => withNativeBuiltins(() => import('pdfjs-dist/legacy/build/pdf.mjs'))));

/** The worker code (pdf.worker.mjs), loaded into this thread as pdf.js's fake worker; once. */
let inThreadWorker: Promise<unknown> | undefined;
export function loadInThreadWorker(): Promise<unknown> {
  const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped module
  inThreadWorker ??= withoutFetch(() => withNativeBuiltins(() => import(workerModule) as Promise<unknown>)).then((worker) => {
    // pdfjs looks for an already loaded worker here before importing workerSrc itself
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return worker;
  });
  return inThreadWorker;
}

/** Filesystem folders pdfjs needs, as plain paths ending in '/'. */
export const pdfjsAssets = {
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
  wasmUrl: path.join(pdfjsRoot, 'wasm') + '/',
};

type BinaryKind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';
const binaryData = new Map<string, Promise<Uint8Array>>();

/**
 * pdfjs's own data files (standard fonts, CMaps, wasm decoders), read once per process and kept:
 * pdfjs asks for them again for every document (a filing set in Helvetica reads
 * LiberationSans-Regular.ttf each time), so a batch worker would re-read them for every file.
 * Passed to getDocument as `BinaryDataFactory`; pdfjs copies what it is given.
 */
export class CachedBinaryDataFactory {
  private readonly urls: Record<BinaryKind, string | null>;
  constructor({ cMapUrl = null, standardFontDataUrl = null, wasmUrl = null }: Partial<Record<BinaryKind, string | null>>) {
    this.urls = { cMapUrl, standardFontDataUrl, wasmUrl };
  }

  fetch({ kind, filename }: { kind: BinaryKind; filename: string }): Promise<Uint8Array> {
    const base = this.urls[kind];
    if (!base) return Promise.reject(new Error(kind === 'standardFontDataUrl' ? NO_STANDARD_FONTS : `no ${kind} given`));
    const file = `${base}${filename}`;
    let data = binaryData.get(file);
    if (!data) {
      data = readFile(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      binaryData.set(file, data);
      data.catch(() => binaryData.delete(file)); // a failed read is retried by the next document
    }
    return data;
  }
}

pdfjs.GlobalWorkerOptions.workerSrc ||= path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');

export { pdfjs };
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
