/**
 * The pdfjs worker (parsing, image decoding, font loading) in a worker thread of its own: in Node,
 * pdfjs otherwise runs its "worker" on the main thread, and decoding a scanned page's image there
 * stalls the event loop for hundreds of milliseconds. Talks to the main thread's PDFWorker through
 * the MessagePort it is given.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { withNativeBuiltins, withoutFetch } from './pdfjs-globals.js';

// pdfjs-dist ships no types for its worker module
const spec = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const { WorkerMessageHandler } = (await withoutFetch(() => withNativeBuiltins(() => import(spec)))) as {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
};
const port = (workerData as { port: MessagePort }).port;
// pdf.js says what it skipped only through console.warn: those lines go to the main thread on the
// same port as pdf.js' replies (so in order with them), where pdfjs-warnings.ts turns them into
// report warnings; pdf.js ignores a message without its targetName
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) port.postMessage({ pdfjsWarning: args[0] });
  else warn(...args);
};
// pdf.js leaves promises of its own unhandled on damaged files (see pdfjs-rejections.ts): the
// failure that matters reaches the caller through its reply. Node would end the thread on the first
// one, and with it every document it serves; the only code in this thread is pdf.js.
process.on('unhandledRejection', () => undefined);
WorkerMessageHandler.initializeFromPort(port);
