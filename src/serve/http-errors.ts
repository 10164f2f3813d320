/**
 * The service's errors: every failure is JSON `{ "code", "error" }` with an HTTP status. File
 * failures keep the analysis's code (src/errors.ts); the service adds its own for requests it
 * refuses. The status of each code is a named table (README "Serve").
 */
import type { FailureCode } from '../errors.js';

export type ServeErrorCode =
  | FailureCode
  | 'bad-request' // malformed request: unknown parameter, a parameter twice, not multipart as declared
  | 'bad-setting' // a setting out of range (names it)
  | 'unauthorized' // --token set and the request has no (or a wrong) bearer token
  | 'busy' // every analysis slot and queue place taken: 503 with Retry-After
  | 'shutting-down' // SIGTERM received: running requests finish, new ones are refused
  | 'no-route'; // no such endpoint

/** HTTP status of a failed analysis, by failure code. */
export const FAILURE_STATUS: Record<FailureCode, number> = {
  'not-found': 400,
  empty: 400,
  'not-pdf': 422,
  damaged: 422,
  'needs-password': 422,
  'too-large': 413,
  timeout: 422,
  aborted: 503, // the analysis was stopped (the server is stopping)
  internal: 500,
};

export interface ErrorBody {
  code: ServeErrorCode;
  error: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: ServeErrorCode;
  readonly headers: Record<string, string>;
  constructor(status: number, code: ServeErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  body(): ErrorBody {
    return { code: this.code, error: this.message };
  }
}

/** Multipart limits hit by a form holding more than the one file. */
const FORM_LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** Fastify's own errors (body too large, bad content length, ...) as the service's codes. */
export function fromFastifyError(e: { statusCode?: number; code?: string; message?: string }): HttpError {
  if (e.code && FORM_LIMIT_CODES.has(e.code)) return new HttpError(400, 'bad-request', 'the multipart form must hold the PDF file and nothing else');
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status === 413) return new HttpError(413, 'too-large', 'request body over the size limit (--max-bytes)');
  if (status >= 500) return new HttpError(500, 'internal', `internal error: ${(e.message ?? 'unknown error').split('\n')[0]}`);
  return new HttpError(status, 'bad-request', (e.message ?? 'bad request').split('\n')[0]);
}
