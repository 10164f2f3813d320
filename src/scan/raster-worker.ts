/**
 * A raster thread (raster-pool.ts): opens its own copy of the document (pdfjs running inside this
 * thread) and, per job, renders one page to grey and finds its raster boxes, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pdfjs, pdfjsAssets } from '../load/pdfjs.js';
import { AnalysisError } from '../errors.js';
import { renderPageGrey } from './render.js';
import { findRasterBoxes } from './raster-boxes.js';
import type { RasterJob, RasterReply } from './raster-pool.js';

const { bytes, password } = workerData as { bytes: Uint8Array; password?: string };
const doc = await pdfjs.getDocument({ data: bytes, password, ...pdfjsAssets, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;

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
      parentPort!.postMessage({ id: job.id, error: err?.message ?? String(e), code: e instanceof AnalysisError ? e.code : undefined } satisfies RasterReply);
    },
  );
});
parentPort!.postMessage({ ready: true });
