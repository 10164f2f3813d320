/**
 * Output helpers shared by the formats: the section tree's depths and the "pages not read" lines
 * (pure: report in, values out).
 */
import type { Report } from '../report/schema.js';

/** What to say about pages not read, by reason. */
export const UNREAD_WHY: Record<string, string> = {
  'ocr-off': 'run with --ocr auto',
  'ocr-failed': 'OCR failed (see the warnings)',
  'no-text-found': 'OCR found no text on them',
  skipped: 'skipped (see the warnings)',
};

/** "14 pages not read: run with --ocr auto", one line per reason. */
export function unreadLines(report: Report): string[] {
  const byReason = new Map<string, number[]>();
  for (const p of report.pages) if (p.unread) byReason.set(p.unread, [...(byReason.get(p.unread) ?? []), p.page]);
  return [...byReason].map(([why, pages]) => {
    const n = pages.length;
    const which = n === report.pages.length ? '' : ` (${pageList(pages)})`;
    return `${n} page${n === 1 ? '' : 's'} not read${which}: ${UNREAD_WHY[why] ?? why}`;
  });
}

/** "1, 3-5, 9". */
function pageList(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    out.push(i === j ? `p${pages[i]}` : `p${pages[i]}-${pages[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** Depth of each section in the tree (0 at the top), by id. */
export function sectionDepths(sections: Report['sections']): Map<string, number> {
  const depth = new Map<string, number>();
  for (const s of sections) depth.set(s.id, s.parentId === null ? 0 : (depth.get(s.parentId) ?? 0) + 1);
  return depth;
}

