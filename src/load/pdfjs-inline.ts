/**
 * pdfjs with its worker code in this thread (pdf.js's "fake worker"): for a thread that opens and
 * parses documents by itself, such as a raster thread. The analysis's main thread does not: its
 * documents are parsed in the pdf.js thread (pdfjs-thread.ts), and it loads only pdfjs.ts.
 */
import { loadInThreadWorker } from './pdfjs.js';

await loadInThreadWorker();

export { pdfjs, pdfjsAssets } from './pdfjs.js';
