/**
 * Failure classes. Every way a file can fail to be analysed maps to one code with a one-line,
 * human message naming the reason; the CLI maps them to exit codes (see README).
 */
export type FailureCode =
  | 'not-found' // the path does not exist or is not a readable file
  | 'empty' // zero bytes
  | 'not-pdf' // no %PDF- header
  | 'damaged' // truncated or unparseable PDF
  | 'needs-password' // encrypted with a user password and none (or a wrong one) was given
  | 'too-large' // a page or the file exceeds a safety limit
  | 'timeout' // analysis exceeded the time limit
  | 'aborted' // the caller's AbortSignal stopped the analysis (the error's cause is the signal's reason)
  | 'internal'; // a bug in redactmap

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

export function isAnalysisError(e: unknown): e is AnalysisError {
  return e instanceof AnalysisError;
}

/** A one-line description of any thrown value, never a stack trace. */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].trim() || 'unknown error';
}
