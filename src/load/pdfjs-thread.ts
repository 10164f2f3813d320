/**
 * The pdfjs worker (parsing, image decoding, font loading) in a worker thread of its own: in Node,
 * pdfjs otherwise runs its "worker" on the main thread, and decoding a scanned page's image there
 * stalls the event loop for hundreds of milliseconds. Talks to the main thread's PDFWorker through
 * the MessagePort it is given.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

// pdfjs-dist ships no types for its worker module
const spec = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const { WorkerMessageHandler } = (await import(spec)) as { WorkerMessageHandler: { initializeFromPort(port: unknown): void } };
WorkerMessageHandler.initializeFromPort((workerData as { port: MessagePort }).port);
