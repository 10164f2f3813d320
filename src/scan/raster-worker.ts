/**
 * A raster thread (raster-pool.ts): opens its own copy of the document (pdfjs running inside this
 * thread) and, per job, renders one page to grey and finds its raster boxes, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pdfjs, pdfjsAssets } from '../load/pdfjs-inline.js';
import { AnalysisError, isPdfjsError } from '../errors.js';
import { renderPageGrey } from './render.js';
import { findRasterBoxes } from './raster-boxes.js';
import type { RasterJob, RasterReply } from './raster-pool.js';

// pdf.js leaves promises of its own unhandled on damaged files (see load/pdfjs-rejections.ts); the
// failure that matters reaches the job through the promise it awaits. Node would end this thread
// on the first one, failing the file as `internal`; anything not raised by pdf.js still does.
process.on('unhandledRejection', (reason) => {
  if (!isPdfjsError(reason)) throw reason;
});

const { bytes, password, maxImagePixels } = workerData as { bytes: Uint8Array; password?: string; maxImagePixels?: number };
// an image over the limit is not drawn: the facts pass left it out too, and its warning says so
const limits = { maxImageSize: maxImagePixels ?? -1 };
const open = (data: Uint8Array, pw: string | undefined) => pdfjs.getDocument({ data, password: pw, ...pdfjsAssets, ...limits, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
// as openPdf: a file with only an owner password opens without the (wrong) one given (pdf.js detaches what it is given)
const spare = password !== undefined ? bytes.slice() : undefined;
const doc = await open(bytes, password).catch((e: unknown) => (spare && (e as { name?: string })?.name === 'PasswordException' ? open(spare, undefined) : Promise.reject(e)));

async function run(job: RasterJob): Promise<RasterReply> {
  const page = await doc.getPage(job.page);
  try {
    const img = await renderPageGrey(page, job.scale, { colour: job.colour });
    const boxes = job.rasterBoxes ? findRasterBoxes(img, {}, { pictures: job.pictures }) : [];
    return { id: job.id, img, boxes };
  } finally {
    page.cleanup();
  }
}

parentPort!.on('message', (job: RasterJob) => {
  run(job).then(
    (reply) => {
      const transfer = [reply.img!.data.buffer as ArrayBuffer];
      const rgb = (reply.img as { rgb?: Uint8Array }).rgb;
      if (rgb) transfer.push(rgb.buffer as ArrayBuffer);
      parentPort!.postMessage(reply, transfer);
    },
    (e: unknown) => {
      const err = e as { message?: string; code?: string };
      parentPort!.postMessage({ id: job.id, error: err?.message ?? String(e), code: e instanceof AnalysisError ? e.code : isPdfjsError(e) ? 'damaged' : undefined } satisfies RasterReply);
    },
  );
});
parentPort!.postMessage({ ready: true });
