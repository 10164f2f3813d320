/**
 * The library entry point: analyse one PDF and return its report.
 * (Skeleton: the pipeline is being built; the signature is stable.)
 */
import type { Report } from './report/schema.js';

export interface AnalyzeOptions {
  /** Password for encrypted PDFs. */
  password?: string;
  /** Path recorded in the report when input is bytes. */
  path?: string;
  /** OCR policy: auto (default) uses the text layer where usable, always re-OCRs, never skips OCR. */
  ocr?: 'auto' | 'always' | 'never';
  /** Render resolution for scanned pages when the scan's own cannot be read. Default 300. */
  dpi?: number;
  /** OCR workers. Default: number of cores. */
  jobs?: number;
  /** Progress callback (page done of total). */
  onProgress?: (done: number, total: number) => void;
}

export async function analyze(_input: string | Uint8Array, _options: AnalyzeOptions = {}): Promise<Report> {
  throw new Error('not implemented yet');
}
