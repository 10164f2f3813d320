/**
 * The JSON report: the public contract scripts depend on. Versioned by `schemaVersion`;
 * a breaking change bumps it. `redactmap schema` prints the JSON Schema generated from this.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

const bbox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[x0, y0, x1, y1] in PDF points, origin top-left of the displayed page');

export const redactionSchema = z.object({
  id: z.string(),
  bbox,
  source: z.enum(['vector', 'annotation', 'raster']),
  label: z.string().optional().describe('exemption label printed on the box, e.g. "(b)(6)"'),
  parts: z.array(bbox).optional().describe('the touching boxes merged into this region, when more than one'),
  annotation: z.string().optional().describe('annotation subtype when source is "annotation"'),
  unapplied: z.boolean().optional().describe('a Redact annotation that was never applied'),
});

export const pageSchema = z.object({
  page: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  textSource: z.enum(['text-layer', 'ocr', 'none']),
  ocrConfidence: z.number().optional().describe('mean OCR word confidence 0..100, OCR pages only'),
  redactions: z.array(redactionSchema),
  text: z.string().describe('visible text in reading order, redactions as placeholders'),
});

export const sectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.number().int().min(0),
  pageStart: z.number().int().min(1),
  pageEnd: z.number().int().min(1),
  status: z.enum(['readable', 'partial', 'redacted']),
  readableRatio: z.number().min(0).max(1),
  visibleWords: z.number().int().min(0),
  hiddenWordsEstimate: z.number().int().min(0),
  redactionIds: z.array(z.string()),
  headingBBox: bbox.optional().describe('where the heading stands on pageStart'),
});

export const leakSchema = z.object({
  page: z.number().int().min(1),
  bbox,
  kind: z.enum(['text-under-box', 'unapplied-annotation', 'image-under-box']),
  text: z.string(),
  redactionId: z.string(),
});

export const summarySchema = z.object({
  pages: z.number().int().min(0),
  redactions: z.number().int().min(0),
  redactionsBySource: z.object({
    vector: z.number().int().min(0),
    annotation: z.number().int().min(0),
    raster: z.number().int().min(0),
  }),
  leaks: z.number().int().min(0),
  sections: z.object({
    total: z.number().int().min(0),
    readable: z.number().int().min(0),
    partial: z.number().int().min(0),
    redacted: z.number().int().min(0),
  }),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('redactmap'), version: z.string() }),
  file: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    pages: z.number().int().min(0),
    bytes: z.number().int().min(0),
  }),
  pages: z.array(pageSchema),
  sections: z.array(sectionSchema),
  leaks: z.array(leakSchema),
  summary: summarySchema,
});

export type Report = z.infer<typeof reportSchema>;
export type ReportPage = z.infer<typeof pageSchema>;
export type ReportSection = z.infer<typeof sectionSchema>;
export type ReportLeak = z.infer<typeof leakSchema>;
export type ReportSummary = z.infer<typeof summarySchema>;

/** The JSON Schema (draft 2020-12) of the report, generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
