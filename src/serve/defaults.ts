/**
 * The service's defaults and limits, apart from app.ts so that the command line can show them
 * without loading Fastify (every other command starts faster).
 */
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** Largest request body (--max-bytes), bytes. */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** Requests that may wait for a slot, per analysis slot (--queue defaults to this times --jobs). */
export const QUEUE_PER_SLOT = 4;
/** Time to receive a whole request (upload) before the connection is dropped, ms. */
export const UPLOAD_TIMEOUT_MS = 300_000;
/** Name recorded in the report when the request gives none. */
export const DEFAULT_UPLOAD_NAME = '<upload>';

/** A size in bytes: a whole number, optionally with k, M or G (powers of 1024). */
export function parseBytes(value: string): number | undefined {
  const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase());
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
