/**
 * Output stage: the sidecar text file (like OCRmyPDF's --sidecar). The readable text of each page
 * in order, redactions as their placeholders ([REDACTED], [REDACTED (b)(6)]), pages separated by a
 * form feed, so people can grep and quote. Pure: report in, text out.
 */
import type { Report } from '../report/schema.js';

/** Between two pages' text. */
export const PAGE_SEPARATOR = '\f';

export function formatSidecar(report: Report): string {
  return report.pages.map((p) => `${p.text.replace(/\s+$/, '')}\n`).join(PAGE_SEPARATOR);
}
