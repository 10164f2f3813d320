/** The one place that knows how pdfjs-dist is loaded in Node. */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Filesystem folders pdfjs needs, as plain paths ending in '/'. */
export const pdfjsAssets = {
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
  wasmUrl: path.join(pdfjsRoot, 'wasm') + '/',
};

pdfjs.GlobalWorkerOptions.workerSrc ||= path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');

export { pdfjs };
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
