/**
 * Loading pdf.js's bundles without their side effects on the process (see pdfjs.ts): the legacy
 * build's core-js replaces native builtins with slower JavaScript ones, and its polyfill of
 * `Response.prototype.bytes` makes Node load its whole fetch implementation. Used by every thread
 * that loads pdf.js code: the main thread (pdfjs.ts), the pdf.js thread (pdfjs-thread.ts) and the
 * raster threads (pdfjs-inline.ts).
 */
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

