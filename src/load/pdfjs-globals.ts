/**
 * Loading pdf.js's bundles without their side effects on the process (see pdfjs.ts): the legacy
 * build's core-js replaces native builtins with slower JavaScript ones, its polyfill of
 * `Response.prototype.bytes` makes Node load its whole fetch implementation, and its API side
 * loads the native canvas library for three globals. Used by every thread that loads pdf.js code:
 * the main thread (pdfjs.ts), the pdf.js thread (pdfjs-thread.ts) and the raster threads
 * (pdfjs-inline.ts).
 */
import Module, { createRequire } from 'node:module';

/** Builtins core-js replaces although Node's native ones are correct for everything pdfjs does. */
const NATIVE_BUILTINS: [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

/** Import `load()`'s modules, then restore the builtins listed above to their native versions. */
export async function withNativeBuiltins<T>(load: () => Promise<T>): Promise<T> {
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
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
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

/** The globals pdf.js's API side (pdf.mjs) takes from @napi-rs/canvas when it loads, for drawing. */
const CANVAS_GLOBALS = ['ImageData', 'Path2D'] as const;

/**
 * Import `load()`'s modules (pdf.mjs) without loading the native canvas library. pdf.mjs
 * `require`s @napi-rs/canvas as it loads, for its DOMMatrix, ImageData and Path2D polyfills: a
 * dlopen, and the library scans the system's fonts (~80 ms of CPU per process, measured), which a
 * process that never draws a page does not need. While `load()` runs, that `require` gets an empty
 * module; DOMMatrix is given from the library's own pure-JavaScript geometry module (the class
 * pdf.mjs would have installed, and needs as it loads), and ImageData and Path2D become globals
 * that load the library the first time anything reads them (a page drawn: overlays, the review
 * page, a scan). Once loaded, the library is the same one pdf.mjs would have loaded.
 */
export async function withLazyCanvas<T>(pdfjsModule: string, load: () => Promise<T>): Promise<T> {
  const requireFromPdfjs = createRequire(pdfjsModule);
  let canvasPath: string;
  try {
    canvasPath = requireFromPdfjs.resolve('@napi-rs/canvas');
  } catch {
    return load(); // not installed: pdf.mjs says so itself
  }
  const cache = requireFromPdfjs.cache;
  const g = globalThis as Record<string, unknown>;
  if (cache[canvasPath] || CANVAS_GLOBALS.some((name) => name in g)) return load(); // already there
  const empty = new Module(canvasPath);
  empty.loaded = true;
  cache[canvasPath] = empty;
  g.DOMMatrix ??= (requireFromPdfjs(createRequire(canvasPath).resolve('./geometry.js')) as { DOMMatrix: unknown }).DOMMatrix;
  // present (pdf.mjs installs nothing over them) but not yet loaded
  for (const name of CANVAS_GLOBALS) Object.defineProperty(g, name, { value: class NotLoaded {}, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (cache[canvasPath] === empty) delete cache[canvasPath];
    for (const name of CANVAS_GLOBALS) {
      Object.defineProperty(g, name, {
        configurable: true,
        get() {
          const canvas = requireFromPdfjs('@napi-rs/canvas') as Record<string, unknown>;
          for (const n of CANVAS_GLOBALS) Object.defineProperty(g, n, { value: canvas[n], configurable: true, writable: true });
          return canvas[name];
        },
        set(value: unknown) {
          Object.defineProperty(g, name, { value, configurable: true, writable: true });
        },
      });
    }
  }
}
