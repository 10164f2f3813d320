/**
 * Failure classes. Every way a file can fail to be analysed maps to one code with a one-line,
 * human message naming the reason; the CLI maps them to exit codes (see README).
 */
export const FAILURE_CODES = [
  'not-found', // the path does not exist or is not a readable file
  'empty', // zero bytes
  'not-pdf', // no %PDF- header
  'damaged', // truncated or unparseable PDF
  'needs-password', // encrypted with a user password and none (or a wrong one) was given
  'too-large', // a page or the file exceeds a safety limit
  'timeout', // analysis exceeded the time limit
  'aborted', // the caller's AbortSignal stopped the analysis (the error's cause is the signal's reason)
  'internal', // a bug in redactmap
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export class AnalysisError extends Error {
  readonly code: FailureCode;
  readonly file: string | undefined;
  constructor(code: FailureCode, message: string, file?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalysisError';
    this.code = code;
    this.file = file;
  }
}

/** The failure of an analysis stopped by its AbortSignal; the signal's reason is the cause. */
export function abortedError(signal: AbortSignal, path?: string): AnalysisError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return new AnalysisError('aborted', `analysis aborted (${why.split('\n')[0]})`, path, { cause: reason });
}

export function isAnalysisError(e: unknown): e is AnalysisError {
  return e instanceof AnalysisError;
}

/** A one-line description of any thrown value, never a stack trace. */
export function oneLine(e: unknown): string {
  // a zod error's message is its issues as multi-line JSON: say the first issue instead
  const issue = (e as { issues?: { path?: PropertyKey[]; message?: string }[] } | null)?.issues?.[0];
  if (issue?.message) return `${issue.path?.length ? `${issue.path.map(String).join('.')}: ` : ''}${issue.message}`;
  let msg: string;
  try {
    msg = e instanceof Error ? e.message : String(e);
  } catch {
    msg = Object.prototype.toString.call(e); // a Symbol, or an object whose toString throws
  }
  return msg.split('\n')[0].trim() || 'unknown error';
}

/** Exceptions pdf.js throws for bad input (its own classes, and errors rebuilt from its worker). */
const PDFJS_ERROR_NAMES = new Set([
  'FormatError',
  'InvalidPDFException',
  'MissingPDFException',
  'UnexpectedResponseException',
  'ResponseException',
  'UnknownErrorException',
  'PasswordException',
  'XRefEntryException',
  'XRefParseException',
  'ParserEOFException',
  'MissingDataException',
  'AbortException',
  'RenderingCancelledException',
]);

/**
 * True when pdf.js raised `e` while reading the file: one of its exception classes, or any error
 * thrown from pdf.js code (a TypeError deep in its parser is still the file's fault, not ours).
 */
export function isPdfjsError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { name?: unknown; stack?: unknown };
  if (typeof err.name === 'string' && PDFJS_ERROR_NAMES.has(err.name)) return true;
  if (typeof err.stack !== 'string') return false;
  // the first frame decides: an error our code throws with pdf.js further down the stack is ours
  const frame = err.stack.split('\n').find((l) => /^\s+at /.test(l));
  return frame !== undefined && /[\\/]pdfjs-dist[\\/]/.test(frame);
}

/** The failure a thrown value means for the file: an AnalysisError as it is, a pdf.js error as damage, else a bug. */
export function classifyFailure(e: unknown, file: string | undefined, page?: number): AnalysisError {
  if (e instanceof AnalysisError) return e.file || !file ? e : new AnalysisError(e.code, e.message, file, { cause: e });
  const where = page ? `page ${page}: ` : '';
  if (isPdfjsError(e)) return new AnalysisError('damaged', `damaged PDF: ${where}${oneLine(e)}`, file, { cause: e });
  return new AnalysisError('internal', `internal error: ${where}${oneLine(e)}`, file, { cause: e });
}
