/**
 * The report's leaf types, as zod schemas: the one source of truth for what a report carries.
 * report/schema.ts composes the report from them (and generates the JSON Schema); the pipeline
 * stages use the inferred types through model.ts. This module sits beside model.ts at the root of
 * the pipeline, so every stage may import it.
 */
import { z } from 'zod';

export const bboxSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[x0, y0, x1, y1] in PDF points, origin top-left of the displayed page');

const point = z.tuple([z.number(), z.number()]);
const count = z.number().int().min(0);

export const REDACTION_SOURCES = ['vector', 'annotation', 'raster'] as const;
export const REDACTION_STYLES = ['solid', 'white', 'outline', 'marker'] as const;

export const redactionSchema = z.object({
  id: z.string().describe('stable within the document: "p<page>-r<n>"'),
  bbox: bboxSchema,
  source: z.enum(REDACTION_SOURCES).describe('vector: a filled path; annotation: a PDF annotation; raster: burned into a page image'),
  style: z
    .enum(REDACTION_STYLES)
    .describe('solid: a filled dark or coloured box; white: a box in the page colour over removed text; outline: an outlined box with an empty interior; marker: hand-drawn marker strokes'),
  label: z.string().optional().describe('exemption label printed on or beside the box, as read, e.g. "(b)(6)"'),
  category: z.string().optional().describe('the label normalised to a known code or category, e.g. "(b)(6)", "Harm to Ongoing Matter"'),
  parts: z.array(bboxSchema).optional().describe('the touching boxes merged into this region, when more than one'),
  quad: z.array(point).optional().describe('the polygon of a skewed box or a marker blob, when it is not its bbox'),
  annotation: z.string().optional().describe('annotation subtype when source is "annotation"'),
  unapplied: z.boolean().optional().describe('a Redact annotation that was never applied'),
  hiddenWordsEstimate: z.number().min(0).describe('about how many words of the surrounding text the box could hide (1 decimal)'),
  hiddenCharsEstimate: count.describe("the box's width over the surrounding text's mean glyph advance"),
});

export const LEAK_KINDS = [
  'text-under-box',
  'unapplied-annotation',
  'image-under-box',
  'text-under-image',
  'hidden-text',
  'earlier-revision',
  'outline',
  'metadata',
  'annotation-text',
  'form-field',
] as const;

/** What each leak kind means: the schema's documentation, `analyze --checks`, and the reports' headings. */
export const LEAK_KIND_INFO: Record<(typeof LEAK_KINDS)[number], string> = {
  'text-under-box': 'text still extractable under a redaction box of any colour (black boxes, white-out, white Square or FreeText annotations)',
  'unapplied-annotation': 'text under a Redact annotation that was marked but never applied',
  'image-under-box': 'an embedded image under a box still shows what the box hides',
  'text-under-image': 'live text covered by an opaque image drawn after it (an image used as a bar)',
  'hidden-text':
    'text the page holds but never shows: invisible (render mode 3) with no scan under it, the colour of its background, under 1 pt or of size zero, outside the crop box, in a hidden layer, or clipped away',
  'earlier-revision': 'text an earlier saved revision of the file shows and the final revision removed',
  outline: 'bookmark titles or named destinations holding words the pages do not show (in a document with redactions)',
  metadata: 'title, subject, author, keywords or custom metadata holding words the pages do not show (in a document with redactions)',
  'annotation-text': 'comments (/Contents, /RC) and annotation text holding words the pages do not show (in a document with redactions)',
  'form-field': 'form values that no widget shows (hidden, off the page, covered, or without a widget) holding words the pages do not show',
};

const kindList = (info: Record<string, string>) =>
  Object.entries(info)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');

export const leakSchema = z.object({
  kind: z.enum(LEAK_KINDS).describe(kindList(LEAK_KIND_INFO)),
  page: z.number().int().min(1).nullable().describe('the page it is on, null for document-level leaks (metadata, outline)'),
  bbox: bboxSchema.nullable().describe('where it is on the page, null when it has no place'),
  text: z.string().describe('the text a reader can recover'),
  redactionId: z.string().nullable().describe('the redaction that leaks, when there is one'),
  detail: z.string().optional().describe('where the text was found, e.g. "Info /Author", "bookmark", "revision 1 of 2"'),
  confidence: z.number().min(0).max(100).optional().describe('OCR confidence of text read from pixels (image-under-box)'),
  revision: z.number().int().min(1).optional().describe('earlier-revision: the revision (1 = the first saved) that shows the text'),
});

export const NOTICE_KINDS = ['attachment', 'javascript', 'form-fields', 'hidden-layers', 'revisions', 'width-measurable'] as const;

/** What each notice kind means (notices are facts worth knowing, never leaks). */
export const NOTICE_KIND_INFO: Record<(typeof NOTICE_KINDS)[number], string> = {
  attachment: 'an embedded file (its name and size)',
  javascript: 'JavaScript the document or an annotation runs',
  'form-fields': 'the document has form fields (how many)',
  'hidden-layers': 'optional-content layers hidden by default (how many, their names)',
  revisions: 'the file was saved incrementally: earlier revisions can be recovered (how many revisions)',
  'width-measurable':
    'a redaction in born-digital text whose neighbours keep their exact glyph positions: the width of the removed text can be measured (width and estimated characters; nothing recovered)',
};

export const noticeSchema = z.object({
  kind: z.enum(NOTICE_KINDS).describe(kindList(NOTICE_KIND_INFO)),
  page: z.number().int().min(1).nullable(),
  detail: z.string().describe('one line for people'),
  redactionId: z.string().optional().describe('width-measurable: the redaction whose width can be measured'),
  widthPt: z.number().optional().describe('width-measurable: the measured width of the removed text, in points'),
  charsEstimate: z.number().optional().describe('width-measurable: the estimated number of characters removed'),
  name: z.string().optional().describe('attachment: the file name'),
  bytes: count.optional().describe('attachment: its size'),
  count: count.optional().describe('revisions, form-fields, hidden-layers: how many'),
});

export const warningSchema = z.object({
  page: z.number().int().min(1).nullable().describe('the page concerned, null for the whole file'),
  what: z.string().describe('what was skipped or could not be read'),
  why: z.string().describe('the reason, one line'),
});

export const SECTION_STATUSES = ['readable', 'partial', 'redacted', 'unread'] as const;
export const UNREAD_REASONS = ['ocr-off', 'ocr-failed', 'no-text-found', 'skipped'] as const;

const ownStatsSchema = z.object({
  visibleWords: count,
  hiddenWordsEstimate: count,
  readableRatio: z.number().min(0).max(1),
});

export const sectionSchema = z.object({
  id: z.string(),
  title: z.string().describe('the heading, with its numbering as printed (OCR confusions repaired)'),
  titleAsRead: z.string().optional().describe('the heading as read, when the numbering was repaired'),
  level: z.number().int().min(0).describe('outline level: 0 for the title block, 1 for the top sections'),
  parentId: z.string().nullable().describe('the enclosing section, null at the top'),
  pageStart: z.number().int().min(1),
  pageEnd: z.number().int().min(1).describe('last page of the whole extent (the section and its descendants)'),
  status: z
    .enum(SECTION_STATUSES)
    .describe('over the whole extent: readable (no redaction), redacted (readableRatio <= 0.1), partial, or unread (its pages have no text source)'),
  readableRatio: z.number().min(0).max(1).describe('whole extent: visible / (visible + hidden)'),
  visibleWords: count.describe('whole extent'),
  hiddenWordsEstimate: count.describe('whole extent'),
  redactionIds: z.array(z.string()).describe('whole extent'),
  own: ownStatsSchema.describe("the section's own body, without its subsections"),
  headingBBox: bboxSchema.optional().describe('where the heading stands on pageStart'),
});

export type ReportRedaction = z.infer<typeof redactionSchema>;
export type RedactionSource = ReportRedaction['source'];
export type RedactionStyle = ReportRedaction['style'];
export type Leak = z.infer<typeof leakSchema>;
export type LeakKind = Leak['kind'];
export type Notice = z.infer<typeof noticeSchema>;
export type NoticeKind = Notice['kind'];
export type AnalysisWarning = z.infer<typeof warningSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type SectionStatus = Section['status'];
export type SectionOwnStats = Section['own'];
export type UnreadReason = (typeof UNREAD_REASONS)[number];
