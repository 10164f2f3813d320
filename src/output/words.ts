/**
 * Output stage: the words people read for the report's codes (leak and notice kinds, sources,
 * styles, statuses), shared by the terminal summary, Markdown and the review page.
 */
import type { LeakKind, NoticeKind, RedactionSource, RedactionStyle, SectionStatus } from '../report-types.js';
import type { ReportRedaction } from '../report-types.js';
import type { Report } from '../report/schema.js';

export const LEAK_KIND_TEXT: Record<LeakKind, string> = {
  'text-under-box': 'text under a box',
  'unapplied-annotation': 'redaction marked but never applied',
  'image-under-box': 'image content under a box',
  'text-under-image': 'text under an image',
  'hidden-text': 'hidden text',
  'earlier-revision': 'text in an earlier revision',
  outline: 'text in a bookmark',
  metadata: 'text in the metadata',
  'annotation-text': 'text in an annotation',
  'form-field': 'text in a form field',
};

export const NOTICE_KIND_TEXT: Record<NoticeKind, string> = {
  attachment: 'attached file',
  javascript: 'JavaScript',
  'form-fields': 'form fields',
  'hidden-layers': 'hidden layers',
  revisions: 'earlier revisions',
  'width-measurable': 'redacted width measurable',
};

export const SOURCE_TEXT: Record<RedactionSource, string> = {
  vector: 'drawn box',
  annotation: 'annotation',
  raster: 'burned into the scan',
};

export const STYLE_TEXT: Record<RedactionStyle, string> = {
  solid: 'solid box',
  white: 'white box',
  outline: 'outlined box',
  marker: 'marker strokes',
};

export const STATUS_TEXT: Record<SectionStatus, string> = {
  readable: 'readable',
  partial: 'partly redacted',
  redacted: 'redacted',
  unread: 'not read',
};

/** "about 5 words hidden", "less than a word hidden". */
export function hiddenWordsText(estimate: number): string {
  if (!(estimate >= 0.5)) return 'less than a word hidden';
  const n = Math.round(estimate);
  return `about ${n.toLocaleString('en-US')} word${n === 1 ? '' : 's'} hidden`;
}

/** One line describing a redaction: "vector box, solid · (b)(6) · about 5 words hidden". */
export function redactionText(r: ReportRedaction): string {
  const what = [`${SOURCE_TEXT[r.source]}${r.annotation ? ` (${r.annotation})` : ''}`, STYLE_TEXT[r.style]];
  if (r.unapplied) what.push('never applied');
  const label = r.category ?? r.label;
  return [what.join(', '), label, hiddenWordsText(r.hiddenWordsEstimate)].filter(Boolean).join(' · ');
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

/**
 * Redactions per label, most frequent first: the category when the report gives one, else the
 * label as read (summary.redactionsByCategory counts categorised labels only); and how many have none.
 */
export function labelCounts(report: Report): { labels: [string, number][]; unlabelled: number } {
  const by = new Map<string, number>();
  let unlabelled = 0;
  for (const r of report.pages.flatMap((p) => p.redactions)) {
    const label = (r.category ?? r.label)?.trim();
    if (label) by.set(label, (by.get(label) ?? 0) + 1);
    else unlabelled++;
  }
  return { labels: [...by].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)), unlabelled };
}
