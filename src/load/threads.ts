/**
 * Starting a worker thread on one of our own modules, from the built dist/ (.js) or from the .ts
 * sources (tests, tsx): a .ts module is loaded through a small bootstrap that registers tsx in the
 * thread first (Node 20 does not pass --import loaders on to worker threads).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.__tsx);
  register();
  await import(workerData.__entry);
})().catch((e) => { setImmediate(() => { throw e; }); });
`;

/**
 * A worker thread running `entry` (a module URL next to the caller, e.g.
 * new URL('./pdfjs-thread.js', import.meta.url)); when the caller runs from its .ts source the
 * module's .ts twin is run instead.
 */
export function startThread(entry: URL, workerData: Record<string, unknown>, transferList: TransferListItem[] = [], fromSource = entry.href.endsWith('.ts')): Worker {
  if (!fromSource) return new Worker(entry, { workerData, transferList });
  // tsx's ESM API (a dev dependency: only the sources need it)
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  return new Worker(BOOTSTRAP, { eval: true, workerData: { ...workerData, __tsx: tsx, __entry: entry.href }, transferList });
}

/** The URL of a sibling module of `here` (an import.meta.url), with the extension `here` has (.ts from sources, .js from dist). */
export function siblingModule(here: string, name: string): URL {
  const ext = fileURLToPath(here).endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, here);
}
