/**
 * The JSON report: the public contract scripts depend on. Versioned by `schemaVersion`;
 * a breaking change bumps it (README: "Migrating from schema 1"). `redactmap schema` prints the
 * JSON Schema generated from this. The leaf types live in ../report-types.ts.
 */
import { z } from 'zod';
import {
  bboxSchema,
  LEAK_KINDS,
  leakSchema,
  noticeSchema,
  redactionSchema,
  REDACTION_SOURCES,
  REDACTION_STYLES,
  sectionSchema,
  UNREAD_REASONS,
  warningSchema,
} from '../report-types.js';

export { redactionSchema, leakSchema, noticeSchema, sectionSchema, warningSchema };

import { SCHEMA_VERSION } from '../report-constants.js';

export { SCHEMA_VERSION };

export const OCR_ENGINES = ['tesseract.js', 'tesseract'] as const;

export const pageSchema = z.object({
  page: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  textSource: z.enum(['text-layer', 'ocr', 'none']),
  unread: z
    .enum(UNREAD_REASONS)
    .optional()
    .describe('why the page has no text source although it has ink: ocr-off (--ocr never), ocr-failed, no-text-found, skipped (a limit)'),
  ocrEngine: z.enum(OCR_ENGINES).optional().describe('the OCR engine that read the page, OCR pages only'),
  ocrConfidence: z.number().optional().describe('mean OCR word confidence 0..100, OCR pages only'),
  redactions: z.array(redactionSchema),
  text: z.string().describe('visible text in reading order, redactions as placeholders'),
});

const count = z.number().int().min(0);
const perKey = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [K in T[number]]: typeof count });

export const sectionCountsSchema = z.object({
  total: count,
  readable: count,
  partial: count,
  redacted: count,
  unread: count,
});

export const summarySchema = z.object({
  pages: count,
  pagesUnread: count.describe('pages with ink but no text source (see pages[].unread)'),
  redactions: count,
  redactionsBySource: perKey(REDACTION_SOURCES),
  redactionsByStyle: perKey(REDACTION_STYLES),
  redactionsByCategory: z.record(z.string(), count).describe('redactions per label category (labelled ones only)'),
  leaks: count,
  leaksByKind: perKey(LEAK_KINDS),
  notices: count,
  warnings: count,
  sections: z.object({
    topLevel: sectionCountsSchema.describe('sections without a parent (parentId null)'),
    all: sectionCountsSchema.describe('every section at every level'),
  }),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('redactmap'), version: z.string() }),
  file: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    pages: count,
    bytes: count,
  }),
  pages: z.array(pageSchema),
  sections: z.array(sectionSchema).describe('in document order; a tree through parentId'),
  leaks: z.array(leakSchema),
  notices: z.array(noticeSchema).describe('things a reviewer should know that are not leaks'),
  warnings: z.array(warningSchema).describe('what was skipped or could not be read: never silence'),
  summary: summarySchema,
});

export { bboxSchema };
export type Report = z.infer<typeof reportSchema>;
export type ReportPage = z.infer<typeof pageSchema>;
export type ReportSection = z.infer<typeof sectionSchema>;
export type ReportLeak = z.infer<typeof leakSchema>;
export type ReportNotice = z.infer<typeof noticeSchema>;
export type ReportWarning = z.infer<typeof warningSchema>;
export type ReportSummary = z.infer<typeof summarySchema>;
export type SectionCounts = z.infer<typeof sectionCountsSchema>;

/** The JSON Schema (draft 2020-12) of the report, generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
