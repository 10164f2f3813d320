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

const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped module
const [pdfjs, worker] = await withNativeBuiltins(() => Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule) as Promise<unknown>]));

/** Filesystem folders pdfjs needs, as plain paths ending in '/'. */
export const pdfjsAssets = {
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
  wasmUrl: path.join(pdfjsRoot, 'wasm') + '/',
};

// pdfjs looks for an already loaded worker here before importing workerSrc itself (fake worker)
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
pdfjs.GlobalWorkerOptions.workerSrc ||= path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');

export { pdfjs };
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
