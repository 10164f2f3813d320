/**
 * The zod schema of a batch's index.json (its types, and the JSON Schema `redactmap schema --index`
 * prints). Kept apart from index-file.ts, which writes the index, so that a batch run does not load
 * zod (~150 ms of CPU per process, measured).
 */
import { z } from 'zod';
import { FAILURE_CODES } from '../errors.js';
import { summarySchema } from '../report/schema.js';
import { SCHEMA_VERSION } from '../report-constants.js';
import { INDEX_VERSION } from './index-file.js';
import { TEXT_SOURCE_SUMMARIES } from './protocol.js';

export const indexEntrySchema = z.object({
  path: z.string().describe('input path relative to the batch folder, "/"-separated'),
  status: z.enum(['ok', 'error']),
  error: z.string().nullable().describe('one-line reason when status is "error"'),
  code: z.enum(FAILURE_CODES).nullable().describe('failure class when status is "error"'),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  report: z.string().nullable().describe('JSON report, relative to the output folder'),
  markdown: z.string().nullable().describe('Markdown report (--markdown), relative to the output folder'),
  overlays: z.string().nullable().describe('overlay folder (--overlays), relative to the output folder'),
  html: z.string().nullable().describe('review page (--html), relative to the output folder'),
  textSource: z.enum(TEXT_SOURCE_SUMMARIES).nullable().describe('where the pages\' text came from: text-layer, ocr, none, or mixed'),
  summary: summarySchema.nullable().describe("the report's summary counts, when status is \"ok\""),
  warnings: z.array(z.string()).describe('one-line notes that did not fail the file (e.g. overlays not drawn)'),
});

export const batchIndexSchema = z.object({
  indexVersion: z.literal(INDEX_VERSION),
  generator: z.object({ name: z.literal('redactmap'), version: z.string() }),
  reportSchemaVersion: z.literal(SCHEMA_VERSION),
  totals: z.object({
    files: z.number().int().min(0),
    ok: z.number().int().min(0),
    error: z.number().int().min(0),
    pages: z.number().int().min(0),
    redactions: z.number().int().min(0),
    leaks: z.number().int().min(0),
  }),
  files: z.array(indexEntrySchema),
});

export type IndexEntry = z.infer<typeof indexEntrySchema>;
export type BatchIndex = z.infer<typeof batchIndexSchema>;

/** The JSON Schema (draft 2020-12) of index.json. */
export function indexJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(batchIndexSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

