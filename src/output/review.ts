/** Output stage: render a report's pictures and write its review page (see html/review.ts). */
import type { PdfSource } from '../load/open-pdf.js';
import type { Report } from '../report/schema.js';
import { formatReviewHtml } from './html/review.js';
import { renderReviewImages, type DrawOptions } from './page-images.js';

/** The review page of `report`, with the pictures of the PDF `input`. */
export async function reviewHtml(input: PdfSource, report: Report, opts: DrawOptions = {}): Promise<string> {
  return formatReviewHtml(report, await renderReviewImages(input, report, opts));
}
