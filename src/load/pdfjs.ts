/**
 * The one place that knows how pdfjs-dist is loaded in Node.
 *
 * pdfjs's legacy build (the one that runs on Node 20) bundles core-js, which on load replaces a
 * few builtins Node already implements natively with JavaScript versions: `Array.prototype.push`
 * (over an edge case of non-writable array lengths), `JSON.parse` and `JSON.stringify` (for
 * proposals nothing here uses) and `Function.prototype.toString`. Every `push` and every report
 * serialisation in the process then runs through them. We load pdfjs and its worker code (the
 * "fake worker" that runs in this thread under Node) once, here, and put the native builtins back;
 * the builtins core-js *adds* (Promise.withResolvers, Map.prototype.getOrInsertComputed, ...) stay,
 * pdfjs needs them on Node 20.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Builtins core-js replaces although Node's native ones are correct for everything pdfjs does. */
const NATIVE_BUILTINS: [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

/** Import `load()`'s modules, then restore the builtins listed above to their native versions. */
async function withNativeBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = NATIVE_BUILTINS.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
  try {
    return await load();
  } finally {
    for (const [owner, key, descriptor] of saved) if (descriptor) Object.defineProperty(owner, key, descriptor);
  }
}

/**
 * Import `load()`'s modules with a stand-in for the global `Response`. pdfjs polyfills
 * `Response.prototype.bytes` on load, and merely reading Node's lazy `Response` loads its whole
 * fetch implementation (undici, with http: 60-120 ms CPU per process, measured) that nothing here
 * uses: pdfjs is given bytes and reads its own data files through CachedBinaryDataFactory. Node's
 * lazy global is put back afterwards, untouched (Node 20.20's Response has `bytes` of its own).
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const lazy = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  // already loaded (a value, not a getter): reading it costs nothing
  if (!lazy?.get) return load();
  Object.defineProperty(globalThis, 'Response', { value: class Response {}, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'Response', lazy);
  }
}

const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped module
const [pdfjs, worker] = await withoutFetch(() =>
  withNativeBuiltins(() => Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule) as Promise<unknown>])),
);

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
    if (!base) return Promise.reject(new Error(`no ${kind} given`));
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

// pdfjs looks for an already loaded worker here before importing workerSrc itself (fake worker)
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
pdfjs.GlobalWorkerOptions.workerSrc ||= path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');

export { pdfjs };
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
