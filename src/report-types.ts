/**
 * The report's leaf types, as zod schemas: the one source of truth for what a report carries.
 * report/schema.ts composes the report from them (and generates the JSON Schema); the pipeline
 * stages use the inferred types through model.ts. This module sits beside model.ts at the root of
 * the pipeline, so every stage may import it.
 */
import { z } from 'zod';
import {
  LEAK_KIND_INFO,
  LEAK_KINDS,
  NOTICE_KIND_INFO,
  NOTICE_KINDS,
  REDACTION_SOURCES,
  REDACTION_STYLES,
  SECTION_STATUSES,
  UNREAD_REASONS,
} from './report-constants.js';

export { LEAK_KIND_INFO, LEAK_KINDS, NOTICE_KIND_INFO, NOTICE_KINDS, REDACTION_SOURCES, REDACTION_STYLES, SECTION_STATUSES, UNREAD_REASONS };

export const bboxSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[x0, y0, x1, y1] in PDF points, origin top-left of the displayed page');

const point = z.tuple([z.number(), z.number()]);
const count = z.number().int().min(0);

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
