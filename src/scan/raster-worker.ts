/**
 * A raster thread (raster-pool.ts): opens its own copy of the document (pdfjs running inside this
 * thread) and, per job, renders one page to grey and finds its raster boxes, off the main thread.
 * A page that is one image drawn pixel for pixel comes with that image's decoded pixels
 * (page-image.ts): it is not drawn, and a thread that gets only such pages never loads pdf.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PDFDocumentProxy } from '../load/pdfjs.js';
import { AnalysisError, isPdfjsError } from '../errors.js';
import { greyOfPageImage, type GreyImage } from './pixels.js';
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
// the document is opened by the first page that has to be drawn: a scan whose pages are each one
// image (page-image.ts) never loads pdf.js here
let opening: Promise<PDFDocumentProxy> | undefined;
function document(): Promise<PDFDocumentProxy> {
  return (opening ??= (async (): Promise<PDFDocumentProxy> => {
    const { pdfjs, pdfjsAssets } = await import('../load/pdfjs-inline.js');
    const open = (data: Uint8Array, pw: string | undefined) => pdfjs.getDocument({ data, password: pw, ...pdfjsAssets, ...limits, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    // as openPdf: a file with only an owner password opens without the (wrong) one given (pdf.js detaches what it is given)
    const spare = password !== undefined ? bytes.slice() : undefined;
    try {
      return await open(bytes, password);
    } catch (e) {
      if (spare && (e as { name?: string })?.name === 'PasswordException') return open(spare, undefined);
      throw e;
    }
  })());
}

async function render(job: RasterJob): Promise<GreyImage> {
  if (job.image) return greyOfPageImage(job.image, job.scale, job.colour);
  const [doc, { renderPageGrey }] = await Promise.all([document(), import('./render.js')]);
  const page = await doc.getPage(job.page);
  try {
    return await renderPageGrey(page, job.scale, { colour: job.colour });
  } finally {
    page.cleanup();
  }
}

async function run(job: RasterJob): Promise<RasterReply> {
  const img = await render(job);
  const boxes = job.rasterBoxes ? findRasterBoxes(img, {}, { pictures: job.pictures }) : [];
  return { id: job.id, img, boxes };
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
